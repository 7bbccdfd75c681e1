package api

import (
	"encoding/json"
	"net/http"

	"example.com/ledger/internal/store"
)

func accountHandler(db *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		account, err := db.Account(r.PathValue("id"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		_ = json.NewEncoder(w).Encode(account)
	}
}
