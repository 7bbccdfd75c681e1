// TASK104 ci-step-undocumented: a substantive CI step runs a command that no doc mentions.

#include "ci_step_support.hpp"
#include "fix_support.hpp"
#include "procedure_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace tacit::rules {

namespace {

using namespace procedure;

constexpr engine::RuleMeta k_meta{
    .id = "TASK104",
    .name = "ci-step-undocumented",
    .category = "TASK",
    .severity = engine::Severity::warning,
    .summary = "a substantive CI step runs a command that no doc mentions",
    .docs =
        {
            .what_it_does =
                "Reads the commands that CI runs (GitHub Actions `run:` steps, local composite actions and "
                "reusable workflows; GitLab CI scripts with anchors, merges and `extends:`; CircleCI `run:` "
                "steps and reusable `commands:`; Azure Pipelines `script:`/`bash:`/`pwsh:` steps and local "
                "templates), leaves out plumbing (checkout, toolchain setup, caches and build caches "
                "(`ccache -o`, `ccache -s`, `sccache --show-stats`), package installs, "
                "`echo`, "
                "`cd`...) and what does not gate changes (workflows and pipelines that run only on tags, "
                "releases, schedules or by hand; `trigger: none` with `pr: none`; CircleCI jobs whose "
                "workflows "
                "run them only on tags or schedules; GitLab jobs that run only on tags or schedules; "
                "release, "
                "publish and deploy jobs; what runs after the merge: GitHub workflows that run only on "
                "pushes to "
                "the main branch, jobs that deploy Pages or commit for the team; steps that warm a cache; "
                "programs in a release/ or packaging/ folder; benchmark and size-report jobs, which measure "
                "(`size data` uploads a bundle's sizes for a "
                "bot's comment); "
                "commands run in another project's tree: a repository the job checks out where this one "
                "would "
                "be, a `cd` or `make -C` into a clone or an unpacked download), and reports each command "
                "whose "
                "head no doc shows: `go test -race ./...` is documented by `go test ./...`, `uv run pytest "
                "-x` "
                "by `pytest`, `tox run -e lint` by `tox -e lint`, `pnpm run check` by @antfu/ni's `nr "
                "check`, a repository script is documented "
                "when a doc shows its name as inline code (`vet-proto.sh`, or a stem of two words: "
                "\"the `vet-proto` check\"), and a CI step is documented when a "
                "documented "
                "make target, just recipe or package script runs it (`make generate` whose recipe runs `go "
                "generate`). Targets that install tools, clean, package or publish (`make install-tools`, "
                "`make "
                "clean`, `make dist`, image builds such as `make api-docker`, a recipe that only downloads "
                "and "
                "unpacks) are not procedures. Test and "
                "build commands (with a task runner's test flavours: `make test-ci`, `make e2e`) are left to "
                "TASK102 and TASK101 where those apply, and formatters, linters and type checkers (`ruff "
                "check`, "
                "`cargo clippy`, `golangci-lint run`, `make lint` whose recipe runs one) to TASK103, so that "
                "a "
                "gap is reported once. One finding per command, at its first CI line.\n\n"
                "A workflow that tests this repository against another project (a job checks out a "
                "repository "
                "the workflow names, `repository: org/name`, and runs that project's commands in that "
                "checkout) "
                "is "
                "reported once, as info, when no doc says what it checks: no doc links or names the workflow "
                "file, and no structural doc names it (`third-party.yml` is \"third party tests\" there), "
                "one of "
                "its jobs (a distinctive id such as `downstream-tests`) or one of the other projects. The "
                "other "
                "projects' commands are never reported; clones and "
                "downloads (most often dependencies built from source) are left out.\n\n"
                "A documented command that CI runs with arguments that select what runs is a variant the "
                "docs "
                "do not give: cargo `-p`, `--features`, `--all-features`, `--no-default-features` and "
                "`--test`, "
                "`go test -tags`, pytest `-m`/`-k`, pnpm `--filter`, npm `--workspace`, cmake `--target`, "
                "and "
                "the Gradle tasks and Maven goals after the first; and the environment that changes what the "
                "program "
                "does (`RUSTFLAGS`/`RUSTDOCFLAGS` for cargo commands that compile, `GOFLAGS`/`CGO_ENABLED` "
                "for go, `PYTHONWARNINGS` for pytest; not memory or linker tweaks), set on the command line "
                "or in the workflow's, "
                "job's or "
                "step's `env:`, unless a doc names the variable. The docs give `cargo test`, CI runs `cargo "
                "test --features integration`: one finding per documented command names the differences "
                "(\"CI "
                "also runs 'cargo test' with `--features integration`\"). Arguments that only narrow what "
                "the "
                "documented command runs (`-p`, `--test`, `--filter`, `--workspace`, pytest `-k`) are shown "
                "with a difference but make none on their own. A doc's `--all-features` gives every "
                "feature; a target or task that a doc lists by name (`testdeps`), one named for CI "
                "(`test-ci`), "
                "tasks that clean, install or publish, a task or goal that a documented one runs anyway "
                "(Gradle's "
                "`build` runs `check`, `test` and `assemble`; `mvn install` runs `verify` and the phases "
                "before it) and values computed by the CI (`${{ matrix.args }}`) "
                "make "
                "no variant; display and speed flags (`-v`, `--color`, `-race`) never do. Commands in a "
                "user-facing doc (a tutorial, a user guide, a page on testing the users' applications) "
                "document "
                "none of the repository's own procedures.\n\n"
                "Besides the known tools, gating CI's calls of the repository's own programs (`./scripts/x`, "
                "`bash scripts/x.sh`, `python tools/x.py`, `node scripts/x.mjs`, `go run ./cmd/x`, when the "
                "repository "
                "tracks them), of tools a package runner fetches (`npx`, `pnpm dlx`, `yarn dlx`, `bunx`, "
                "`uvx`, `pipx run`) and of tools the job installs by name and then runs (`pip install "
                "pip-audit`, `go install golang.org/x/vuln/cmd/govulncheck@latest`, `cargo install`, `npm "
                "install -g`, `apt-get install`; not JSON filters, downloaders, cloud and forge clients or "
                "archivers), and of any other tool a gating step runs as a check (a program of no table, "
                "preinstalled on the runner or brought by an action, whose step's name, own name or "
                "arguments "
                "say it lints, checks, spell-checks or audits: `pyspelling` in a step named \"check "
                "spelling\", `editorconfig-checker`, `addlicense -check`; not shell builtins, system "
                "utilities, PowerShell's own cmdlets (`Select-String`, `Test-Path`: Verb-Noun with an "
                "approved verb; a module's `Invoke-ScriptAnalyzer` is a check), shells, language runtimes, "
                "package and toolchain managers, task runners, VCS, "
                "container and service clients, version queries or the shell functions the workflow "
                "defines) are reported unless a doc runs or names them, a documented target runs them "
                "or is named after them (`make checksrc` for `scripts/checksrc-all.pl`). Programs that serve "
                "the "
                "CI itself are left out: those in CI folders (`.github/`, `.gitlab-ci/`, `ci/`...), those "
                "whose "
                "name says they install, package, publish, report, collect coverage, commit, label or name a "
                "CI, "
                "and lines that feed the CI (`>> $GITHUB_ENV`); so are test, build and format scripts where "
                "TASK102, TASK101 or TASK103 cover them. The programs one job runs make one finding. "
                "Values "
                "the workflow states in `env:` are read into the command (`${{ env.X }}`, `$X`), and so are "
                "the values a job's `strategy.matrix` states (its lists and `include:` entries): `npm run "
                "${{ "
                "matrix.task }}` over lint and typecheck is `npm run lint` and `npm run typecheck`, one "
                "finding "
                "for the line; what else the CI computes (outputs, a matrix from `fromJSON`) is not "
                "reported.",
            .why_it_matters =
                "CI is the definition of done that the team actually enforces. A check that only CI knows "
                "about "
                "is one an agent cannot run before it pushes: it learns about it from a red build, one round "
                "trip "
                "at a time.",
            .example =
                "A workflow runs `cargo deny check licenses` and no doc mentions cargo deny:\n\n"
                "```\n.github/workflows/ci.yml:42:16: TASK104 CI runs 'cargo deny' but no doc tells an "
                "agent to run it\n  hint: add `cargo deny check licenses` to AGENTS.md under a \"Checks\" "
                "section\n```",
            .how_to_fix =
                "Write the command (or a task runner target that runs it) in the context file an agent "
                "reads first, next to the tests, so that an agent runs what CI runs before it is done.",
        },
    .fixable = true,
    .heavy = true,
};

// The commands tacit knows to be procedure: linters, formatters, type checkers, test runners, build tools,
// task runners and code generators. Besides these, the repository's own programs, tools run through a
// package runner and tools the job installs by name are in scope (ci_step_support.hpp); other commands (a
// shell one-liner, a system tool) are not reported: precision first.
bool is_known_procedure(const std::vector<std::string>& head) {
  static const std::set<std::string_view> k_tools{
      "ruff",         "black",      "flake8",     "mypy",         "pyright",
      "pylint",       "isort",      "eslint",     "prettier",     "golangci-lint",
      "staticcheck",  "gofmt",      "gofumpt",    "goimports",    "revive",
      "clang-format", "clang-tidy", "shellcheck", "markdownlint", "markdownlint-cli2",
      "yamllint",     "actionlint", "hadolint",   "rustfmt",      "stylelint",
      "biome",        "pre-commit", "cppcheck",   "codespell",    "typos",
      "tsc",          "ktlint",     "detekt",     "rubocop",      "swiftlint",
      "buf",          "sqlfluff",   "vale",       "lychee",       "pytest",
      "ctest",        "jest",       "vitest",     "mocha",        "tox",
      "nox",          "cmake",      "meson",      "ninja",        "mvn",
      "gradle",       "invoke",     "poe",        "mage",         "sqlc",
      "protoc"};
  static const std::set<std::string_view> k_cargo{"clippy",  "fmt",   "deny",    "audit",
                                                  "doc",     "check", "hack",    "semver-checks",
                                                  "machete", "test",  "nextest", "build"};
  static const std::set<std::string_view> k_go{"vet", "generate", "fmt", "test", "build", "mod"};
  const auto& program = head.front();
  if (k_tools.contains(program))
    return true;
  if (head.size() < 2)
    return false;
  if (program == "cargo")
    return k_cargo.contains(head[1]);
  if (program == "go")
    return k_go.contains(head[1]);
  if (program == "make" || program == "just" || program == "task" || program == "bazel" ||
      program == "bazelisk")
    return true;
  if (program == "npm")
    return head[1] == "test" || (head[1] == "run" && head.size() == 3);
  if (program == "dotnet")
    return head[1] == "test" || head[1] == "build" || head[1] == "format";
  return false;
}

bool is_test_command(const std::vector<std::string>& head) {
  static const std::set<std::vector<std::string>> k_tests{{"pytest"},
                                                          {"ctest"},
                                                          {"jest"},
                                                          {"vitest"},
                                                          {"mocha"},
                                                          {"tox"},
                                                          {"nox"},
                                                          {"go", "test"},
                                                          {"cargo", "test"},
                                                          {"cargo", "nextest"},
                                                          {"mvn", "test"},
                                                          {"mvn", "verify"},
                                                          {"gradle", "test"},
                                                          {"gradle", "check"},
                                                          {"npm", "test"},
                                                          {"npm", "run", "test"},
                                                          {"make", "test"},
                                                          {"make", "check"},
                                                          {"unittest"},
                                                          {"dotnet", "test"},
                                                          {"bazel", "test"}};
  if (k_tests.contains(head))
    return true;
  // tox and nox environments that run the test suite: py312, ci-pypy3, tests-3.12.
  if (head.size() == 2 && (head[0] == "tox" || head[0] == "nox"))
    return head[1].find("py") != std::string::npos || head[1].find("test") != std::string::npos;
  return head.size() == 3 && head[0] == "npm" && head[2].starts_with("test");
}

bool is_build_command(const std::vector<std::string>& head) {
  static const std::set<std::vector<std::string>> k_builds{{"cmake"},
                                                           {"ninja"},
                                                           {"meson"},
                                                           {"cargo", "build"},
                                                           {"go", "build"},
                                                           {"mvn", "package"},
                                                           {"mvn", "install"},
                                                           {"gradle", "build"},
                                                           {"gradle", "assemble"},
                                                           {"make"},
                                                           {"make", "all"},
                                                           {"make", "build"},
                                                           {"npm", "run", "build"},
                                                           {"bazel", "build"},
                                                           {"dotnet", "build"}};
  return k_builds.contains(head);
}

// A task-runner target that runs a flavour of the tests (`make test-ci`, `make richtest`, `make e2e-gh`,
// `npm run test:unit`): the test suite is TASK102's, whichever way CI runs it.
bool is_test_target(const Head& head) {
  const auto target = target_of(head).second;
  if (target.empty())
    return false;
  for (const auto& word : name_words(target))
    if (word == "e2e" || word == "integration" || word.ends_with("test") || word.ends_with("tests"))
      return true;
  return false;
}

// A recipe line with its make variables (`$(PROTOC_URL)`, `${GO}`) as plain words: the shell would read them
// as command substitutions.
std::string without_make_variables(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '$' && i + 1 < line.size() && (line[i + 1] == '(' || line[i + 1] == '{')) {
      const char close = line[i + 1] == '(' ? ')' : '}';
      int depth = 0;
      std::size_t j = i + 1;
      for (; j < line.size(); ++j) {
        if (line[j] == line[i + 1])
          ++depth;
        else if (line[j] == close && --depth == 0)
          break;
      }
      out += "MAKEVAR";
      i = j;
      continue;
    }
    out += line[i];
  }
  return out;
}

