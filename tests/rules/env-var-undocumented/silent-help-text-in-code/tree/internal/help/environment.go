package help

import "fmt"

var Environment = fmt.Sprintf(`
	%[1]sCLIP_PAGER%[1]s: the terminal pager to page output through.
`, "`")
