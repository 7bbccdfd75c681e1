# Pinned tree-sitter runtime and grammars.
#
# At configure time grammars/fetch.sh brings the tarballs pinned in grammars/grammars.lock from the npm
# registry (checked against their sha512 integrity) and extracts their C sources into
# ${CMAKE_BINARY_DIR}/_grammars. Nothing fetched lands in the source tree. This file then defines
#   tacit_treesitter  STATIC library: the runtime plus every grammar; exposes <tree_sitter/api.h>.

set(TACIT_GRAMMAR_CACHE "" CACHE PATH
    "Where fetched grammar tarballs are kept (empty: \${XDG_CACHE_HOME:-\$HOME/.cache}/tacit/npm)")

set(_tacit_grammar_lock ${CMAKE_CURRENT_LIST_DIR}/../grammars/grammars.lock)
set(_tacit_grammar_fetch ${CMAKE_CURRENT_LIST_DIR}/../grammars/fetch.sh)
set(_tacit_grammar_dir ${CMAKE_BINARY_DIR}/_grammars)
cmake_path(NORMAL_PATH _tacit_grammar_lock)
cmake_path(NORMAL_PATH _tacit_grammar_fetch)

# Re-run this step (and so the fetch) whenever the pins or the fetch script change.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_tacit_grammar_lock} ${_tacit_grammar_fetch})

find_program(TACIT_BASH bash REQUIRED)
set(_tacit_fetch_args ${_tacit_grammar_dir})
if(TACIT_GRAMMAR_CACHE)
  list(APPEND _tacit_fetch_args ${TACIT_GRAMMAR_CACHE})
endif()
execute_process(
  COMMAND ${TACIT_BASH} ${_tacit_grammar_fetch} ${_tacit_fetch_args}
  RESULT_VARIABLE _tacit_fetch_result
  ERROR_VARIABLE _tacit_fetch_error
  ECHO_OUTPUT_VARIABLE)
if(NOT _tacit_fetch_result EQUAL 0)
  string(STRIP "${_tacit_fetch_error}" _tacit_fetch_error)
  message(FATAL_ERROR "Could not fetch the pinned tree-sitter grammars (grammars/fetch.sh exited with "
                      "${_tacit_fetch_result}):\n${_tacit_fetch_error}")
endif()

# Read the lock: one entry per line, `name version symbols integrity`.
file(STRINGS ${_tacit_grammar_lock} _tacit_lock_lines REGEX "^[^#]")
set(_tacit_grammar_objects)
set(_tacit_runtime_dir)
foreach(_line IN LISTS _tacit_lock_lines)
  string(REGEX MATCH "^([^ \t]+)[ \t]+([^ \t]+)[ \t]+([^ \t]+)[ \t]+(sha512-[^ \t]+)" _match "${_line}")
  if(NOT _match)
    continue()
  endif()
  set(_name ${CMAKE_MATCH_1})
  set(_symbols ${CMAKE_MATCH_3})
  string(REGEX REPLACE "^@[^/]+/" "" _pkg_dir "${_name}")
  set(_root ${_tacit_grammar_dir}/${_pkg_dir})

  if(_symbols STREQUAL "runtime")
    set(_tacit_runtime_dir ${_root}/vendor/tree-sitter/lib)
    continue()
  endif()

  # A package holds one grammar in src/ or several in <sub>/src/ (typescript, markdown).
  file(GLOB _parsers ${_root}/src/parser.c ${_root}/*/src/parser.c)
  string(REPLACE "," ";" _symbol_list "${_symbols}")
  list(LENGTH _parsers _parser_count)
  list(LENGTH _symbol_list _symbol_count)
  if(NOT _parser_count EQUAL _symbol_count)
    message(FATAL_ERROR "${_name}: the lock names ${_symbol_count} grammar(s) (${_symbols}) but "
                        "${_root} holds ${_parser_count} parser.c; delete ${_tacit_grammar_dir} and re-run cmake")
  endif()

  foreach(_parser IN LISTS _parsers)
    cmake_path(GET _parser PARENT_PATH _src)
    file(RELATIVE_PATH _rel ${_tacit_grammar_dir} ${_src})
    string(MAKE_C_IDENTIFIER "tacit_grammar_${_rel}" _target)
    set(_sources ${_parser})
    # scanner.c only: tree-sitter-yaml's scanner includes schema.core.c itself.
    if(EXISTS ${_src}/scanner.c)
      list(APPEND _sources ${_src}/scanner.c)
      if(TACIT_SANITIZE AND _pkg_dir STREQUAL "tree-sitter-yaml")
        # UBSan reports misaligned int16 stores in this third-party scanner; silence only that.
        set_source_files_properties(${_src}/scanner.c PROPERTIES COMPILE_OPTIONS -fno-sanitize=alignment)
      endif()
    endif()
    add_library(${_target} OBJECT ${_sources})
    target_include_directories(${_target} PRIVATE ${_src})
    target_compile_options(${_target} PRIVATE -w)
    set_target_properties(${_target} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON)
    list(APPEND _tacit_grammar_objects $<TARGET_OBJECTS:${_target}>)
  endforeach()
endforeach()

if(NOT _tacit_runtime_dir OR NOT EXISTS ${_tacit_runtime_dir}/src/lib.c)
  message(FATAL_ERROR "grammars.lock has no usable `runtime` entry (expected ${_tacit_runtime_dir}/src/lib.c)")
endif()

add_library(tacit_treesitter STATIC ${_tacit_runtime_dir}/src/lib.c ${_tacit_grammar_objects})
target_include_directories(tacit_treesitter PRIVATE ${_tacit_runtime_dir}/src)
target_include_directories(tacit_treesitter SYSTEM PUBLIC ${_tacit_runtime_dir}/include)
target_compile_definitions(tacit_treesitter PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
target_compile_options(tacit_treesitter PRIVATE -w)
set_target_properties(tacit_treesitter PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON)