// A target that installs tools, cleans, packages or publishes (`make install-goyacc`, `make clean`,
// `make assets-tarball`, `make dist`), by its name or because its recipe only downloads, unpacks and installs
// (`make protoc`: curl, unzip, chmod): bookkeeping that CI does for itself, not a procedure.
bool is_housekeeping_target(const engine::Context& context, const Head& head) {
  const auto [runner, target] = target_of(head);
  if (target.empty())
    return false;
  if (is_housekeeping_name(target))
    return true;
  if (runner != "make")
    return false;
  const auto recipe = recipe_of(context, runner, target);
  static const std::set<std::string_view> k_unpacking{"unzip", "tar",     "gzip",  "gunzip",
                                                      "xz",    "install", "mktemp"};
  // Shell bookkeeping alone (`echo lint`) is a stub, not an install: it takes a download or an install.
  static const std::set<std::string_view> k_bookkeeping{"echo", "printf", "cd",     "mkdir", "rm",   "cp",
                                                        "mv",   "ln",     "touch",  "chmod", "test", "[",
                                                        "true", ":",      "export", "set"};
  bool any = false;
  for (auto line : util::split_lines(recipe)) {
    line = util::trim(line);
    while (!line.empty() && (line.front() == '@' || line.front() == '-' || line.front() == '+'))
      line.remove_prefix(1);
    if (line.empty() || line.starts_with("$(eval") || line.starts_with("$(info"))
      continue;
    for (const auto& words : doc::split_commands(without_make_variables(line))) {
      if (words.empty())
        continue;
      if (!facts::is_plumbing_command(words) && !k_unpacking.contains(words.front()))
        return false;
      any = any || !k_bookkeeping.contains(words.front());
    }
  }
  return any;
}

