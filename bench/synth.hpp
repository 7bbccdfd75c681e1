// Synthetic monorepo model for tacit-bench-gen.
//
// Generation has two phases. plan_repository() lays out every path from the seed alone (one sequential random
// stream), so the layout of N files is fixed by (N, seed). render_file() then produces one file's bytes from
// the plan and a random stream seeded by (seed, path): files can be rendered in any order and on any thread,
// and the tree stays byte-identical.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tacit::bench {

// Deterministic generator (splitmix64): same seed, same stream, on every platform and standard library.
class Rng {
public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}

  // Next 64 random bits.
  std::uint64_t next();
  // Uniform in [0, n); n must be > 0.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // Uniform in [lo, hi], inclusive.
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
  // True with probability percent/100.
  bool percent(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }
  // Log-uniform size in [lo, hi] bytes: many small files, fewer large ones, as in real trees.
  std::uint32_t log_size(std::uint32_t lo, std::uint32_t hi);

  // A random element of a non-empty list.
  template <typename T> const T& pick(std::span<const T> items) { return items[below(items.size())]; }
  std::string_view pick(std::span<const std::string_view> items) { return items[below(items.size())]; }
  const std::string& pick(const std::vector<std::string>& items) { return items[below(items.size())]; }

private:
  std::uint64_t m_state;
};

// FNV-1a of text, mixed with a basis: the per-file seed.
std::uint64_t hash_text(std::string_view text, std::uint64_t basis);

enum class Lang { go, python, typescript, cpp, rust, java };

// What a planned file is; render_file() dispatches on it.
enum class FileKind {
  source,
  test,
  doc,
  adr,
  module_readme,
  module_agents,
  root_readme,
  agents,
  claude,
  contributing,
  architecture,
  changelog,
  license,
  codeowners,
  workflow,
  makefile,
  package_json,
  tsconfig,
  cmake,
  go_mod,
  go_sum,
  cargo_toml,
  pyproject,
  gradle,
  dockerfile,
  compose,
  editorconfig,
  gitignore,
  gitattributes,
  precommit,
  tool_config,
  shell_script,
  crlf_script,
  binary_blob,
  png,
  utf16_text,
  latin1_text,
  empty,
  minified_js,
  large_json,
  vendor_source,
  vendor_modules_txt,
  symlink,
};

// One planned file. `size` is a target in bytes where the kind has free-form content.
struct FileSpec {
  std::string path;
  FileKind kind = FileKind::empty;
  Lang lang = Lang::go;
  int module = -1;
  std::uint32_t size = 0;
  bool executable = false;
  bool tracked = true;
  bool crlf = false;
  std::string target;
};

// A build unit in one language: its own README, build file, sources and tests.
struct Module {
  std::string dir;
  std::string name;
  Lang lang = Lang::go;
};

// The whole layout: every file (tracked ones first counted to exactly N), plus indexes renderers
// cross-reference.
struct Plan {
  std::uint64_t seed = 0;
  std::vector<FileSpec> files;
  std::vector<Module> modules;
  std::vector<std::string> docs;
  std::vector<std::string> code_paths;
  std::vector<std::string> workflows;
};

// Lays out exactly `tracked_files` tracked files (plus some ignored, untracked ones).
Plan plan_repository(std::uint64_t tracked_files, std::uint64_t seed);

// The bytes of one file (for a symlink: its target).
std::string render_file(const Plan& plan, const FileSpec& spec);

// Renderers by family, called by render_file().
std::string render_code(const Plan& plan, const FileSpec& spec, Rng& rng);
std::string render_doc(const Plan& plan, const FileSpec& spec, Rng& rng);
std::string render_build(const Plan& plan, const FileSpec& spec, Rng& rng);
std::string render_odd(const Plan& plan, const FileSpec& spec, Rng& rng);

// Shared vocabulary.
namespace words {
extern const std::span<const std::string_view> nouns;
extern const std::span<const std::string_view> verbs;
extern const std::span<const std::string_view> adjectives;
extern const std::span<const std::string_view> domains;
extern const std::span<const std::string_view> prose;
extern const std::span<const std::string_view> people;
} // namespace words

// "ledger" -> "Ledger"; "ledger-api" -> "LedgerApi".
std::string camel(std::string_view text);
// "ledger-api" -> "ledger_api".
std::string snake(std::string_view text);
// Relative path from the directory holding `from_file` to `to_file`, both repository-relative.
std::string relative_link(std::string_view from_file, std::string_view to_file);
// One sentence of plausible technical prose, ending with a period.
void append_sentence(std::string& out, Rng& rng);

} // namespace tacit::bench
