; Environment reads in Python. Captures: @name, the variable's name (a string literal); @default, the value the
; code falls back to. Captures whose name starts with "_" are only tested by predicates.
; The receivers are matched by their text (`os.environ`), not by nested patterns: tree-sitter's analysis of a
; query costs per pattern and nesting level (these two compile in a sixth of the time of the eleven nested
; patterns they replace).

; os.environ["X"], environ["X"] (from os import environ)
(subscript
  value: (_) @_environ
  subscript: (string) @name
  (#any-of? @_environ "os.environ" "environ"))

; os.environ.get("X"[, default]), environ.get(...), os.getenv(...), getenv(...) (from os import getenv)
(call
  function: (_) @_get
  arguments: (argument_list . (string) @name . (_)? @default)
  (#any-of? @_get "os.environ.get" "environ.get" "os.getenv" "getenv"))
