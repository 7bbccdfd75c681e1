package forecast

import "testing"

func TestFor(t *testing.T) {
	if got := For("Paris"); got != "Paris: sunny" {
		t.Fatalf("For(Paris) = %q", got)
	}
}
