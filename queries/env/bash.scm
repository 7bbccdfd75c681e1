; Environment reads in shell scripts: an expansion with a default or a check, ${X:-default}, ${X-default},
; ${X:=default}, ${X:?message}. A plain $X is not counted (most are the script's own variables); the reader
; drops names the script assigns itself. Captures: @name, the variable; @default, the fallback word.
; The operator is captured and tested by a predicate rather than listed in the pattern: tree-sitter's analysis
; of a query over the large Bash grammar costs per step.

(expansion
  (variable_name) @name
  operator: _ @_op
  .
  (_)? @default
  (#any-of? @_op ":-" "-" ":=" "="))
(expansion
  (variable_name) @name
  operator: _ @_op
  (#any-of? @_op ":?" "?"))
