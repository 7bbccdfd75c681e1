; Environment reads in Go. Captures: @name, the variable's name (a string literal). Captures whose name starts
; with "_" are only tested by predicates.

; os.Getenv("X"), os.LookupEnv("X")
(call_expression
  function: (selector_expression operand: (identifier) @_os field: (field_identifier) @_fn)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @name .)
  (#eq? @_os "os") (#any-of? @_fn "Getenv" "LookupEnv"))
