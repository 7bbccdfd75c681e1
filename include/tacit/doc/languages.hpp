#pragma once
// The tree-sitter languages tacit can parse, RAII owners for tree-sitter objects, a parse bounded in CPU
// time and a non-recursive tree walk: what every module that parses a file needs.
//
// The runtime and grammars are pinned in grammars/grammars.lock and built into the tacit_treesitter
// library (cmake/Grammars.cmake). Parsers are not thread-safe and cost a few allocations to set up:
// keep one per thread and language (e.g. thread_local) rather than one per file.

#include <tree_sitter/api.h>

#include <array>
#include <atomic>
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

/// CPU time shared by the parses of a whole run, on every thread: once their total reaches the limit, every
/// ParseBudget that draws on it is spent. One file's allowance grows with its size, so without a shared
/// limit a run over several pathological files would take the sum of their allowances.
class RunBudget {
public:
  /// A budget of `cpu_time` for the run.
  explicit RunBudget(std::chrono::microseconds cpu_time)
      : m_limit_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(cpu_time).count()) {}
  RunBudget(const RunBudget&) = delete;
  RunBudget& operator=(const RunBudget&) = delete;

  /// Counts `used` against the run; true when the run's total has reached the limit.
  bool charge(std::chrono::nanoseconds used) {
    return m_used_ns.fetch_add(used.count(), std::memory_order_relaxed) + used.count() >= m_limit_ns;
  }

  /// True once the run's total has reached the limit.
  bool spent() const { return m_used_ns.load(std::memory_order_relaxed) >= m_limit_ns; }

  /// The limit.
  std::chrono::microseconds limit() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::nanoseconds(m_limit_ns));
  }

private:
  std::int64_t m_limit_ns;
  std::atomic<std::int64_t> m_used_ns{0};
};

/// The bytes tree-sitter holds that the calling thread allocated, minus those it freed (tacit counts them
/// through ts_set_allocator: a syntax tree takes 50-150 times its text, so a dense 8 MiB file needs GBs).
std::int64_t tree_sitter_bytes_on_thread();

/// What one file's parses may hold at once, whatever its size: past it the parse stops as on a timeout.
inline constexpr std::int64_t k_parse_memory = std::int64_t{256} << 20;

/// The CPU time and the memory the parses of one file may use, and, when given, the run's shared time budget
/// it draws on. Both are counted on the calling thread, so a busy machine does not change what gets parsed;
/// pathological input (deep nesting, huge or dense files) can neither hang a run nor exhaust memory.
class ParseBudget {
public:
  /// A budget of `cpu_time` from now, on this thread, within `run` when given, and `memory` bytes of
  /// tree-sitter memory above what this thread holds.
  explicit ParseBudget(std::chrono::microseconds cpu_time, RunBudget* run = nullptr,
                       std::int64_t memory = k_parse_memory)
      : m_run(run), m_charged(thread_cpu_time()), m_limit(m_charged + cpu_time),
        m_memory_limit(tree_sitter_bytes_on_thread() + memory) {}
  ParseBudget(const ParseBudget&) = delete;
  ParseBudget& operator=(const ParseBudget&) = delete;
  /// Counts what is not yet counted against the run.
  ~ParseBudget();

  /// True once the budget (or the run's, or the memory) is used up. Reads the memory count and the clock (a
  /// system call of well under a microsecond) on every call: tree-sitter asks once per 100 parse operations,
  /// and on adversarial input (a megabyte-long line of backtick runs) one operation can scan the rest of the
  /// line.
  bool spent();

  /// Whether spent() has returned true.
  bool expired() const { return m_expired; }

  /// Whether the run's shared budget, rather than this file's own, ran out first.
  bool run_spent() const { return m_run_spent; }

  /// Whether it was the memory that ran out (else the time).
  bool out_of_memory() const { return m_out_of_memory; }

private:
  RunBudget* m_run;
  std::chrono::nanoseconds m_charged; ///< the thread's CPU time counted against the run so far
  std::chrono::nanoseconds m_limit;
  std::int64_t m_memory_limit;
  bool m_expired = false;
  bool m_run_spent = false;
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
