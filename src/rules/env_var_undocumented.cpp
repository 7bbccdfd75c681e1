// IMPL401 env-var-undocumented: the code reads environment variables that no doc, sample env file, compose
// file, dev container or CI file names.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/env_reads.hpp>
#include <tacit/facts/modules.hpp>
#include <tacit/util/parallel.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <set>
#include <span>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace tacit::rules {

namespace {

using namespace std::string_view_literals;

constexpr std::array<engine::RuleOption, 3> k_options{{
    {"ignore", "",
     "variables that need no doc, comma-separated; a name ending in `*` is a prefix (`MYAPP_DEBUG_*`)"},
    {"tests", "true", "also report the variables that only the test suite reads"},
    {"unowned", "false",
     "also report the variables the code reads whose name carries neither the project's nor the module's "
     "name (`DATABASE_URL` in `server/`; most are another program's convention: LS_COLORS, PRINTER, "
     "DICPATH)"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "IMPL401",
    .name = "env-var-undocumented",
    .category = "IMPL",
    .severity = engine::Severity::warning,
    .summary =
        "code reads environment variables that no doc, `.env.example`, compose file, dev container or CI "
        "file names",
    .docs =
        {
            .what_it_does =
                "Finds the environment variables the code reads, through tree-sitter queries kept as data, "
                "one "
                "file per language (`queries/env/*.scm`): Python (`os.environ[\"X\"]`, `os.environ.get`, "
                "`os.getenv`, `environ`/`getenv` imported from os), JavaScript and TypeScript "
                "(`process.env.X`, `process.env[\"X\"]`, `const { X } = process.env`, `import.meta.env.X`, "
                "`Deno.env.get`), Go (`os.Getenv`, `os.LookupEnv`), Rust (`env::var`, `env::var_os`, "
                "`env!`, `option_env!`), Java (`System.getenv`), C and C++ (`getenv`, `secure_getenv`, "
                "`std::getenv`), and shell scripts that CI or a doc runs (`${X:-default}`, `${X:?}`, for "
                "names the script does not assign itself). Only a name written as a literal counts; "
                "a byte prefilter picks the files that may read one, the plain forms are read from the "
                "bytes and the rest through the queries (both give the same reads). Variables the system, a "
                "toolchain or a CI service sets (PATH, HOME, CI, GITHUB_*, NO_COLOR, LANG, TZ, XDG_*, "
                "CARGO_*, AWS_*... `queries/env/well-known.txt`) need no doc.\n\n"
                "A variable counts as written down when its name appears in any doc, in a sample env "
                "file (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`), a compose file, the "
                "dev container, a Dockerfile, `.envrc`, `tox.ini`, a CI file, a man page, in any other "
                "file in scope that is not code (manuals in HTML or YAML, changelogs, the Makefiles, "
                "scripts and test runners that set it, test data), or in the project's own code that does "
                "not read it (a build script that sets it, `cargo:rustc-env=X=...`; a help text that "
                "documents it, `gh help environment`; a launcher that passes it on): only a variable that "
                "lives in the code that reads it is reported. A test that sets a variable to check its read "
                "documents nothing, but a variable that only the test suite reads and that another test "
                "file names is the suite's own (a harness that sets EDIT_SCRIPT for the fake editor it "
                "starts). Names that are not upper case or that start with `_` (a protocol "
                "between the code and a process it starts), variables the same file sets itself (`\"X=1\"` "
                "in a child's environment, `{ ...process.env, X: \"1\" }`, `setenv`, `t.Setenv`, "
                "`monkeypatch.setenv`, `vi.stubEnv`, "
                "`os.environ[\"X\"] = ...`, `delete process.env.X`, a child command's `.env(\"X\", ...)`), "
                "and the reads of release machinery "
                "(a file named `release`, `publish` or `deploy`: the maintainers' credentials) and of "
                "installers (`install_sdk.sh`: CI's set-up) are left out, and so are the other scripts' "
                "reads of what they read.\n\n"
                "A variable the product reads (not only its tests) is reported when its name carries the "
                "project's name or its module's: a word of the name is the project's (its folder, or the "
                "name its package.json, Cargo.toml, pyproject.toml, setup.cfg, go.mod, CMakeLists.txt, "
                "meson.build or configure.ac gives it) or one of the module's folders, or ends it "
                "(TEA_DEBUG in bubbletea; not NPM in pnpm), or starts it (GOPLSCACHE in gopls/). The others "
                "are mostly "
                "another program's conventions that the code follows (LS_COLORS, PRINTER, hunspell's "
                "DICPATH, a library's TCELL_TRUECOLOR, Playwright's PWDEBUG): the `unowned` option "
                "reports them too. The test suite's variables are reported whatever their names.\n\n"
                "The undocumented ones are reported once per module (a top-level folder, or a child of "
                "src/, packages/, cmd/...) and group, at the first read: the variables the code reads, and "
                "apart from them those that only the test suite reads (what a test needs, or a knob that "
                "selects, skips or tunes tests). Each variable is listed with the default the code gives it, "
                "if any. Code under "
                "examples/, samples/, docs/ and CI folders (.github/, .azure-pipelines/...) is not read, and "
                "the reads "
                "of test data (testdata/, tests/data/, __fixtures__/: the projects a test builds) do not "
                "count. Vite's own `import.meta.env` values (MODE, BASE_URL, PROD, DEV, SSR) are no "
                "variables.\n\n"
                "Its cost: most files are read from the bytes (tree-sitter parses only the files with a "
                "read in a form the byte reader does not know), in the pass that reads every file's head "
                "anyway. On moby/moby it adds about 5 ms to a 0.12 s check; on the synthetic monorepo of "
                "100k files that the budgets are measured on (400,000 reads, in two code files of three) "
                "about a quarter, and the check stays under its 2 s budget (1.6-1.9 s on a 2-core "
                "machine); on a 1,000-file repository about 16 ms (57 -> 74 ms). `--ignore IMPL401` leaves "
                "the code "
                "unread. "
                "On tacit's judged corpus (tests/corpus/) it reaches 15 findings judged true, 1 false and "
                "23 debatable, a precision of 0.94 (it was 0.29 before it kept to the project's own "
                "variables and counted help text, build scripts and test runners in the code as written "
                "down); the debatable ones are mostly user-facing settings documented on a project's "
                "website rather than in the repository.",
            .why_it_matters =
                "A variable the code reads but no doc names is set-up knowledge that lives only in the "
                "code: an agent (or a newcomer) runs the service without it and gets a confusing failure, "
                "or runs the tests and sees them skip silently. The hint is a ready \"Environment\" "
                "section.",
            .example =
                "```\nshop/config.py:12:22: IMPL401 `shop/` reads 2 environment variables that no doc "
                "names: SHOP_DATABASE_URL, SHOP_CACHE_TTL (default \"300\")\n  hint: add to AGENTS.md under "
                "an \"Environment\" section (or to .env.example), each with what it sets: "
                "SHOP_DATABASE_URL=, "
                "SHOP_CACHE_TTL=300\ntests/conftest.py:8:18: IMPL401 the test suite in `tests/` reads an "
                "environment variable that no doc names: INTEGRATION_DB; only the test code says what "
                "setting it changes\n```",
            .how_to_fix =
                "Name each variable where a contributor looks: an \"Environment\" section of the context "
                "file or the README (what it sets, its default, whether the tests need it), or a "
                "`.env.example` with one line per variable. A variable that needs no doc can be listed in "
                "the rule's `ignore` option.",
        },
    .options = k_options,
    .reads_env = true,
    .heavy = true,
};

constexpr std::size_t k_listed = 8;

// Files whose text documents a variable besides the docs: sample env files, compose, dev container, CI.
bool documents_env(std::string_view path) {
  const auto name = util::base_name(path);
  const auto lower = util::to_lower(name);
  if (lower.starts_with(".env.") || lower.ends_with(".env.example") || lower == "env.example" ||
      lower == "example.env" || lower == "sample.env" || lower == ".envrc" || lower == "tox.ini")
    return lower != ".env.local";
  if ((lower.starts_with("docker-compose") || lower.starts_with("compose")) &&
      (lower.ends_with(".yml") || lower.ends_with(".yaml")))
    return true;
  if (lower.starts_with("dockerfile") || lower.ends_with(".dockerfile") || lower == "containerfile")
    return true;
  // Man pages and texinfo manuals document a program's environment (ENVIRONMENT section).
  if (const auto dot = lower.rfind('.'); dot != std::string::npos) {
    const auto ext = std::string_view(lower).substr(dot + 1);
    if ((ext.size() == 1 && ext[0] >= '1' && ext[0] <= '9') || ext == "man" || ext == "mdoc" ||
        ext == "pod" || ext == "texi" || ext == "texinfo" || lower.ends_with(".1.in") ||
        lower.ends_with(".8.in"))
      return true;
  }
  return path.starts_with(".devcontainer/") || path.starts_with(".github/workflows/") ||
         path.starts_with(".github/actions/") || path.starts_with(".circleci/") ||
         path.starts_with(".buildkite/") || path.starts_with(".gitlab/") || lower == ".gitlab-ci.yml" ||
         lower == ".travis.yml" || lower == "appveyor.yml" || lower == ".appveyor.yml" ||
         lower == "jenkinsfile" || lower.starts_with("azure-pipelines") || lower == "action.yml" ||
         lower == "action.yaml";
}

// The lower-case words of a name: "bubble-tea" -> bubble, tea; "GH_OAUTH_ID" -> gh, oauth, id.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> out;
  std::string current;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty())
    out.push_back(std::move(current));
  return out;
}

// Folder names that say what a folder holds rather than whose it is: they name no variable's owner.
bool generic_folder_word(std::string_view word) {
  static const std::set<std::string_view> k_generic{
      "src",     "lib",     "libs",   "pkg",     "pkgs",  "internal", "cmd",     "packages", "package",
      "crates",  "util",    "utils",  "tool",    "tools", "script",   "scripts", "test",     "tests",
      "bin",     "include", "source", "sources", "main",  "module",   "modules", "plugin",   "plugins",
      "contrib", "misc",    "hack",   "build",   "dev",   "support",  "shared",  "common",   "components",
      "go",      "js",      "py",     "rs",      "java",  "cpp",      "code",    "tree"};
  return word.size() < 2 || k_generic.contains(word);
}

// The words that name the project: its folder, and the names its root manifests give it (package.json,
// Cargo.toml, pyproject.toml, setup.cfg, go.mod, CMakeLists.txt, meson.build, configure.ac).
std::set<std::string, std::less<>> project_words(const engine::Context& context) {
  std::set<std::string, std::less<>> out;
  const auto add = [&](std::string_view name) {
    for (auto& word : name_words(name))
      if (!generic_folder_word(word))
        out.insert(std::move(word));
  };
  add(context.snapshot().root().filename().string());
  const auto& cache = context.file_cache();
  // The text after the first `key` on a line of `text`, up to the first of `ends`, quotes and spaces trimmed.
  const auto value_after = [](std::string_view text, std::string_view key, std::string_view ends) {
    for (auto line : util::split_lines(text.substr(0, 1u << 16))) {
      line = util::trim(line);
      if (!line.starts_with(key))
        continue;
      auto rest = util::trim(line.substr(key.size()));
      while (!rest.empty() &&
             (rest.front() == '=' || rest.front() == ':' || rest.front() == '(' || rest.front() == '[' ||
              rest.front() == '"' || rest.front() == '\'' || rest.front() == ' '))
        rest.remove_prefix(1);
      return rest.substr(0, rest.find_first_of(ends));
    }
    return std::string_view();
  };
  for (const auto* file : context.files()) {
    if (file->path.find('/') != std::string::npos)
      continue;
    const auto lower = util::to_lower(file->path);
    std::string_view name;
    const auto text = [&] { return cache(*file); };
    if (lower == "package.json")
      name = value_after(text(), "\"name\"", "\",");
    else if (lower == "cargo.toml" || lower == "pyproject.toml" || lower == "setup.cfg")
      name = value_after(text(), "name", "\"' ");
    else if (lower == "go.mod") {
      name = value_after(text(), "module", " ");
      name = name.substr(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1);
    } else if (lower == "cmakelists.txt")
      name = value_after(text(), "project", " )");
    else if (lower == "meson.build")
      name = value_after(text(), "project", "'\",)");
    else if (lower == "configure.ac")
      name = value_after(text(), "AC_INIT", "],)");
    if (!name.empty())
      add(name.substr(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1));
  }
  return out;
}

// True when `word` (a lower-case word of a variable's name) names `owner` (a lower-case word of the project's
// or the module's name): equal to it, the tail of one after a word of its own (TEA_TRACE in bubbletea; not
// NPM in pnpm), or starting with it (GOPLSCACHE in gopls/).
bool names_owner(std::string_view owner, std::string_view word) {
  return word == owner || (word.size() >= 3 && owner.size() >= word.size() + 3 && owner.ends_with(word)) ||
         (owner.size() >= 4 && word.starts_with(owner));
}

// True when `owned(word)` holds for a lower-case word of `variable` (split at anything but letters and
// digits).
template <class Owned> bool any_name_word(std::string_view variable, Owned owned) {
  std::string word;
  for (char c : variable) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      if (owned(word))
        return true;
      word.clear();
    }
  }
  return !word.empty() && owned(word);
}

