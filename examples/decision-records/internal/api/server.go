// Package api is the HTTP interface of the ledger.
package api

import (
	"net/http"

	"example.com/ledger/internal/store"
)

// NewServer routes the ledger endpoints to the store.
func NewServer(db *store.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /accounts/{id}", accountHandler(db))
	mux.HandleFunc("POST /transfers", transferHandler(db))
	return mux
}
