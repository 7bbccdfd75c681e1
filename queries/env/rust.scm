; Environment reads in Rust. Captures: @name, the variable's name (a string literal); @default, the value the
; code falls back to (`.unwrap_or("d")`). Captures whose name starts with "_" are only tested by predicates.

; std::env::var("X"), env::var("X"), env::var_os("X")
(call_expression
  function: (scoped_identifier path: (_) @_path name: (identifier) @_fn)
  arguments: (arguments . (string_literal) @name)
  (#match? @_path "(^|::)env$") (#any-of? @_fn "var" "var_os"))

; env::var("X").unwrap_or("default") / .unwrap_or_else(|_| "default".into())
(call_expression
  function: (field_expression
    value: (call_expression
      function: (scoped_identifier path: (_) @_path name: (identifier) @_fn)
      arguments: (arguments . (string_literal) @name))
    field: (field_identifier) @_unwrap)
  arguments: (arguments . (string_literal) @default)
  (#match? @_path "(^|::)env$") (#any-of? @_fn "var" "var_os") (#eq? @_unwrap "unwrap_or"))

; env!("X"), option_env!("X")
(macro_invocation
  macro: (identifier) @_macro
  (token_tree . (string_literal) @name)
  (#any-of? @_macro "env" "option_env"))
(macro_invocation
  macro: (scoped_identifier name: (identifier) @_macro)
  (token_tree . (string_literal) @name)
  (#any-of? @_macro "env" "option_env"))