// Whether a variable's name names the project or a module (names_owner, for a word of it). The modules share
// the project's words: their answers are kept per variable, for every module; a module's own few words are
// looked at directly.
class OwnedNames {
public:
  explicit OwnedNames(std::set<std::string, std::less<>> project) : m_project(std::move(project)) {}

  /// `module_words`: the module's own (name_words of its path); `id` the variable's EnvReadScan::name_id.
  bool owned(std::uint32_t id, std::string_view variable,
             const std::set<std::string, std::less<>>& module_words) {
    if (id >= m_by_project.size())
      m_by_project.resize(id + 1, -1);
    if (m_by_project[id] < 0)
      m_by_project[id] = static_cast<signed char>(any_name_word(variable, [this](const std::string& word) {
        return std::ranges::any_of(m_project,
                                   [&word](const std::string& owner) { return names_owner(owner, word); });
      }));
    return m_by_project[id] == 1 || any_name_word(variable, [&module_words](const std::string& word) {
             return std::ranges::any_of(
                 module_words, [&word](const std::string& owner) { return names_owner(owner, word); });
           });
  }

private:
  std::set<std::string, std::less<>> m_project;
  std::vector<signed char> m_by_project; // by name_id: -1 not known yet
};

// Release machinery (release.py, publish.sh, deploy.ts): it reads the maintainers' credentials, which no
// contributor doc should name. So do installers (install_swift_sdk.sh, install-deps.sh): their knobs are
// CI's set-up, which passes them, not the project's.
bool release_tooling(std::string_view path) {
  const auto name = util::to_lower(util::base_name(path));
  return name.find("release") != std::string::npos || name.find("publish") != std::string::npos ||
         name.find("deploy") != std::string::npos || name.starts_with("install");
}

