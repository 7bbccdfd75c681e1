; Environment reads in shell scripts: an expansion with a default or a check, ${X:-default}, ${X-default},
; ${X:=default}, ${X:?message}. A plain $X is not counted (most are the script's own variables); the reader
; drops names the script assigns itself. Captures: @name, the variable; @default, the fallback word.

(expansion
  (variable_name) @name
  operator: [":-" "-" ":=" "="]
  .
  (_)? @default)
(expansion
  (variable_name) @name
  operator: [":?" "?"])
