// Command ledger serves the ledger API.
package main

import (
	"log"
	"net/http"

	"example.com/ledger/internal/api"
	"example.com/ledger/internal/store"
)

func main() {
	db, err := store.Open("ledger.db")
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(":8080", api.NewServer(db)))
}