// Test data (testdata/, test_data/, __fixtures__/, tests/data/): the projects and programs a test builds or
// runs (a package's setup.py that pip's tests install), whose reads are the fixture's, set by the test that
// runs it or by nobody.
// Every file with a read asks: its folders are compared in place, without a copy.
bool test_data(std::string_view path) {
  bool under_tests = false; // the previous folder is test/ or tests/
  for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/')) {
    const auto folder = path.substr(0, slash);
    path.remove_prefix(slash + 1);
    if (util::iequals(folder, "testdata") || util::iequals(folder, "test-data") ||
        util::iequals(folder, "test_data") || util::iequals(folder, "__fixtures__") ||
        (under_tests && util::iequals(folder, "data")))
      return true;
    under_tests = util::iequals(folder, "test") || util::iequals(folder, "tests");
  }
  return false;
}

struct Ignore {
  std::set<std::string, std::less<>> names;
  std::vector<std::string> prefixes;
  explicit Ignore(std::string_view option) {
    for (auto item : util::split(option, ',')) {
      item = util::trim(item);
      if (item.ends_with('*'))
        prefixes.emplace_back(item.substr(0, item.size() - 1));
      else if (!item.empty())
        names.emplace(item);
    }
  }
  bool operator()(std::string_view name) const {
    return names.contains(name) ||
           std::ranges::any_of(prefixes, [&](const std::string& prefix) { return name.starts_with(prefix); });
  }
};

