// Package store keeps accounts and transfers as an append-only journal.
package store

import "errors"

// Store is the ledger's journal.
type Store struct {
	path     string
	accounts map[string]int64
}

// Transfer moves an amount between two accounts.
type Transfer struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Amount int64  `json:"amount"`
}

// Open opens the journal at path.
func Open(path string) (*Store, error) {
	return &Store{path: path, accounts: map[string]int64{}}, nil
}

// Account returns the balance of an account.
func (s *Store) Account(id string) (int64, error) {
	balance, ok := s.accounts[id]
	if !ok {
		return 0, errors.New("no such account")
	}
	return balance, nil
}

// Apply records a transfer.
func (s *Store) Apply(t Transfer) error {
	if t.Amount <= 0 {
		return errors.New("amount must be positive")
	}
	s.accounts[t.From] -= t.Amount
	s.accounts[t.To] += t.Amount
	return nil
}
