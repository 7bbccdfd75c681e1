#pragma once
// Facts read from the code itself: where it reads environment variables. The patterns are tree-sitter
// queries kept as data, one file per language (queries/env/*.scm, embedded at build time); the variables
// every machine or CI service sets are a data list too (queries/env/well-known.txt). Parsing code is ~100
// times slower than scanning bytes, so a file is parsed only when a byte prefilter ("getenv", "environ",
// "process.env"...) finds a candidate in it, and files are read in runs of neighbours on several threads.

#include <tacit/doc/languages.hpp>
#include <tacit/facts/generated.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/byte_scan.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace tacit::facts {

/// One place where the code reads an environment variable.
struct EnvRead {
  std::string name;          ///< the variable: DATABASE_URL
  std::string default_value; ///< what the code falls back to, as written ("\"5432\""); empty when none
  std::string path;
  int line = 0;
  int column = 0;
  bool in_test = false; ///< read by test code (a test file, or a file under a test folder)
  /// The same file sets the variable too (`"X=1"` in a child's environment, `setenv("X", ...)`,
  /// `os.environ["X"] = ...`, `monkeypatch.setenv("X", ...)`, `{"X": ...}`, `{ ...process.env, X: ... }`, a
  /// child command's `.env("X", ...)`): a protocol between the code and a process it starts, or a test that
  /// sets what it reads; nothing a person sets.
  bool set_by_code = false;
};

/// A hash for sets of strings that finds a string_view without making a string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

/// A set of strings searchable by string_view.
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

/// One read in a scan (EnvReadScan): an EnvRead with its name interned and its path by reference. Code dense
/// with settings reads a variable in one statement of eight (the synthetic monorepo of bench/: 1.4 million
/// reads), so a read is kept in 64 bytes and without an allocation of its own.
struct ScannedEnvRead {
  std::string_view name;          ///< EnvReadScan::names[name_id]
  std::string_view default_value; ///< as EnvRead::default_value
  std::string_view path;          ///< the scanned FileEntry's path
  std::uint32_t name_id = 0;      ///< the name's index in EnvReadScan::names
  int line = 0;
  int column = 0;
  bool in_test = false;
  bool set_by_code = false;
  /// Read by a shell script (the rules count a script's reads only when CI or a doc runs the script).
  bool in_script = false;
};

/// Bytes that the string_views of a scan point into: chunks that never move, whatever becomes of the arena.
class TextArena {
public:
  /// A copy of `text` followed by `more` that lives as long as the arena (or the arena that takes it).
  std::string_view keep(std::string_view text, std::string_view more = {});
  /// Takes `other`'s chunks: what it kept stays where it is.
  void take(TextArena&& other);

private:
  std::vector<std::unique_ptr<char[]>> m_chunks;
  std::size_t m_used = 0;
  std::size_t m_capacity = 0;
};

/// What a scan of the code for environment reads found.
struct EnvReadScan {
  /// The reads, in runs of neighbouring files as the scan read them (kept where they were made: code dense
  /// with settings holds millions); reads() puts them end to end.
  std::vector<std::vector<ScannedEnvRead>> runs;
  /// Every read, sorted by path, line, column.
  auto reads() const { return runs | std::views::join; }
  std::vector<std::string_view> names;  ///< the names read, each once, by ScannedEnvRead::name_id
  TextArena text;                       ///< the bytes of the names and defaults
  std::vector<std::string> over_budget; ///< files whose parse ran out of its budget (reads may be missing)
  std::size_t files_scanned = 0;        ///< files read
  std::size_t files_parsed = 0;         ///< files the prefilter let through
  std::size_t files_from_bytes = 0;     ///< of those, read from the bytes without a parse (env_bytes.hpp)
  std::size_t files_in_regions = 0;     ///< of those, parsed only in windows around the prefilter's hits
  std::size_t files_reparsed = 0;       ///< of those, parsed whole after all: a window parsed badly at a hit
  /// The setting names (for_each_setting_name) that the code files other than shell scripts and test cases
  /// (is_test_case_file) hold besides the names each of them reads itself: a name one file reads and another
  /// writes down (a launcher that passes it on, a help text, a build script that sets it).
  StringSet named_words;
};