// A default as an env file line gives it: "300" -> 300.
std::string_view unquoted(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'' || value.front() == '`') &&
      value.back() == value.front())
    return value.substr(1, value.size() - 2);
  return value;
}

// A file of test cases by its name (test_x.py, x_test.go, x.test.ts, x.spec.js, FooTest.java, conftest.py):
// what it sets, it sets to check a read. The test suite's runners and helpers (ansible-test's code, a
// harness that starts the program) set what the code under test reads.
// The paths of `paths` that occur in one of `texts` (anywhere: `./scripts/x.sh`, `bash scripts/x.sh`). Each
// path ends in its extension, so only the places where a text holds one (".sh") are compared, not every
// byte of every text once per path.
std::unordered_set<std::string_view> paths_named_in(std::span<const std::string_view> texts,
                                                    std::span<const std::string_view> paths) {
  std::unordered_set<std::string_view> out;
  std::map<std::string_view, std::vector<std::string_view>> by_extension; // ".sh" -> paths
  for (const auto path : paths)
    if (const auto dot = path.rfind('.');
        dot != std::string_view::npos && path.find('/', dot) == std::string_view::npos)
      by_extension[path.substr(dot)].push_back(path);
  for (const auto& [extension, with] : by_extension)
    for (const auto text : texts)
      for (auto at = text.find(extension); at != std::string_view::npos; at = text.find(extension, at + 1)) {
        const auto end = at + extension.size();
        for (const auto path : with)
          if (path.size() <= end && text.substr(end - path.size(), path.size()) == path)
            out.insert(path);
      }
  return out;
}

