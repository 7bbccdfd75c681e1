; Environment reads in JavaScript and TypeScript (this file is compiled for the javascript, typescript and tsx
; grammars). Captures: @name, the variable's name (an identifier or a string literal); @default, the value the
; code falls back to (`process.env.X || "d"`, `?? "d"`). Captures whose name starts with "_" are only tested
; by predicates.
; The receivers are matched by their text (`process.env`), not by nested patterns: tree-sitter's analysis of a
; query costs per pattern and nesting level, and this file is compiled for three grammars.

; process.env.X
(member_expression
  object: (_) @_env
  property: (property_identifier) @name
  (#eq? @_env "process.env"))

; import.meta.env.X (Vite), but not the values Vite itself gives every build (its mode, the base URL, whether
; it is a dev, production or server-side build)
(member_expression
  object: (_) @_env
  property: (property_identifier) @name
  (#eq? @_env "import.meta.env")
  (#not-any-of? @name "MODE" "BASE_URL" "PROD" "DEV" "SSR"))

; process.env["X"]
(subscript_expression
  object: (_) @_env
  index: (string) @name
  (#eq? @_env "process.env"))

; process.env.X || "default", process.env.X ?? "default"
(binary_expression
  left: (member_expression object: (_) @_env property: (property_identifier) @name)
  operator: _ @_op
  right: (_) @default
  (#eq? @_env "process.env") (#any-of? @_op "||" "??"))

; const { X, Y } = process.env
(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @name)
  value: (_) @_env
  (#eq? @_env "process.env"))

; const { X = "default" } = process.env
(variable_declarator
  name: (object_pattern
    (object_assignment_pattern left: (shorthand_property_identifier_pattern) @name right: (_) @default))
  value: (_) @_env
  (#eq? @_env "process.env"))

; Deno.env.get("X")
(call_expression
  function: (_) @_get
  arguments: (arguments . (string) @name)
  (#eq? @_get "Deno.env.get"))