/// The most bytes of a file that a scan for environment reads reads: a larger file is skipped.
inline constexpr std::size_t k_env_scan_max_bytes = 1u << 20;

/// The language a scan for environment reads reads `file` in, or nullopt when it does not read it: not a file
/// in a language the readers know (env_read_language), a symbolic link, or larger than k_env_scan_max_bytes.
std::optional<doc::Language> env_scan_language(const repo::FileEntry& file);

/// The language a scan for environment reads reads `file` (a context's file in scope) in, or nullopt when it
/// leaves it out: not read (env_scan_language), or code for the users (is_user_code_path: examples/,
/// templates...).
std::optional<doc::Language> env_scan_file_language(const repo::FileEntry& file);

/// The files of `files` (a context's files in scope) that a scan for environment reads reads
/// (env_scan_file_language).
std::vector<const repo::FileEntry*> env_scan_files(const std::vector<const repo::FileEntry*>& files);

/// A test case (`test_x.py`, `x_test.go`, `x.spec.ts`, `FooTest.java`, conftest.py): a test that sets a
/// variable to check its read documents nothing, so its words name no variable (EnvReadScan::named_words).
bool is_test_case_file(std::string_view path);

/// A scan for environment reads fed file by file, in runs of neighbouring files (a run on one thread at a
/// time, runs on several): the scan is the runs' reads in the runs' order. scan_env_reads feeds one, and so
/// can a pass that reads the files anyway (the context's generated-code scan reads every file's head).
class EnvReadCollector {
public:
  explicit EnvReadCollector(std::size_t runs);
  ~EnvReadCollector();
  EnvReadCollector(const EnvReadCollector&) = delete;
  EnvReadCollector& operator=(const EnvReadCollector&) = delete;

  /// Reads `text`, the whole of `file` (env_scan_language gave `language`), into run `run`. An empty text,
  /// one of k_env_scan_max_bytes or more (cut) and a binary one are skipped.
  void add(std::size_t run, const repo::FileEntry& file, doc::Language language, std::string_view text);

  /// The scan of what was added, once every run is done.
  EnvReadScan finish();

private:
  struct Run;
  struct Shared;
  std::vector<Run> m_runs;
  std::unique_ptr<Shared> m_shared;
};

/// How env_reads_in parsed a file.
struct EnvParseNote {
  bool from_bytes = false;   ///< read from the bytes without a parse (every hit in a plain form)
  bool budget_spent = false; ///< the parse or the query ran out of time or memory (reads may be missing)
  bool in_regions = false;   ///< parsed in windows of lines around the prefilter's hits
  bool reparsed = false;     ///< a window did not parse cleanly at a hit, so the whole file was parsed
};

/// The language whose environment reads a file at `path` can hold, by extension (nullopt: not read).
/// Shell scripts (.sh, .bash) are Bash.
std::optional<doc::Language> env_read_language(std::string_view path);

/// True when `text` holds a byte sequence that an environment read in `language` needs ("getenv",
/// "environ", "process.env", "Getenv", "env::var", "${"...): the prefilter before tree-sitter.
bool may_read_env(doc::Language language, std::string_view text);

/// How env_reads_in reads a file: from the bytes first (the parse only when a hit is in no plain form), or
/// always through the parse (to compare the two).
enum class EnvReadMode { bytes_first, parse_only };