// Adds to `named` the candidates that any file in scope names besides the code that reads them: docs in any
// format (HTML and YAML manuals, changelogs, man pages), the Makefiles, scripts and test runners that set
// them, test data, and the project's own code that does not read them (a build script that sets one with
// `cargo:rustc-env=X=...`, a launcher that passes it to a child, help text that documents it, a test runner
// that sets it). Test cases and code for the users (examples/) do not count: a test that sets a variable to
// check its read documents nothing. A variable written down anywhere outside the code that reads it is not
// knowledge that lives only in the code. The code files' words come from the scan (EnvReadScan::named_words:
// it read them already), the docs' and set-up files' from the rule's first search (`searched`); the other
// files are read as heads of 1 MiB, in runs of neighbours on two threads.
//
// With `test_cases`, the files searched are the test cases instead (facts::is_test_case_file), for variables
// that only the test suite reads: a test that sets one for the helper it starts (a fake editor that reads
// EDIT_SCRIPT, set by the harness in test_environment.rs) supplies it itself, and nobody needs to.
void named_elsewhere(const engine::Context& context, const facts::EnvReadScan& scan,
                     const std::unordered_set<std::string_view>& named_scripts,
                     std::span<const std::uint32_t> sought, std::vector<char>& named,
                     const std::unordered_set<std::string_view>& searched, bool test_cases = false) {
  constexpr std::size_t k_max = 1u << 20;
  constexpr std::size_t k_run = 64;
  // The names not named yet (by EnvReadScan::name_id); the search stops once every one of them is found.
  std::unordered_map<std::string_view, std::size_t> unnamed;
  std::vector<std::uint32_t> unnamed_ids;
  for (const auto id : sought) {
    if (named[id])
      continue;
    if (!test_cases && scan.named_words.contains(scan.names[id])) {
      named[id] = 1;
    } else {
      unnamed.emplace(scan.names[id], unnamed.size());
      unnamed_ids.push_back(id);
    }
  }
  if (unnamed.empty())
    return;
  // The variables each file searched here reads (the shell scripts someone runs: the other code's words are
  // the scan's): its own reads do not name them elsewhere.
  std::unordered_map<std::string_view, std::unordered_set<std::string_view>> reading;
  for (const auto& read : scan.reads())
    if ((read.in_script && named_scripts.contains(read.path)) ||
        (test_cases && !read.in_script && facts::is_test_case_file(read.path)))
      reading[read.path].insert(read.name);
  std::vector<const repo::FileEntry*> files;
  for (const auto* file : context.files()) {
    if ((file->mode & 0170000) == 0120000 || file->size > k_max)
      continue;
    const auto language = facts::env_read_language(file->path);
    if (test_cases) {
      if (language && *language != doc::Language::Bash && facts::is_test_case_file(file->path) &&
          !facts::is_user_code_path(file->path))
        files.push_back(file);
      continue;
    }
    // The code the scan read has its words in scan.named_words already; the docs and set-up files were
    // searched whole (up to the same 1 MiB) for every name sought.
    if ((!language || *language == doc::Language::Bash) && !searched.contains(file->path))
      files.push_back(file);
  }
  const util::ScopedTiming timing("rule IMPL401: names in other files");
  const std::size_t runs = (files.size() + k_run - 1) / k_run;
  std::vector<std::atomic<bool>> found(unnamed.size());
  std::atomic<std::size_t> remaining = unnamed.size();
  util::parallel_for(runs, 2, [&](std::size_t run) {
    const auto head = context.snapshot().head_reader(k_max);
    for (std::size_t i = run * k_run; i < std::min(files.size(), (run + 1) * k_run); ++i) {
      if (remaining.load(std::memory_order_relaxed) == 0)
        return;
      const auto text = head->read(*files[i]);
      if (!text || util::looks_binary(*text))
        continue;
      const auto own = reading.find(files[i]->path);
      facts::for_each_setting_name(*text, [&](std::string_view word) {
        if (const auto it = unnamed.find(word); it != unnamed.end() &&
                                                (own == reading.end() || !own->second.contains(word)) &&
                                                !found[it->second].exchange(true))
          remaining.fetch_sub(1, std::memory_order_relaxed);
      });
    }
  });
  for (std::size_t index = 0; index < unnamed_ids.size(); ++index)
    if (found[index])
      named[unnamed_ids[index]] = 1;
}

class EnvVarUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& cache = context.file_cache();
    // The texts that document: every doc, and the set-up and CI files.
    std::vector<std::string_view> texts;
    std::unordered_set<std::string_view> searched; // their paths: named_elsewhere need not read them again
    for (const auto& doc : context.documents())
      if (const auto* file = context.snapshot().find(doc.path)) {
        texts.push_back(cache(*file));
        searched.insert(file->path);
      }
    for (const auto* file : context.files())
      if (documents_env(file->path)) {
        texts.push_back(cache(*file));
        searched.insert(file->path);
      }
    // The code's reads: read by the context in its pass over every file's head when the run asked for them
    // (engine::AnalyzeOptions::env_reads), else here.
    const auto& scan =
        context.env_reads() != nullptr
            ? *context.env_reads()
            : context.shared<facts::EnvReadScan>("IMPL401 env reads", [&] {
                const util::ScopedTiming timing("rule IMPL401: env reads (read, prefilter, parse)");
                return facts::scan_env_reads(facts::env_scan_files(context.files()),
                                             facts::snapshot_head_readers(context.snapshot()),
                                             std::max(1u, std::thread::hardware_concurrency()));
              });
    // Code that reads no variable has nothing to document: the rule does not apply (an audit does not score
    // an empty pass).
    if (scan.runs.empty())
      return out.not_applicable("the code reads no environment variable");
    // Shell scripts count when CI or a doc names them (the scripts someone runs): the others' reads are left
    // out everywhere below.
    std::vector<std::string_view> scripts;
    for (const auto* file : context.files())
      if (!facts::is_user_code_path(file->path) &&
          facts::env_read_language(file->path) == doc::Language::Bash)
        scripts.push_back(file->path);
    const auto named_scripts = paths_named_in(texts, scripts);
    const auto unrun = [&named_scripts](const facts::ScannedEnvRead& read) {
      return read.in_script && !named_scripts.contains(read.path);
    };
    const Ignore ignore(out.option_string("ignore"));
    const bool tests = out.option_bool("tests");
    const bool unowned = out.option_bool("unowned");
    // Per variable (EnvReadScan::name_id): set by the code, and whether it is a candidate, a variable to look
    // for in the docs (read outside release tooling, a setting nobody else sets, not ignored), read only by
    // tests or outside them too.
    enum Candidate : char { unknown, not_candidate, tests_only, outside_tests };
    const auto name_count = scan.names.size();
    std::vector<char> set_by_code(name_count, 0);
    // Read by release or install machinery: another script that reads it shares that machinery's set-up
    // (the SDK folder an installer fills, which CI's build script then reads).
    std::vector<char> read_by_tooling(name_count, 0);
    std::vector<char> eligible(name_count, -1); // -1 not decided yet
    std::vector<Candidate> candidate(name_count, unknown);
    // The reads come file by file: decide each file's release_tooling and test_data once.
    std::string_view release_path;
    bool release = false;
    bool data = false;
    const auto in_release_tooling = [&](std::string_view path) {
      if (path.data() != release_path.data()) {
        release_path = path;
        release = release_tooling(path);
        data = test_data(path);
      }
      return release;
    };
    const auto in_test_data = [&](std::string_view path) {
      in_release_tooling(path);
      return data;
    };
    bool any_candidate = false;
    for (const auto& read : scan.reads()) {
      if (unrun(read) || in_test_data(read.path))
        continue;
      const auto id = read.name_id;
      if (read.set_by_code)
        set_by_code[id] = 1;
      if (in_release_tooling(read.path)) {
        read_by_tooling[id] = 1;
        continue;
      }
      if (eligible[id] < 0)
        eligible[id] = static_cast<char>(facts::is_setting_name(read.name) &&
                                         !facts::is_well_known_env_var(read.name) && !ignore(read.name));
      if (eligible[id] != 0) {
        if (!read.in_test)
          candidate[id] = outside_tests;
        else if (candidate[id] == unknown)
          candidate[id] = tests_only;
      }
    }
    for (std::size_t id = 0; id < name_count; ++id) {
      if (set_by_code[id])
        candidate[id] = not_candidate;
      any_candidate |= candidate[id] == tests_only || candidate[id] == outside_tests;
    }
    if (!any_candidate)
      return;
    // The first read of each variable in each module that would be reported if nothing named it, with its
    // group: only their names are looked for in the docs and the other files (the search reads every file
    // in scope). A later read of the same variable in the same module would be no group's first.
    OwnedNames owned_names(unowned ? decltype(project_words(context))() : project_words(context));
    struct Slot {
      bool owned_known = false;
      bool owned = false;
      const facts::ScannedEnvRead* first = nullptr;
    };
    // Per module: its owners' words, and per variable read there whether it is owned and its first reportable
    // read (code that reads settings in every function reads the same few names thousands of times).
    struct Owners {
      std::set<std::string, std::less<>> words;      // the module's own (OwnedNames::owned)
      std::unordered_map<std::uint32_t, Slot> slots; // by name_id
    };
    std::map<std::string, Owners, std::less<>> module_owners; // every module that reads one
    std::vector<char> sought(name_count, 0);
    std::vector<std::uint32_t> sought_ids;

    std::string_view last_path;
    std::string_view last_folder;
    Owners* owners = nullptr;
    for (const auto& read : scan.reads()) {
      const auto state = candidate[read.name_id];
      if ((state != tests_only && state != outside_tests) || unrun(read) || in_release_tooling(read.path) ||
          in_test_data(read.path) || (read.in_script && read_by_tooling[read.name_id]))
        continue;
      const bool test_only = state == tests_only;
      if (test_only && !tests)
        continue;
      // A file's module depends only on its folder: consecutive files of one folder share it.
      if (read.path.data() != last_path.data()) {
        last_path = read.path;
        const auto folder = read.path.substr(0, read.path.rfind('/') + 1);
        if (owners == nullptr || folder != last_folder) {
          last_folder = folder;
          auto module = facts::module_of(read.path, context.facts().source_size.modules);
          auto it = module_owners.find(module);
          if (it == module_owners.end()) {
            std::set<std::string, std::less<>> words;
            for (auto& word : name_words(module))
              if (!generic_folder_word(word))
                words.insert(std::move(word));
            it = module_owners.emplace(std::move(module), Owners{std::move(words), {}}).first;
          }
          owners = &it->second;
        }
      }
      auto& slot = owners->slots[read.name_id];
      if (slot.first != nullptr)
        continue;
      // A variable the product reads is reported when its name says it is the project's (or the module's):
      // the others are mostly another program's convention (LS_COLORS, PRINTER, a library's TCELL_*).
      if (!test_only && !unowned) {
        if (!slot.owned_known) {
          slot.owned_known = true;
          slot.owned = owned_names.owned(read.name_id, read.name, owners->words);
        }
        if (!slot.owned)
          continue;
      }
      slot.first = &read;
      if (!sought[read.name_id]) {
        sought[read.name_id] = 1;
        sought_ids.push_back(read.name_id);
      }
    }
    if (sought_ids.empty())
      return;
    std::unordered_map<std::string_view, std::uint32_t> sought_names; // name -> name_id
    for (const auto id : sought_ids)
      sought_names.emplace(scan.names[id], id);
    std::vector<char> documented(name_count, 0);
    for (auto text : texts)
      facts::for_each_setting_name(text, [&](std::string_view word) {
        if (const auto it = sought_names.find(word); it != sought_names.end())
          documented[it->second] = 1;
      });
    named_elsewhere(context, scan, named_scripts, sought_ids, documented, searched);
    std::vector<std::uint32_t> tests_only_ids;
    for (const auto id : sought_ids)
      if (!documented[id] && candidate[id] == tests_only)
        tests_only_ids.push_back(id);
    if (!tests_only_ids.empty())
      named_elsewhere(context, scan, named_scripts, tests_only_ids, documented, searched, true);
    // Group the undocumented reads by module and group (the tests' apart), each variable at its first read,
    // in the order of the reads.
    for (const auto& [module, owners_of] : module_owners) {
      std::array<std::vector<const facts::ScannedEnvRead*>, 2> groups; // product, tests only
      for (const auto& [id, slot] : owners_of.slots)
        if (slot.first != nullptr && !documented[id])
          groups[candidate[id] == tests_only ? 1 : 0].push_back(slot.first);
      for (std::size_t test_only = 0; test_only < 2; ++test_only) {
        auto& reads = groups[test_only];
        if (reads.empty())
          continue;
        std::ranges::sort(reads, {}, [](const facts::ScannedEnvRead* read) {
          return std::tie(read->path, read->line, read->column);
        });
        report(context, out, module, test_only == 1, reads);
      }
    }
  }

