#pragma once
// The tree-sitter languages tacit can parse, RAII owners for tree-sitter objects, a parse bounded in CPU
// time and a non-recursive tree walk: what every module that parses a file needs.
//
// The runtime and grammars are pinned in grammars/grammars.lock and built into the tacit_treesitter
// library (cmake/Grammars.cmake). Parsers are not thread-safe and cost a few allocations to set up:
// keep one per thread and language (e.g. thread_local) rather than one per file.

#include <tree_sitter/api.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace tacit::doc {

/// A grammar tacit links in. Markdown is two grammars: the block structure and its inline content.
enum class Language {
  Markdown,
  MarkdownInline,
  Yaml,
  Json,
  Bash,
  Python,
  JavaScript,
  TypeScript,
  Tsx,
  Go,
  Rust,
  C,
  Cpp,
  Java,
};

/// Every Language, in declaration order.
inline constexpr std::array k_all_languages = {
    Language::Markdown,   Language::MarkdownInline, Language::Yaml,
    Language::Json,       Language::Bash,           Language::Python,
    Language::JavaScript, Language::TypeScript,     Language::Tsx,
    Language::Go,         Language::Rust,           Language::C,
    Language::Cpp,        Language::Java,
};

/// The grammar's TSLanguage (static data; never null, never freed).
const TSLanguage* ts_language(Language language);

/// A short lowercase name: "markdown", "markdown_inline", "yaml", ..., "cpp", "java".
std::string_view language_name(Language language);

/// The language a code-fence info string or file-type word names ("sh", "py", "golang", "c++", ...).
std::optional<Language> language_from_name(std::string_view name);

/// Deletes a TSParser.
struct ParserDeleter {
  void operator()(TSParser* parser) const noexcept { ts_parser_delete(parser); }
};

/// Deletes a TSTree.
struct TreeDeleter {
  void operator()(TSTree* tree) const noexcept { ts_tree_delete(tree); }
};

/// Deletes a TSQuery.
struct QueryDeleter {
  void operator()(TSQuery* query) const noexcept { ts_query_delete(query); }
};

/// Deletes a TSQueryCursor.
struct QueryCursorDeleter {
  void operator()(TSQueryCursor* cursor) const noexcept { ts_query_cursor_delete(cursor); }
};

/// An owned parser.
using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;
/// An owned syntax tree.
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;
/// An owned compiled query.
using QueryPtr = std::unique_ptr<TSQuery, QueryDeleter>;
/// An owned query cursor.
using QueryCursorPtr = std::unique_ptr<TSQueryCursor, QueryCursorDeleter>;

/// A new parser set to `language`; null only if the runtime rejects the grammar's ABI (a build
/// error that the unit tests catch), so callers may treat null as "cannot parse this language".
ParserPtr make_parser(Language language);

/// The CPU time the calling thread has used so far.
std::chrono::nanoseconds thread_cpu_time();

/// The bytes tree-sitter holds that the calling thread allocated, minus those it freed (tacit counts them
/// through ts_set_allocator: a syntax tree takes 50-150 times its text, so a dense 8 MiB file needs GBs).
std::int64_t tree_sitter_bytes_on_thread();

/// What one file's parses may hold at once, whatever its size: past it the parse stops as on a timeout.
inline constexpr std::int64_t k_parse_memory = std::int64_t{256} << 20;

/// The CPU time and the memory the parses of one file may use. Both are counted on the calling thread, so a
/// busy machine does not change what gets parsed; pathological input (deep nesting, huge or dense files)
/// can neither hang a run nor exhaust memory.
class ParseBudget {
public:
  /// A budget of `cpu_time` from now and `memory` bytes of tree-sitter memory above what this thread holds.
  explicit ParseBudget(std::chrono::microseconds cpu_time, std::int64_t memory = k_parse_memory)
      : m_limit(thread_cpu_time() + cpu_time), m_memory_limit(tree_sitter_bytes_on_thread() + memory) {}

  /// True once the budget is used up. Reads the clock (a system call) on every 64th call only, as
  /// tree-sitter asks about once a microsecond; the memory count on every call.
  bool spent();

  /// Whether spent() has returned true.
  bool expired() const { return m_expired; }

  /// Whether it was the memory that ran out (else the time).
  bool out_of_memory() const { return m_out_of_memory; }

private:
  std::chrono::nanoseconds m_limit;
  std::int64_t m_memory_limit;
  unsigned m_calls = 0;
  bool m_expired = false;
  bool m_out_of_memory = false;
};

/// Parses `text` (within the parser's included ranges, if set). Returns null when `budget` runs out
/// first; the parser is then reset, ready for its next use.
TreePtr parse_until(TSParser* parser, std::string_view text, ParseBudget& budget);

/// The node's range minus its named children: for Markdown, the text an `inline` node holds without
/// the block continuations ("> ", list indentation) of its later lines. Empty pieces are dropped.
std::vector<TSRange> ranges_without_named_children(TSNode node);

/// Visits `root` and its descendants in document order without recursion (nesting can be thousands
/// deep). `visit(TSNode node, uint32_t depth)` returns whether to descend into `node`; root has depth 0.
template <class Visit> void walk(TSNode root, Visit&& visit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool descend = visit(root, 0u);
  for (;;) {
    if (!(descend && ts_tree_cursor_goto_first_child(&cursor))) {
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          ts_tree_cursor_delete(&cursor);
          return;
        }
      }
    }
    descend = visit(ts_tree_cursor_current_node(&cursor), ts_tree_cursor_current_depth(&cursor));
  }
}

} // namespace tacit::doc
