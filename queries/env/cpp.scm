; Environment reads that only C++ writes (the c.scm patterns are compiled for C++ as well). Captures: @name, the
; variable's name (a string literal). Captures whose name starts with "_" are only tested by predicates.

; std::getenv("X"), ::getenv("X")
(call_expression
  function: (qualified_identifier name: (identifier) @_fn)
  arguments: (argument_list . (string_literal) @name .)
  (#any-of? @_fn "getenv" "secure_getenv"))