// The command line without the arguments only the CI can fill in (`--target=${{ matrix.target }}`), and
// without the option that takes such an argument as its next word (`--profile ${{ matrix.profile }}`), which
// would otherwise take the next word for its value (`cargo --config check`).
std::string without_ci_expressions(std::string text) {
  for (auto open = text.find("${{"); open != std::string::npos; open = text.find("${{", open)) {
    const auto close = text.find("}}", open);
    if (close == std::string::npos)
      break;
    auto begin = text.find_last_of(" \t", open);
    begin = begin == std::string::npos ? 0 : begin;
    auto end = text.find_first_of(" \t", close);
    end = end == std::string::npos ? text.size() : end;
    if (const auto last = text.find_last_not_of(" \t", begin); begin > 0 && last != std::string::npos) {
      const auto blank = text.find_last_of(" \t", last);
      const auto start = blank == std::string::npos ? 0 : blank + 1;
      const auto option = std::string_view(text).substr(start, last + 1 - start);
      if (option.size() > 1 && option.starts_with('-') && option != "--" &&
          option.find('=') == std::string_view::npos && text.compare(begin + 1, 1, "-") != 0)
        begin = blank == std::string::npos ? 0 : blank;
    }
    text.erase(begin, end - begin);
    open = begin;
  }
  return std::string(util::trim(text));
}

