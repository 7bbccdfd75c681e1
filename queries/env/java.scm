; Environment reads in Java. Captures: @name, the variable's name (a string literal). Captures whose name starts
; with "_" are only tested by predicates.

; System.getenv("X")
(method_invocation
  object: (identifier) @_system
  name: (identifier) @_getenv
  arguments: (argument_list . (string_literal) @name .)
  (#eq? @_system "System") (#eq? @_getenv "getenv"))

; System.getenv().get("X"), System.getenv().getOrDefault("X", default)
(method_invocation
  object: (method_invocation object: (identifier) @_system name: (identifier) @_getenv)
  name: (identifier) @_get
  arguments: (argument_list . (string_literal) @name)
  (#eq? @_system "System") (#eq? @_getenv "getenv") (#eq? @_get "get"))
(method_invocation
  object: (method_invocation object: (identifier) @_system name: (identifier) @_getenv)
  name: (identifier) @_get
  arguments: (argument_list . (string_literal) @name . (_) @default)
  (#eq? @_system "System") (#eq? @_getenv "getenv") (#eq? @_get "getOrDefault"))