/// The environment reads in one file's `text`, as the queries for `language` find them
/// (queries/env/<language>.scm). When every prefilter hit is in a plain form (`os.Getenv("X")`, a line
/// comment...), they are read from the bytes (src/facts/env_bytes.hpp); otherwise only windows of lines
/// around the hits are parsed (code_regions.hpp), the whole file when they do not parse cleanly there or
/// cover most of it; a shell script is parsed whole, and names it assigns itself (`X=...`, `read X`, `for X
/// in`, `local X`) are dropped: those are the script's own variables. `note` (when given) says how it was
/// read and whether the parse or the query ran out of time (half a second of CPU time per file, within `run`
/// when given).
std::vector<EnvRead> env_reads_in(std::string_view path, std::string_view text, doc::Language language,
                                  EnvParseNote* note = nullptr, doc::RunBudget* run = nullptr,
                                  EnvReadMode mode = EnvReadMode::bytes_first);

/// Scans `files` for environment reads: reads each file whose language has a query (env_scan_language), in
/// runs of neighbouring paths on up to `jobs` threads; files over 1 MiB, minified bundles and binary files
/// are skipped. Shell scripts are read too, their reads marked (ScannedEnvRead::in_script). The words of the
/// files go to EnvReadScan::named_words in the same pass (one read of each file).
EnvReadScan scan_env_reads(const std::vector<const repo::FileEntry*>& files, const HeadReaders& readers,
                           unsigned jobs);

/// A variable a person sets: upper case, digits and underscores, two characters at least, not starting with
/// '_' (the code's own protocol between processes: _ARGCOMPLETE, _CLAP_COMPLETE_INDEX). Lower-case and
/// CamelCase names are the platform's (programdata, VisualStudioVersion) or a shell's locals.
bool is_setting_name(std::string_view name);

namespace detail {
// Byte classes of ASCII, inline: the name searches run over every file in scope, and libc's ctype calls were
// a third of their cost.
constexpr bool ascii_lower(char c) {
  return c >= 'a' && c <= 'z';
}
constexpr bool ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
constexpr bool word_byte(char c) {
  return ascii_lower(c) || ascii_upper(c) || (c >= '0' && c <= '9') || c == '_';
}
} // namespace detail

/// Calls `found(name)` for every setting name (is_setting_name) that `text` writes down: a word of letters,
/// digits and underscores that starts with an upper-case letter, or the upper-case tail of a word that starts
/// in lower case (`%[1]sGH_PAGER%[1]s` in a Go help text names GH_PAGER), with no lower-case letter in it.
template <class Found> void for_each_setting_name(std::string_view text, Found&& found) {
  using detail::ascii_lower;
  using detail::ascii_upper;
  using detail::word_byte;
  // A name starts with a capital and another capital, digit or underscore: skip to the next such pair (code
  // is full of capitals in CamelCase words, which name no setting), then take its word.
  std::size_t i = 0;
  for (;;) {
    const auto pair = util::find_upper_pair(text, i);
    if (pair >= text.size())
      return;
    auto start = pair;
    while (start > i && word_byte(text[start - 1]))
      --start;
    i = pair;
    while (i < text.size() && word_byte(text[i]))
      ++i;
    auto token = text.substr(start, i - start);
    if (!ascii_upper(token.front())) {
      std::size_t lower = 0;
      while (lower < token.size() && ascii_lower(token[lower]))
        ++lower;
      if (lower == 0 || lower == token.size() || !ascii_upper(token[lower]))
        continue;
      token.remove_prefix(lower);
    }
    if (token.size() > 1 && std::ranges::all_of(token, [](char c) {
          return ascii_upper(c) || (c >= '0' && c <= '9') || c == '_';
        }))
      found(token);
  }
}

/// True for a variable that the operating system, the shell, a toolchain or a CI service sets, or that
/// tools follow by convention (PATH, HOME, CI, GITHUB_*, NO_COLOR, LANG, TZ, XDG_*...):
/// queries/env/well-known.txt.
bool is_well_known_env_var(std::string_view name);

/// Compiles every embedded query against its grammars; the errors, "queries/env/go.scm: ..." (empty when
/// all compile). For the tests.
std::vector<std::string> env_query_errors();

} // namespace tacit::facts
