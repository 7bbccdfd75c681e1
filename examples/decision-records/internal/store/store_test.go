package store

import "testing"

func TestApply(t *testing.T) {
	s, _ := Open("test.db")
	if err := s.Apply(Transfer{From: "a", To: "b", Amount: 5}); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Account("b"); b != 5 {
		t.Fatalf("balance %d", b)
	}
}