// The command a CI line runs, without what only a script needs around it: the capture in
// `wrong_files=$(checkguard -r src/)` and the retries of `(npm run build) || (npm run build)`.
std::string unwrapped(std::string text) {
  const auto assign = text.find("=$(");
  if (assign != std::string::npos && assign > 0 && text.ends_with(')') &&
      std::ranges::all_of(std::string_view(text).substr(0, assign),
                          [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
    text = std::string(util::trim(std::string_view(text).substr(assign + 3, text.size() - assign - 4)));
  std::vector<std::string> tries;
  for (std::size_t from = 0;;) {
    const auto bar = text.find("||", from);
    auto part =
        util::trim(std::string_view(text).substr(from, bar == std::string::npos ? text.npos : bar - from));
    if (part.size() > 2 && part.front() == '(' && part.back() == ')')
      part = util::trim(part.substr(1, part.size() - 2));
    tries.emplace_back(part);
    if (bar == std::string::npos)
      break;
    from = bar + 2;
  }
  if (tries.size() > 1 && std::ranges::all_of(tries, [&](const std::string& one) { return one == tries[0]; }))
    return tries[0];
  return text;
}

// The CI line as a developer runs it from the repository root: in the step's working directory, with the
// `env` prefix (env_prefix) after the `cd` that would otherwise take it.
std::string pasteable(const facts::CiCommand& command, const Head& head, std::string_view env = {}) {
  auto text = with_env_values(command);
  // A line the matrix fans out (`npm run ${{ matrix.task }}`): the variant that runs `head`.
  const auto resolved = command.matrix.empty() || text.find("${{") == std::string::npos
                            ? std::string()
                            : resolved_text(command);
  if (!resolved.empty())
    for (const auto& variant : util::split(resolved, ';'))
      if (const auto commands = doc::split_commands(variant); std::ranges::any_of(
              commands, [&](const auto& words) { return head_of(doc::peel_wrappers(words)) == head; })) {
        text = std::string(util::trim(variant));
        break;
      }
  text = unwrapped(without_ci_expressions(text));
  const auto& dir = command.working_directory;
  if (dir.empty() || dir == "." || dir == "./" || dir.find_first_of("$%{~") != std::string::npos ||
      dir.starts_with('/'))
    return fmt::format("{}{}", env, text);
  if (text.starts_with("make ") && text.find(" -C ") == std::string::npos)
    return fmt::format("{}make -C {} {}", env, dir, text.substr(5));
  return fmt::format("cd {} && {}{}", dir, env, text);
}

// The `NAME=value` words a command line starts with (quotes removed: `RUSTFLAGS="-D warnings" cargo test`
// gives `RUSTFLAGS=-D warnings`); the commands split_commands gives have them stripped.
std::vector<std::string> leading_assignments(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    std::string word;
    char quote = 0;
    for (; i < line.size() && (quote != 0 || (line[i] != ' ' && line[i] != '\t')); ++i) {
      if (quote == 0 && (line[i] == '"' || line[i] == '\''))
        quote = line[i];
      else if (quote != 0 && line[i] == quote)
        quote = 0;
      else
        word += line[i];
    }
    const auto equals = word.find('=');
    if (word.empty() || equals == 0 || equals == std::string::npos ||
        !std::ranges::all_of(std::string_view(word).substr(0, equals), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                 c == '_';
        }))
      return out;
    out.push_back(std::move(word));
  }
}

// True when a doc names an environment variable (`RUSTFLAGS`): it says how CI sets it, or how to. Every doc
// counts (a contributing guide under docs/ keeps no text in the context), so their content is read once per
// run, and only when a variant sets such a variable.
// Every doc's text, once per run.
const std::string& every_doc_text(const engine::Context& context) {
  return context.shared<std::string>("TASK104 every doc's text", [&] {
    std::string out;
    for (const auto& doc : context.documents()) {
      if (!doc.text.empty()) {
        out += doc.text;
      } else if (const auto* file = context.snapshot().find(doc.path)) {
        if (auto content = context.snapshot().read(*file))
          out += content->bytes;
      }
      out += '\n';
    }
    return out;
  });
}

bool documents_variable(const engine::Context& context, std::string_view name) {
  return every_doc_text(context).find(name) != std::string::npos;
}

// True when a doc names `word` as a word of its own (`codespell`, not `codespellrc`).
bool names_word(const engine::Context& context, std::string_view word) {
  const auto& all = every_doc_text(context);
  const auto part = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  };
  for (auto at = all.find(word); at != std::string::npos; at = all.find(word, at + 1))
    if ((at == 0 || !part(all[at - 1])) && (at + word.size() == all.size() || !part(all[at + word.size()])))
      return true;
  return false;
}