private:
  static void report(const engine::Context& context, engine::Emitter& out, const std::string& module,
                     bool test_only, const std::vector<const facts::ScannedEnvRead*>& reads) {
    std::vector<std::string> listed;
    std::vector<std::string> lines;
    for (const auto* read : reads) {
      if (listed.size() < k_listed)
        listed.push_back(read->default_value.empty()
                             ? std::string(read->name)
                             : fmt::format("{} (default {})", read->name, read->default_value));
      lines.push_back(fmt::format("{}={}", read->name, unquoted(read->default_value)));
    }
    if (reads.size() > k_listed)
      listed.push_back(fmt::format("and {} more", reads.size() - k_listed));
    const auto where = module.empty() ? std::string("the code at the root") : fmt::format("`{}/`", module);
    const auto count = reads.size() == 1 ? std::string("an environment variable")
                                         : fmt::format("{} environment variables", reads.size());
    const auto names = util::join(listed, ", ");
    auto message =
        test_only
            ? fmt::format("the test suite{} reads {} that no doc names: {}; only the test code says what "
                          "setting {} changes",
                          module.empty() ? "" : fmt::format(" in `{}/`", module), count, names,
                          reads.size() == 1 ? "it" : "them")
            : fmt::format("{} reads {} that no doc names: {}", where, count, names);
    const auto* first = *std::ranges::min_element(reads, [](const auto* a, const auto* b) {
      return std::tie(a->path, a->line, a->column) < std::tie(b->path, b->line, b->column);
    });
    auto& finding = out.emit(std::move(message),
                             engine::Location{std::string(first->path), first->line, first->column, {}},
                             fmt::format("{}{}", module.empty() ? "." : module, test_only ? " (tests)" : ""));
    for (const auto* read : reads)
      if (read != first && finding.related.size() < k_listed)
        finding.related.push_back(engine::Location{std::string(read->path), read->line, read->column, {}});
    finding.hint = fmt::format(
        "add to {} under an \"Environment\" section{} (or to .env.example), each with what "
        "it sets: {}",
        context.primary_context_file(), test_only ? " for the tests" : "", util::join(lines, ", "));
  }
};

} // namespace

TACIT_RULE(EnvVarUndocumented)

} // namespace tacit::rules
