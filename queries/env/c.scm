; Environment reads in C and C++ (this file is compiled for the c and cpp grammars). Captures: @name, the
; variable's name (a string literal). Captures whose name starts with "_" are only tested by predicates.

; getenv("X"), secure_getenv("X")
(call_expression
  function: (identifier) @_fn
  arguments: (argument_list . (string_literal) @name .)
  (#any-of? @_fn "getenv" "secure_getenv"))
