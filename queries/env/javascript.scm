; Environment reads in JavaScript and TypeScript (this file is compiled for the javascript, typescript and tsx
; grammars). Captures: @name, the variable's name (an identifier or a string literal); @default, the value the
; code falls back to (`process.env.X || "d"`, `?? "d"`). Captures whose name starts with "_" are only tested
; by predicates.

; process.env.X
(member_expression
  object: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  property: (property_identifier) @name
  (#eq? @_process "process") (#eq? @_env "env"))

; process.env["X"]
(subscript_expression
  object: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  index: (string) @name
  (#eq? @_process "process") (#eq? @_env "env"))

; process.env.X || "default", process.env.X ?? "default"
(binary_expression
  left: (member_expression
    object: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
    property: (property_identifier) @name)
  operator: ["||" "??"]
  right: (_) @default
  (#eq? @_process "process") (#eq? @_env "env"))

; const { X, Y } = process.env
(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @name)
  value: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  (#eq? @_process "process") (#eq? @_env "env"))

; const { X = "default" } = process.env
(variable_declarator
  name: (object_pattern
    (object_assignment_pattern left: (shorthand_property_identifier_pattern) @name right: (_) @default))
  value: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  (#eq? @_process "process") (#eq? @_env "env"))

; import.meta.env.X (Vite)
(member_expression
  object: (member_expression object: (meta_property) @_meta property: (property_identifier) @_env)
  property: (property_identifier) @name
  (#eq? @_meta "import.meta") (#eq? @_env "env"))

; Deno.env.get("X")
(call_expression
  function: (member_expression
    object: (member_expression object: (identifier) @_deno property: (property_identifier) @_env)
    property: (property_identifier) @_get)
  arguments: (arguments . (string) @name)
  (#eq? @_deno "Deno") (#eq? @_env "env") (#eq? @_get "get"))
