; Environment reads in Rust. Captures: @name, the variable's name (a string literal); @default, the value the
; code falls back to (`.unwrap_or("d")`). Captures whose name starts with "_" are only tested by predicates.
; The functions are matched by their text (`std::env::var`), not by nested patterns: tree-sitter's analysis
; of a query costs per pattern and nesting level.

; std::env::var("X"), env::var("X"), env::var_os("X")
(call_expression
  function: (_) @_fn
  arguments: (arguments . (string_literal) @name)
  (#match? @_fn "^(.*::)?env::var(_os)?$"))

; env::var("X").unwrap_or("default")
(call_expression
  function: (field_expression
    value: (call_expression function: (_) @_fn arguments: (arguments . (string_literal) @name))
    field: (field_identifier) @_unwrap)
  arguments: (arguments . (string_literal) @default)
  (#match? @_fn "^(.*::)?env::var(_os)?$") (#eq? @_unwrap "unwrap_or"))

; env!("X"), option_env!("X"), std::env!("X")
(macro_invocation
  macro: (_) @_macro
  (token_tree . (string_literal) @name)
  (#match? @_macro "^(.*::)?(env|option_env)$"))
