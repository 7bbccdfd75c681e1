#pragma once
// A document is what tacit knows about one doc file: its kind (agent context, readme...), and, for
// Markdown, its structure (sections, code blocks, inline code, links, front matter). Docs in other formats
// (reStructuredText, AsciiDoc, plain text) are scanned as text for code blocks and inline code.
//
// Conventions: lines and columns are 1-based; columns count bytes. CRLF and LF give the same lines.

#include <tacit/util/text_decode.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::doc {

/// What a document is for; decides which rules read it and how an agent finds it.
enum class DocKind { agent_context, readme, contributing, architecture, decision_record, other };

/// How a document is written.
enum class DocFormat { markdown, restructured_text, asciidoc, plain_text };

/// A heading and everything under it up to the next heading of the same or a higher level. Kept small: a
/// document may have a million headings (its path of headings is found through `parent`, see heading_path).
struct Section {
  std::string heading; ///< this heading's text, inline markup kept as written
  int level = 0;       ///< 1-6; 0 for the preamble before the first heading
  int line_begin = 0;  ///< the heading line (1 for the preamble)
  int line_end = 0;    ///< last line of the section, inclusive
  int parent = -1;     ///< the index in Document::sections of the section this one is under; -1: none
  std::string body;    ///< the source text of the section without its heading line(s)
};

/// A fenced or indented code block (or a reST literal block / AsciiDoc listing block).
struct CodeBlock {
  std::string info; ///< the info string after the fence ("bash", "console", "" when none or indented)
  std::string text; ///< the content, without fences; lines end with '\n'
  int line = 0;     ///< line of the first content line
  int column = 1;   ///< column where content lines start (after indentation / container markers)
};

/// An inline code span, without its backticks.
struct InlineCode {
  std::string text;
  int line = 0;
  int column = 0; ///< column of the first character of the content
};

/// A link or image target as written (not resolved), from inline, reference, autolink or image syntax.
struct Link {
  std::string target;
  std::string text;
  int line = 0;
  int column = 0; ///< column of the first character of the target
  bool image = false;
};

/// A line `@path` that imports another file (CLAUDE.md / GEMINI.md memory imports).
struct Import {
  std::string target;
  int line = 0;
  int column = 0; ///< column of the '@'
};

/// Everything tacit extracts from one document.
struct Document {
  std::string path; ///< repository-relative, '/'-separated
  DocKind kind = DocKind::other;
  DocFormat format = DocFormat::markdown;
  std::string agents; ///< for agent_context: which agents read it ("Codex, Jules, ..."), else empty

  std::vector<Section> sections;
  std::vector<CodeBlock> code_blocks;
  std::vector<InlineCode> inline_code;
  std::vector<Link> links;
  std::vector<Import> imports;
  std::string front_matter;  ///< raw YAML front matter without the --- fences; empty when none
  int front_matter_line = 0; ///< line of the first front matter content line

  std::string text;             ///< the content, kept for structural documents only (rules read their prose)
  bool structural = false;      ///< parsed with tree-sitter (false: scanned as text)
  bool truncated = false;       ///< the file was larger than the read cap; only its head was read
  bool parse_timed_out = false; ///< the Markdown parse hit its time budget; structure may be partial
  bool parse_run_budget_spent = false; ///< ... and it was the run's budget, shared by all files, that ran out
  bool parse_out_of_memory = false;    ///< ... and it was the memory budget (k_parse_memory) it hit
  std::string skip_reason; ///< non-empty when the content was not parsed at all ("binary", "UTF-16")
  /// Set when the file is not valid UTF-8: the columns above count the decoded text, and these map them
  /// back to the file's bytes (the runner does so for every finding in the file).
  std::vector<util::ColumnShift> column_shifts;
  /// Teaches the project's users, not its contributors (a tutorial, a user guide, "Testing Flask
  /// Applications"): its commands document none of the repository's own procedures (doc::is_user_facing).
  bool user_facing = false;
  bool imported = false;      ///< reached through a context file's `@path` imports (parsed like one)
  std::string symlink_target; ///< for a tracked symlink, the repository path it points to; else empty
};

/// The headings from the top level down to `doc.sections[index]` (none for the preamble).
std::vector<std::string> heading_path(const Document& doc, std::size_t index);

/// Fills the structural fields of `doc` from Markdown `content` (tree-sitter block + inline grammars).
/// Sets doc.structural. HTML comments are not text. Never throws; bounded in time.
void parse_markdown(std::string_view content, Document& doc);

/// Fills code_blocks and inline_code of `doc` from a reStructuredText, AsciiDoc or plain-text `content`
/// (reST `::` and `.. code-block::` blocks and ``code``; AsciiDoc ---- blocks and `code`; in plain text,
/// lines that look like shell prompts). Also used for Markdown files that no rule reads structurally.
void scan_text(std::string_view content, Document& doc);

/// Fills doc.imports: `@path` references (Claude Code and Gemini CLI memory imports) outside code blocks
/// and code spans. Needs doc.code_blocks filled first.
void find_imports(std::string_view content, Document& doc);

/// The repository path that an import in the document at `doc_path` names: relative to the importing
/// file's directory. Empty when it points outside the repository (`~/`, an absolute path, `../` above the
/// root) or is a placeholder. Markdown backslash escapes are removed.
std::string resolve_import(std::string_view doc_path, std::string_view written);

/// The most hops of `@path` imports that Claude Code and Gemini CLI follow from a memory file.
inline constexpr int k_max_import_hops = 5;

} // namespace tacit::doc
