; Environment reads in Python. Captures: @name, the variable's name (a string literal); @default, the value the
; code falls back to. Captures whose name starts with "_" are only tested by predicates.

; os.environ["X"]
(subscript
  value: (attribute object: (identifier) @_os attribute: (identifier) @_environ)
  subscript: (string) @name
  (#eq? @_os "os") (#eq? @_environ "environ"))

; environ["X"] (from os import environ)
(subscript
  value: (identifier) @_environ
  subscript: (string) @name
  (#eq? @_environ "environ"))

; os.environ.get("X"), os.environ.get("X", default)
(call
  function: (attribute
    object: (attribute object: (identifier) @_os attribute: (identifier) @_environ)
    attribute: (identifier) @_get)
  arguments: (argument_list . (string) @name)
  (#eq? @_os "os") (#eq? @_environ "environ") (#eq? @_get "get"))
(call
  function: (attribute
    object: (attribute object: (identifier) @_os attribute: (identifier) @_environ)
    attribute: (identifier) @_get)
  arguments: (argument_list . (string) @name . (_) @default)
  (#eq? @_os "os") (#eq? @_environ "environ") (#eq? @_get "get"))

; environ.get("X"[, default])
(call
  function: (attribute object: (identifier) @_environ attribute: (identifier) @_get)
  arguments: (argument_list . (string) @name)
  (#eq? @_environ "environ") (#eq? @_get "get"))
(call
  function: (attribute object: (identifier) @_environ attribute: (identifier) @_get)
  arguments: (argument_list . (string) @name . (_) @default)
  (#eq? @_environ "environ") (#eq? @_get "get"))

; os.getenv("X"[, default])
(call
  function: (attribute object: (identifier) @_os attribute: (identifier) @_getenv)
  arguments: (argument_list . (string) @name)
  (#eq? @_os "os") (#eq? @_getenv "getenv"))
(call
  function: (attribute object: (identifier) @_os attribute: (identifier) @_getenv)
  arguments: (argument_list . (string) @name . (_) @default)
  (#eq? @_os "os") (#eq? @_getenv "getenv"))

; getenv("X"[, default]) (from os import getenv)
(call
  function: (identifier) @_getenv
  arguments: (argument_list . (string) @name)
  (#eq? @_getenv "getenv"))
(call
  function: (identifier) @_getenv
  arguments: (argument_list . (string) @name . (_) @default)
  (#eq? @_getenv "getenv"))