// True when a doc shows a repository script's name as inline code: its base name (`vet-proto.sh`) or, when
// that is distinctive (two words: `vet-proto`, `check_links`), its stem, as CI logs name the check ("the
// `vet-proto` check ... need not be green"). A reader knows the check and where to look.
bool names_script_in_code(const engine::Context& context, std::string_view path) {
  const auto name = util::base_name(path);
  const auto& all = every_doc_text(context);
  if (all.find(fmt::format("`{}`", name)) != std::string::npos)
    return true;
  const auto stem = name.substr(0, name.find('.'));
  return stem.size() >= 5 && stem.find_first_of("-_") != std::string_view::npos &&
         all.find(fmt::format("`{}`", stem)) != std::string::npos;
}

// True when a repository program lives in a folder of release machinery (`release/build.py` builds and
// notarizes the app; `packaging/make-deb.sh`): the maintainers run it to ship, not a contributor to check.
bool in_release_folder(std::string_view path) {
  for (const auto part : util::split(util::dir_name(path), '/'))
    if (part == "release" || part == "releasing" || part == "packaging")
      return true;
  return false;
}

// Programs that serve a job rather than check the code, even when the job installs them: JSON and YAML
// filters, downloaders, cloud and forge clients, archivers, display servers, build caches (`ccache gcc` is a
// compile; the cache's set-up and statistics are plumbing: facts::is_plumbing_command).
bool is_service_program(std::string_view program) {
  static constexpr std::string_view k_service[] = {
      "jq",      "yq",    "curl",     "wget",      "gh",        "hub",    "aws",    "gcloud",
      "gsutil",  "az",    "kubectl",  "helm",      "git",       "docker", "podman", "zip",
      "unzip",   "tar",   "xvfb-run", "sudo",      "ssh",       "scp",    "rsync",  "twine",
      "vsce",    "ovsx",  "codecov",  "coveralls", "goveralls", "ghr",    "gpg",    "cosign",
      "syft",    "grype", "choco",    "ccache",    "sccache",   "cachix", "distcc", "buildcache",
      "envinfo", // describes the machine the job runs on
  };
  return std::ranges::find(k_service, program) != std::end(k_service) || is_housekeeping_name(program);
}

// A program of no table that a gating step runs as a check (says_it_checks): a plain name that starts with
// a letter (no path, no variable, no word of a mis-split line), not an everyday program
// (is_everyday_program), not a service client, and more than a version or help query.
bool is_any_check_tool(const facts::CiCommand& command, const std::vector<std::string>& peeled) {
  const auto& program = peeled.front();
  if (program.empty() || !std::isalpha(static_cast<unsigned char>(program.front())) ||
      !std::ranges::all_of(program,
                           [](char c) {
                             return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                                    c == '.' || c == '+';
                           }) ||
      is_everyday_program(program) || is_service_program(program))
    return false;
  if (std::ranges::all_of(peeled.begin() + 1, peeled.end(),
                          [](const std::string& word) {
                            return word == "--version" || word == "-version" || word == "-V" ||
                                   word == "version" || word == "--help" || word == "-h" || word == "help";
                          }) &&
      peeled.size() > 1)
    return false;
  return says_it_checks(command.step, peeled);
}

// The step's `env:` assignments that change a command's outcome, as a shell prefix for a pasteable hint
// (the inline ones are in the command's text already).
std::string env_prefix(const facts::CiCommand& command, const Head& head) {
  std::string out;
  for (const auto& assignment : outcome_environment({}, head, command.env)) {
    const auto equals = assignment.find('=');
    const auto value = assignment.substr(equals + 1);
    const bool plain = !value.empty() && value.find_first_of(" \t'\"$`\\;&|<>()*?[]#~") == std::string::npos;
    out += fmt::format("{}={} ", assignment.substr(0, equals), plain ? value : fmt::format("'{}'", value));
  }
  return out;
}

// Lower case with '-' and '_' as blanks: "Third-party tests" and third_party.yml meet as "third party".
std::string loose(std::string_view text) {
  auto out = util::to_lower(text);
  std::ranges::replace(out, '-', ' ');
  std::ranges::replace(out, '_', ' ');
  return out;
}

// The structural docs' prose, loosened (see loose()), computed once per run.
const std::vector<std::string>& loose_doc_texts(const engine::Context& context) {
  return context.shared<std::vector<std::string>>("TASK104 loose doc texts", [&] {
    std::vector<std::string> out;
    for (const auto& doc : context.documents())
      if (!doc.text.empty())
        out.push_back(loose(doc.text));
    return out;
  });
}

// True when a doc says what a workflow that tests this repository against other projects checks: a path
// mention of the workflow file, or structural prose that names the file, its name when that is specific (a
// stem of two words or eight letters: `third-party` is "third party tests", `ci` says nothing), one of its
// jobs (a distinctive id such as `downstream-tests`) or one of the other projects (a name of four letters or
// more).
bool documents_foreign_workflow(const engine::Context& context, std::string_view workflow,
                                const std::vector<const facts::CiCommand*>& jobs,
                                const std::vector<std::string>& projects) {
  const auto file = util::base_name(workflow);
  for (const auto& mention : context.knowledge().paths())
    if (util::base_name(mention.text) == file)
      return true;
  std::vector<std::string> names{loose(file)};
  const auto stem = file.substr(0, file.rfind('.'));
  if (stem.size() >= 8 || stem.find_first_of("-_") != std::string_view::npos)
    names.push_back(loose(stem));
  for (const auto* job : jobs)
    if (job->job.size() >= 6 && job->job.find_first_of("-_") != std::string::npos)
      names.push_back(loose(job->job));
  for (const auto& project : projects)
    if (const auto name = util::base_name(project); name.size() >= 4)
      names.push_back(loose(name));
  for (const auto& text : loose_doc_texts(context))
    if (std::ranges::any_of(names, [&](const auto& name) { return text.find(name) != std::string::npos; }))
      return true;
  return false;
}

