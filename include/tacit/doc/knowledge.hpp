#pragma once
// The knowledge index: what the docs *say*. Every command mentioned in a code block or an inline code
// span, normalised (prompts stripped, continuations joined, chains split, wrappers peeled), and every
// repository path mentioned (links, imports, inline code that is clearly a path), each with its location.
// "Is X documented?" is a query here.

#include <tacit/doc/document.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::doc {

/// One command as a doc shows it.
struct CommandMention {
  std::vector<std::string> words;  ///< after env assignments, sudo/time and `./` are stripped
  std::vector<std::string> peeled; ///< `words` with wrappers (python -m, npx, uv run...) peeled off; empty
                                   ///< when there was no wrapper
  std::string doc;                 ///< the document it appears in
  int line = 0;
  int column = 0;
  bool in_code_block = false;
};

/// How a path was mentioned.
enum class PathMentionKind { link, import, inline_code };

/// A repository path as a doc mentions it (not yet resolved).
struct PathMention {
  std::string text; ///< as written (link target without #anchor / ?query, percent-decoded)
  std::string doc;
  int line = 0;
  int column = 0;
  PathMentionKind kind = PathMentionKind::link;
};

/// A command to look for: a program and, optionally, one of several subcommands/targets.
/// {"npm", {"test", "t"}} matches `npm test`, `npm t --watch`, `npm --silent test`.
struct CommandPattern {
  std::string_view program;
  std::vector<std::string_view> subcommands; ///< empty: the program alone is enough
  bool subcommand_prefix = false;            ///< "test" also matches "test:unit", "tests", "test-all"
};

/// Splits one command line (a code block line without its prompt, or an inline code span) into normalised
/// commands: quotes and escapes understood, chains (&&, ||, ;, |) split, comments and redirections dropped.
std::vector<std::vector<std::string>> split_commands(std::string_view line);

/// Normalises one command's words: env assignments, sudo, time, nohup, exec, `./` prefixes stripped;
/// gradlew/mvnw/py.test/python3 mapped to gradle/mvn/pytest/python.
std::vector<std::string> normalize_command(std::vector<std::string> words);

/// Peels wrappers (the data table in knowledge.cpp): python -m X, npx X, pnpm exec X, uv run X...
std::vector<std::string> peel_wrappers(const std::vector<std::string>& words);

/// The repository path that an inline code span clearly names ("src/main.cpp", "docs/"), or "" when the span
/// is not clearly a path (no directory part, placeholders, globs, URLs, absolute paths, domains).
std::string inline_code_path(std::string_view code);

/// The repository path a link target names (anchor and query removed, percent-decoded), or "" for URLs,
/// anchors and other schemes.
std::string link_path(std::string_view target);

/// `text` with Markdown's backslash escapes resolved, as CommonMark reads a link destination (terraform-docs
/// writes `[name](#output\_name)` for the anchor `output_name`).
std::string markdown_unescape(std::string_view text);

/// True when `words` (normalised or peeled) is an instance of `pattern`.
bool matches(const std::vector<std::string>& words, const CommandPattern& pattern);

/// The index over all documents.
class KnowledgeIndex {
public:
  /// Adds everything `doc` mentions.
  void add(const Document& doc);

  /// Appends another index (documents are indexed in parallel, then merged in document order).
  void merge(KnowledgeIndex&& other);
  /// Room for this many mentions in all (a context merges thousands of documents' indexes into one).
  void reserve(std::size_t commands, std::size_t paths) {
    m_commands.reserve(commands);
    m_paths.reserve(paths);
  }

  /// Where one document's mentions lie in an index built by merging the documents' indexes in order.
  struct Span {
    std::size_t commands_begin = 0, commands_end = 0;
    std::size_t paths_begin = 0, paths_end = 0;
  };
  /// The end of the mentions so far, to take a document's Span around its merge.
  Span end() const { return {m_commands.size(), m_commands.size(), m_paths.size(), m_paths.size()}; }

  /// Appends copies of the mentions `span` covers in `other`: what add() gave there for a document equal to
  /// one about to be added here (the base of a diff-aware run takes an unchanged document's mentions from the
  /// scanned state instead of splitting its commands again).
  void append_copy(const KnowledgeIndex& other, const Span& span);

  const std::vector<CommandMention>& commands() const { return m_commands; }
  const std::vector<PathMention>& paths() const { return m_paths; }

  /// The first mention (in document order) that matches any of `patterns`, or nullptr.
  const CommandMention* find(std::span<const CommandPattern> patterns) const;

private:
  void add_command_text(const Document& doc, std::string_view text, int line, int column, bool code_block);
  std::vector<CommandMention> m_commands;
  std::vector<PathMention> m_paths;
};

} // namespace tacit::doc
