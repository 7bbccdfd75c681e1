#pragma once
// Facts read from the code itself: where it reads environment variables. The patterns are tree-sitter
// queries kept as data, one file per language (queries/env/*.scm, embedded at build time); the variables
// every machine or CI service sets are a data list too (queries/env/well-known.txt). Parsing code is ~100
// times slower than scanning bytes, so a file is parsed only when a byte prefilter ("getenv", "environ",
// "process.env"...) finds a candidate in it, and files are read in runs of neighbours on several threads.

#include <tacit/doc/languages.hpp>
#include <tacit/facts/generated.hpp>
#include <tacit/repo/snapshot.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
  /// `os.environ["X"] = ...`, `monkeypatch.setenv("X", ...)`, `{"X": ...}`): a protocol between the code and
  /// a process it starts, or a test that sets what it reads; nothing a person sets.
  bool set_by_code = false;
};

/// What a scan of the code for environment reads found.
struct EnvReadScan {
  std::vector<EnvRead> reads;           ///< sorted by path, line, column
  std::vector<std::string> over_budget; ///< files whose parse ran out of its budget (reads may be missing)
  std::size_t files_scanned = 0;        ///< files read
  std::size_t files_parsed = 0;         ///< files the prefilter let through to tree-sitter
  std::size_t files_in_regions = 0;     ///< of those, parsed only in windows around the prefilter's hits
  std::size_t files_reparsed = 0;       ///< of those, parsed whole after all: a window parsed badly at a hit
};

/// How env_reads_in parsed a file.
struct EnvParseNote {
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

/// The environment reads in one file's `text`, parsed as `language` (queries/env/<language>.scm). Only
/// windows of lines around the prefilter's hits are parsed (code_regions.hpp), the whole file when they do
/// not parse cleanly there or cover most of it; a shell script is parsed whole, and names it assigns itself
/// (`X=...`, `read X`, `for X in`, `local X`) are dropped: those are the script's own variables. `note`
/// (when given) says how it was parsed and whether the parse or the query ran out of time (half a second
/// of CPU time per file, within `run` when given).
std::vector<EnvRead> env_reads_in(std::string_view path, std::string_view text, doc::Language language,
                                  EnvParseNote* note = nullptr, doc::RunBudget* run = nullptr);

/// Scans `files` for environment reads: reads each file whose language has a query (shell scripts only when
/// `read_scripts` accepts the path: the scripts CI or the docs run), in runs of neighbouring paths on up to
/// `jobs` threads; files over 1 MiB, minified bundles and binary files are skipped.
EnvReadScan scan_env_reads(const std::vector<const repo::FileEntry*>& files, const HeadReaders& readers,
                           unsigned jobs, const std::function<bool(std::string_view)>& read_scripts);

/// True for a variable that the operating system, the shell, a toolchain or a CI service sets, or that
/// tools follow by convention (PATH, HOME, CI, GITHUB_*, NO_COLOR, LANG, TZ, XDG_*...):
/// queries/env/well-known.txt.
bool is_well_known_env_var(std::string_view name);

/// Compiles every embedded query against its grammars; the errors, "queries/env/go.scm: ..." (empty when
/// all compile). For the tests.
std::vector<std::string> env_query_errors();

} // namespace tacit::facts