std::string_view section_for(const std::vector<std::string>& head) {
  if (is_lint_command(head))
    return "Linting";
  return "Checks";
}

class CiStepUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& ci = context.ci();
    if (ci.commands.empty())
      return out.not_applicable("no CI run step found");
    const auto& documented = documented_heads(context);
    const auto& recipes = documented_recipes(context);
    // Deep: what documented scripts run, and the pattern rules documented make targets match; a target
    // named there (`jq.1: jq.1.prebuilt`, `$(MAKE) ui-lint`) is run by a documented one.
    std::optional<std::string> deep_recipes; // computed when a target needs it: it reads scripts
    const auto runs_target = [&](const std::string& target) {
      if (!deep_recipes)
        deep_recipes = documented_recipes(context, true);
      return runs_through_recipe(*deep_recipes, target);
    };
    const auto& facts = context.facts();

    std::map<std::vector<std::string>, std::vector<const facts::CiCommand*>> undocumented;
    std::set<Head> programs; // the heads of repository programs
    bool lint_documented = false;
    for (const auto& head : documented)
      lint_documented = lint_documented || (!head.empty() && is_lint_command(head));
    // Variants: a documented command that CI runs with arguments that select something else (`cargo test
    // --features integration` where the docs give `cargo test`), keyed by the head and what no doc gives.
    // One finding per head (one gap: the docs give the command but not how CI varies it).
    std::map<Head, std::vector<std::pair<std::string, const facts::CiCommand*>>> variants;
    const auto documented_args = documented_arguments(context);
    const Gate gate(ci);
    // The programs each job installs by name (`pip install codespell`, `go install .../tool@v1`): a job that
    // installs a tool and then runs it makes it one of the team's checks, whatever the tool.
    std::map<std::pair<std::string, std::string>, std::set<std::string>> installed;
    for (const auto& command : ci.commands)
      if (gate(command) && !command.foreign)
        for (const auto& words : doc::split_commands(resolved_text(command)))
          for (auto& name : installed_programs(words))
            installed[{command.path, command.job}].insert(std::move(name));
    // The shell functions each CI file's scripts define (`assert-nothing-changed() {`): no programs of their
    // own. The CI facts leave the definitions out, so the file is read, once, when a command needs it.
    std::map<std::string, std::set<std::string>, std::less<>> functions;
    const auto defines = [&](const std::string& path, const std::string& name) {
      auto [it, added] = functions.try_emplace(path);
      if (added)
        if (const auto* file = context.snapshot().find(path))
          if (const auto content = context.snapshot().read(*file))
            for (auto& function : shell_functions(content->bytes))
              it->second.insert(std::move(function));
      return it->second.contains(name);
    };
    const bool pre_commit_documented = documents_pre_commit(context);
    // Jobs that run another project's commands in its tree (a checkout of another repository, a clone, a
    // download): those commands are that project's, never reported; the job itself is, once, when no doc
    // says what it checks.
    // Only a checkout the workflow names (`repository: org/name`) says which project is tested against;
    // clones and downloads are most often dependencies built from source.
    std::map<std::string, std::vector<const facts::CiCommand*>> foreign_jobs; // by workflow
    for (const auto& command : ci.commands) {
      if (command.foreign && !command.plumbing && gate(command) && !is_release_job(command) &&
          command.foreign_source.find('/') != std::string::npos &&
          command.foreign_source.find("://") == std::string::npos &&
          command.foreign_source.find('$') == std::string::npos)
        for (const auto& words : doc::split_commands(resolved_text(command)))
          if (!facts::is_plumbing_command(words) && !doc::peel_wrappers(words).empty()) {
            foreign_jobs[command.pipeline].push_back(&command);
            break;
          }
      if (command.plumbing || command.foreign || !gate(command) || is_release_job(command))
        continue;
      for (const auto& words : doc::split_commands(resolved_text(command))) {
        if (facts::is_plumbing_command(words))
          continue;
        const auto peeled = doc::peel_wrappers(words);
        if (peeled.empty() || peeled.front().find_first_of("$%{") != std::string::npos)
          continue;
        const auto head = head_of(peeled);
        if (std::any_of(head.begin(), head.end(), [](const std::string& word) {
              return word.find_first_of("$%{") != std::string::npos;
            }))
          continue; // `npm run ${{ matrix.script }}`: which script runs is not written here
        if (documented.contains(head)) {
          auto missing = undocumented_arguments(documented_args, head, peeled);
          // The environment that changes the outcome (`RUSTFLAGS=-D warnings`) is part of the variant,
          // unless a doc names the variable.
          for (const auto& assignment :
               outcome_environment(leading_assignments(command.text), head, command.env))
            if (!documents_variable(context, assignment.substr(0, assignment.find('='))))
              missing += (missing.empty() ? "" : " ") + assignment;
          if (!missing.empty())
            variants[head].emplace_back(std::move(missing), &command);
          continue;
        }
        // Besides the known tools: the repository's own programs and tools a package runner fetches.
        const auto program = repository_program(context, peeled);
        auto fetched = program.empty() ? package_runner_tool(words) : std::string();
        if (is_service_program(fetched))
          fetched.clear(); // `npx envinfo` describes the machine
        if (program.empty() && fetched.empty() && !is_known_procedure(head) &&
            !is_service_program(peeled.front()) && !is_everyday_program(peeled.front()))
          if (const auto it = installed.find({command.path, command.job});
              it != installed.end() && it->second.contains(peeled.front()))
            fetched = peeled.front(); // installed by the job, like a tool a package runner fetches
        // Any other tool a gating step runs to check the code (preinstalled on the runner or brought by an
        // action: `zizmor .` in a step named "Lint workflows"), when the step or the command says so.
        if (program.empty() && fetched.empty() && !is_known_procedure(head) &&
            is_any_check_tool(command, peeled)) {
          if (!defines(command.path, peeled.front()))
            fetched = peeled.front();
        }
        if ((program.empty() && fetched.empty() && !is_known_procedure(head)) ||
            !tools_run_by(context, words, true).empty())
          continue; // unknown, or a formatter/linter/type checker: TASK103 owns those
        if (!program.empty() || !fetched.empty()) {
          const auto& what = program.empty() ? fetched : program;
          const auto kind = [&](std::initializer_list<std::string_view> stems) {
            return std::ranges::any_of(name_words(what), [&](const std::string& word) {
              return std::ranges::any_of(stems, [&](std::string_view stem) { return word.ends_with(stem); });
            });
          };
          // Tests, builds and formatters have rules of their own (TASK102, TASK101, TASK103): a script of
          // theirs is reported there, or documented by what the docs say of them.
          if (is_housekeeping_name(util::base_name(what)) || is_ci_machinery(what, command.text) ||
              in_release_folder(program) ||
              std::ranges::any_of(peeled,
                                  [](const std::string& word) {
                                    // A path's folders say where a program lives, not what it does
                                    // (`tools/check-docs.sh`): its own name does.
                                    return is_housekeeping_name(util::base_name(word));
                                  }) ||
              (kind({"test", "tests", "e2e", "integration"}) && !facts.test_suites.empty()) ||
              (kind({"build", "compile"}) && !facts.build_systems.empty()) ||
              (lint_documented && kind({"lint", "format", "fmt", "style"})) ||
              (!program.empty() && (documents_program(context, program, recipes) ||
                                    names_script_in_code(context, program) || runs_target(program))) ||
              (!fetched.empty() &&
               (documented.contains(Head{fetched}) ||
                std::ranges::any_of(documented,
                                    [&](const Head& known) { return known.front() == fetched; }) ||
                names_word(context, fetched) || runs_through_recipe(recipes, fetched) ||
                runs_target(fetched))))
            continue;
          if (!program.empty())
            programs.insert(Head{program});
          undocumented[program.empty() ? head : Head{program}].push_back(&command);
          continue;
        }
        if (is_housekeeping_target(context, head))
          continue;
        // TASK102 reports undocumented tests, from the suites or (without one) from what CI runs.
        if (is_test_command(head) || (is_test_target(head) && !facts.test_suites.empty()) ||
            (is_build_command(head) && !facts.build_systems.empty()))
          continue; // TASK102 / TASK101 own these
        // A documented recipe that runs the program documents it; cargo's subcommands are tools of their own
        // (`cargo deny`, `cargo nextest`), so a recipe that runs `cargo test` does not document `cargo deny`.
        const bool through_recipe = peeled.front() == "cargo" && head.size() > 1
                                        ? runs_through_recipe(recipes, fmt::format("{} {}", head[0], head[1]))
                                        : runs_through_recipe(recipes, peeled.front());
        if (documented.contains(head_of(words)) || through_recipe ||
            (!target_of(head).second.empty() && runs_target(target_of(head).second)) ||
            (pre_commit_documented && is_lint_command(head)))
          continue;
        undocumented[head].push_back(&command);
      }
    }
    // One gap, one finding: the tasks of one module that one CI job runs (`gradle module-tests:test` and
    // `gradle module-tests:imageRun`) are one undocumented check; the first is reported, the others are its
    // evidence.
    std::map<std::string, const Head*> module_gaps; // "path\njob\nprogram module" -> the head reported
    std::map<const Head*, std::vector<const Head*>> merged;
    // One CI line the matrix fans out (`make check-${{ matrix.features }}`) is one gap: its first value
    // leads, the others are its evidence.
    std::map<std::string, const Head*> line_gaps;
    std::set<const Head*> in_line_gap;
    for (const auto& [head, commands] : undocumented) {
      const auto& first = *commands.front();
      if (first.matrix.empty() || programs.contains(head)) // a job's programs make one finding anyway
        continue;
      const auto [it, added] = line_gaps.emplace(fmt::format("{}:{}", first.path, first.line), &head);
      if (!added) {
        merged[it->second].push_back(&head);
        in_line_gap.insert(&head);
        in_line_gap.insert(it->second);
      }
    }
    for (const auto& [head, commands] : undocumented) {
      if (in_line_gap.contains(&head))
        continue;
      const auto colon = head.size() == 2 ? head[1].rfind(':') : std::string::npos;
      const bool program = programs.contains(head);
      if (!program && (colon == std::string::npos || colon == 0))
        continue;
      const auto& first = *commands.front();
      // The repository programs one job runs are one gap too (the job's checks), whatever their names.
      const auto key =
          program ? fmt::format("{}\n{}\n", first.path, first.job)
                  : fmt::format("{}\n{}\n{} {}", first.path, first.job, head[0], head[1].substr(0, colon));
      const auto [it, added] = module_gaps.emplace(key, &head);
      if (added)
        continue;
      // The task the job runs first leads.
      if (first.line < undocumented.at(*it->second).front()->line) {
        auto others = std::move(merged[it->second]);
        merged.erase(it->second);
        others.push_back(it->second);
        it->second = &head;
        merged[&head] = std::move(others);
      } else {
        merged[it->second].push_back(&head);
      }
    }
    for (const auto& [workflow, commands] : foreign_jobs) {
      // One finding per workflow: its jobs and the projects they test against are the evidence.
      std::vector<std::string> projects;
      std::vector<const facts::CiCommand*> jobs; // the first command of each job
      for (const auto* command : commands) {
        if (std::ranges::none_of(jobs, [&](const auto* job) { return job->job == command->job; }))
          jobs.push_back(command);
        if (auto project = std::string(command->foreign_source);
            std::ranges::find(projects, project) == projects.end())
          projects.push_back(std::move(project));
      }
      if (documents_foreign_workflow(context, workflow, jobs, projects))
        continue;
      const auto& first = *commands.front();
      std::string against = fmt::format("'{}'", projects.front());
      if (projects.size() > 1)
        against += fmt::format(" and {} other {}", projects.size() - 1,
                               projects.size() == 2 ? "project" : "projects");
      auto& finding = out.emit(
          fmt::format("{} tests this repository against {} (it runs {} commands in {} checkout), and no doc "
                      "says what it checks",
                      util::base_name(workflow), against, projects.size() == 1 ? "that project's" : "their",
                      projects.size() == 1 ? "its" : "their"),
          engine::Location{first.path, first.line, first.column, {}},
          fmt::format("workflow {}", util::base_name(workflow)));
      finding.severity = engine::Severity::info;
      finding.hint =
          fmt::format("say in {} what {} checks (this repository against {}), when it fails and how "
                      "to reproduce it; the other projects' own commands need no documenting here",
                      context.primary_context_file(), util::base_name(workflow), against);
      for (std::size_t i = 1; i < jobs.size() && finding.related.size() < 3; ++i)
        finding.related.push_back(engine::Location{
            jobs[i]->path, jobs[i]->line, jobs[i]->column,
            fmt::format("job '{}' runs `{}` in {}", jobs[i]->job, jobs[i]->text, jobs[i]->foreign_source)});
    }
    for (const auto& [head, commands] : variants) {
      std::vector<std::string> differences; // in CI order, each once
      for (const auto& [missing, command] : commands)
        if (std::find(differences.begin(), differences.end(), missing) == differences.end())
          differences.push_back(missing);
      const auto& first = *commands.front().second;
      const auto text = util::join(head, " ");
      std::string listed = fmt::format("`{}`", differences.front());
      for (std::size_t i = 1; i < differences.size() && i < 3; ++i)
        listed += fmt::format(", `{}`", differences[i]);
      if (differences.size() > 3)
        listed += fmt::format(" and {} more", differences.size() - 3);
      auto& finding = out.emit(fmt::format("CI also runs '{}' with {}, which no doc gives", text, listed),
                               engine::Location{first.path, first.line, first.column, {}},
                               fmt::format("{} (variants)", text));
      const auto line = pasteable(first, head, env_prefix(first, head));
      finding.hint = fmt::format("add `{}` to {} under a \"{}\" section", line,
                                 context.primary_context_file(), section_for(head));
      finding.fix = fixes::procedure_fix(context, section_for(head), line);
      std::set<std::string> shown{differences.front()};
      for (const auto& [missing, command] : commands)
        if (finding.related.size() < 3 && shown.insert(missing).second)
          finding.related.push_back(
              engine::Location{command->path, command->line, command->column,
                               fmt::format("job '{}' runs it with `{}`", command->job, missing)});
    }
    std::set<const Head*> folded;
    for (const auto& [lead, others] : merged)
      folded.insert(others.begin(), others.end());
    for (const auto& [head, commands] : undocumented) {
      if (folded.contains(&head))
        continue;
      const auto& first = *commands.front();
      const auto text = util::join(head, " ");
      auto& finding = out.emit(fmt::format("CI runs '{}' but no doc tells an agent to run it", text),
                               engine::Location{first.path, first.line, first.column, {}}, text);
      finding.hint = fmt::format("add `{}` to {} under a \"{}\" section", pasteable(first, head),
                                 context.primary_context_file(), section_for(head));
      // The fix writes the commands of the programs folded into this finding too (one finding per job).
      auto fix_commands = pasteable(first, head);
      if (const auto it = merged.find(&head); it != merged.end())
        for (const auto* other : it->second)
          fix_commands += "\n" + pasteable(*undocumented.at(*other).front(), *other);
      finding.fix = fixes::procedure_fix(context, section_for(head), fix_commands);
      // Other places that run it; not the same place again (`(make) || (make)` retries on one line).
      for (std::size_t i = 1; i < commands.size() && finding.related.size() < 3; ++i)
        if (std::ranges::none_of(
                commands.begin(), commands.begin() + static_cast<std::ptrdiff_t>(i), [&](const auto* seen) {
                  return seen->path == commands[i]->path && seen->line == commands[i]->line &&
                         seen->column == commands[i]->column;
                }))
          finding.related.push_back(engine::Location{commands[i]->path, commands[i]->line,
                                                     commands[i]->column,
                                                     fmt::format("also run by job '{}'", commands[i]->job)});
      if (const auto it = merged.find(&head); it != merged.end())
        for (const auto* other : it->second) {
          const auto& where = *undocumented.at(*other).front();
          finding.related.push_back(
              engine::Location{where.path, where.line, where.column,
                               fmt::format("the same job also runs '{}'", util::join(*other, " "))});
        }
    }
  }
};

} // namespace

TACIT_RULE(CiStepUndocumented)

} // namespace tacit::rules
