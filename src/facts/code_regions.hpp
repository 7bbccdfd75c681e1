#pragma once
// Parsing only the regions of a file around a byte prefilter's hits. A code reader looks for constructs that
// hold one of a few words (`os.Getenv`, `process.env`); parsing the whole file to find the three places that
// hold them costs ~1000 instructions a byte. Instead tree-sitter parses windows of whole lines around the
// hits as included ranges: the nodes keep the file's own byte offsets and line:column, so a query finds
// what it would find in the whole file, as long as each window parses around its hits as the whole file
// does. `hits_parse_cleanly` checks that afterwards; where it fails, the caller parses the whole file.

#include <tree_sitter/api.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// Where a prefilter needle occurs in a file: its first byte and its length.
struct CodeHit {
  std::uint32_t byte = 0;
  std::uint32_t size = 0;
};

/// Where `needle` first occurs in `text` at or after `from` (npos when nowhere): memmem.
std::size_t find_needle(std::string_view text, std::string_view needle, std::size_t from);

/// True when one of `needles` (at most eight) occurs in `text`.
bool has_code_hit(std::string_view text, std::span<const std::string_view> needles);

/// Every occurrence of each of `needles` (at most eight) in `text`, sorted by position.
std::vector<CodeHit> find_code_hits(std::string_view text, std::span<const std::string_view> needles);

/// What the bracket count of code_windows needs to know of a language's lexical syntax: its line comments
/// (`#` or `//`), whether a single quote opens a string (Python, JavaScript) or a character literal (a
/// Rust lifetime, `'a`, opens nothing), and whether backquotes delimit raw strings.
struct CodeSyntax {
  bool hash_comments = false;
  bool single_quoted_strings = false;
  bool raw_backquotes = false; ///< a backslash in a `...` string escapes nothing (Go's raw strings)
};

/// Lines of context a window keeps around its hits at least: before them, the start of the statement; after
/// them, the rest of a multi-line call and a default on the next line (`process.env.X\n  || "d"`).
inline constexpr std::uint32_t k_lines_before_hit = 2;
inline constexpr std::uint32_t k_lines_after_hit = 3;

/// The ranges to parse: for each hit, its line with `before` lines above and `after` lines below, widened
/// until the brackets in it balance (a window that starts in a call's arguments or ends in an `if` block
/// parses badly; up to 40 lines up and 60 down), windows that overlap or nearly touch merged, with their
/// points (rows, byte columns). Brackets are counted outside line comments and one-line strings. Empty when
/// the windows would cover most of the file: the file is then parsed whole.
std::vector<TSRange> code_windows(std::string_view text, std::span<const CodeHit> hits, CodeSyntax syntax,
                                  std::uint32_t before = k_lines_before_hit,
                                  std::uint32_t after = k_lines_after_hit);

/// True when, in a tree parsed from `windows`, every hit sits in code the way a parse of the whole file
/// would see it: no syntax error (or missing node) in the hit's window, and the hit not inside a string or
/// comment that spans lines (a window that starts inside a docstring or a block comment turns code and text
/// around). False: parse the whole file instead.
bool hits_parse_cleanly(TSNode root, std::span<const CodeHit> hits, std::span<const TSRange> windows);

} // namespace tacit::facts
