// CTX003 unknown-command-target: a doc tells the reader to run a target that does not exist.

#include "fix_support.hpp"
#include "new_project.hpp"
#include "runner_requests.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/packages.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX003",
    .name = "unknown-command-target",
    .category = "CTX",
    .severity = engine::Severity::error,
    .summary = "a doc tells the reader to run a make target, package script, just recipe, CMake preset, tox "
               "environment, nox session, Taskfile task or Cargo alias that does not exist",
    .docs =
        {
            .what_it_does =
                "Reads the commands that agent context files and the project's own docs (README, "
                "CONTRIBUTING, "
                "docs/) show, and checks them against the targets the repository defines: `make X` (the "
                "tracked "
                "Makefiles and `*.mk`), `npm/pnpm/yarn/bun run X` and `npm test` (every package.json's "
                "scripts), "
                "`just X` (the justfile's recipes and aliases), `cmake --preset X`, `cmake --build --preset "
                "X`, "
                "`ctest --preset X`, `cpack --preset X` and `cmake --workflow --preset X` "
                "(CMakePresets.json, "
                "CMakeUserPresets.json and the files they include; hidden presets do not count), `tox -e X` "
                "(tox.ini, setup.cfg, pyproject.toml or tox.toml; like tox 4, any name made of Python "
                "factors "
                "such as `py312` or of factors the configuration uses is valid), `nox -s X` (noxfile.py "
                "sessions; "
                "`tests-3.12` matches a parametrized `tests`), `task X` (Taskfile.yml tasks, aliases and "
                "local "
                "includes as `ns:task`), and `cargo X` when .cargo/config.toml defines aliases and X is a "
                "near "
                "miss of one that is neither a cargo command nor a well-known plugin. Names with "
                "placeholders "
                "(`<x>`, `$VAR`, `{x}`, `...`, a lone capital such as `npm run X`) are skipped, and so are "
                "the commands that follow one making a new "
                "project in the same section (`npm init fastify`, then `npm run dev`: the reader's "
                "project), and the commands of the runner the repository itself makes (its root Cargo.toml, "
                "package.json or go.mod names it: `just foo` in just's README shows the users' justfiles). "
                "A target is unknown only when the runner's files are "
                "tracked "
                "and complete: a Makefile that includes others or names targets with variables, a justfile "
                "that "
                "imports others, an unparsable package.json, a build generator (CMake, autotools, meson) "
                "that "
                "writes Makefiles, a presets or Taskfile include that is missing or remote, a noxfile that "
                "imports "
                "local modules or registers sessions in a loop, and a tox envlist too complex to expand all "
                "make "
                "tacit stay silent.",
            .why_it_matters =
                "An agent runs what the docs say, literally. A renamed or deleted target makes its first "
                "command "
                "fail, and it then improvises: it guesses another target, edits the Makefile, or gives up on "
                "verifying its change.",
            .example = "AGENTS.md says to run `make lint`, but the Makefile only has `build`, `test` and "
                       "`check`:\n\n"
                       "```\nAGENTS.md:14:1: CTX003 'make lint': no tracked Makefile has a target 'lint'\n"
                       "  hint: use one of the targets that exist (build, check, test), or add 'lint'\n```",
            .how_to_fix =
                "Change the doc to the target's current name, or add the target back to the runner's file.",
        },
    .fixable = true,
};

bool describes_this_repository(const doc::Document& doc) {
  return doc.kind == doc::DocKind::agent_context || doc.kind == doc::DocKind::contributing ||
         doc::is_structural(doc.path, doc.kind);
}

bool is_flag(std::string_view word) {
  return word.size() > 1 && word.front() == '-';
}

struct Request {
  std::string runner; // make, npm, just
  std::string target;
  std::string dir; // make -C DIR
};

// The runner and target a command asks for, if it is one tacit can check.
std::optional<Request> requested_target(const std::vector<std::string>& words) {
  if (words.size() < 2)
    return std::nullopt;
  const auto& program = words.front();
  if (program == "make" || program == "gmake") {
    Request request{"make", {}, {}};
    for (std::size_t i = 1; i < words.size(); ++i) {
      const auto& word = words[i];
      if (word == "-f" || word == "--file" || word.starts_with("--file=") || word.starts_with("--makefile") ||
          word.starts_with("-f"))
        return std::nullopt; // another makefile
      if (word == "-C" || word == "--directory") {
        if (i + 1 < words.size())
          request.dir = util::normalize_path(words[++i]);
        continue;
      }
      if ((word == "-j" || word == "-l" || word == "-I" || word == "-o" || word == "-W") &&
          i + 1 < words.size()) {
        if (word != "-j" && word != "-l")
          ++i;
        else if (std::isdigit(static_cast<unsigned char>(words[i + 1].front())))
          ++i;
        continue;
      }
      if (is_flag(word) || word.find('=') != std::string::npos)
        continue;
      request.target = word;
      return request;
    }
    return std::nullopt;
  }
  if (program == "npm" || program == "pnpm" || program == "yarn" || program == "bun") {
    static constexpr std::array<std::string_view, 9> k_value_flags{
        "--prefix", "-w", "--workspace", "--filter", "-F", "-C", "--dir", "--cwd", "--script-shell"};
    bool run = false;
    for (std::size_t i = 1; i < words.size(); ++i) {
      const auto& word = words[i];
      if (std::find(k_value_flags.begin(), k_value_flags.end(), word) != k_value_flags.end()) {
        ++i;
        continue;
      }
      if (is_flag(word))
        continue;
      if (!run) {
        if (word == "run" || word == "run-script") {
          run = true;
          continue;
        }
        if (word == "test" && program != "bun") // `bun test` is bun's own test runner
          return Request{"npm", "test", {}};
        return std::nullopt;
      }
      if (word.find_first_of("/*{$") != std::string::npos)
        return std::nullopt; // pnpm's /regex/ selectors, globs, variables
      return Request{"npm", word, {}};
    }
    return std::nullopt;
  }
  if (program == "just") {
    for (std::size_t i = 1; i < words.size(); ++i) {
      const auto& word = words[i];
      if (is_flag(word)) {
        if (word == "-f" || word == "--justfile" || word == "-d" || word == "--working-directory" ||
            word == "--set" || word.starts_with("--justfile="))
          return std::nullopt;
        continue;
      }
      if (word.find('=') != std::string::npos)
        continue; // a variable override
      return Request{"just", word, {}};
    }
  }
  return std::nullopt;
}

// A name the doc leaves for the reader to fill in: `bun run X`, `npm run ...`, `make <target>`.
bool is_placeholder_target(std::string_view target) {
  return target.empty() || target.find_first_of("<>{}$*[]|") != std::string_view::npos ||
         util::contains(target, "...") || util::contains(target, "\xE2\x80\xA6") ||
         (target.size() == 1 && std::isupper(static_cast<unsigned char>(target.front())));
}

// The programs this repository makes, by its root manifests' package names (Cargo.toml, package.json, the
// last segment of go.mod's module): in just's own README, `just foo` shows the users' justfiles.
std::set<std::string, std::less<>> own_programs(const engine::Context& context) {
  std::set<std::string, std::less<>> out;
  for (std::string_view manifest : {"Cargo.toml", "package.json"})
    if (const auto* file = context.snapshot().find(manifest))
      if (auto name = facts::package_name(manifest, context.file_cache()(*file)); !name.empty())
        out.insert(std::move(name));
  if (const auto* file = context.snapshot().find("go.mod"))
    for (const auto line : util::split_lines(context.file_cache()(*file)))
      if (const auto trimmed = util::trim(line); trimmed.starts_with("module ")) {
        auto segments = util::split(util::trim(trimmed.substr(7)), '/');
        while (segments.size() > 1 && segments.back().size() > 1 && segments.back().front() == 'v' &&
               std::all_of(segments.back().begin() + 1, segments.back().end(),
                           [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
          segments.pop_back(); // github.com/go-task/task/v3
        if (!segments.empty() && !segments.back().empty())
          out.emplace(segments.back());
        break;
      }
  return out;
}

class UnknownCommandTarget final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (context.knowledge().commands().empty())
      return out.not_applicable("no doc gives a command");
    const auto own = own_programs(context);
    const NewProjectCommands new_projects(context.knowledge().commands());
    for (const auto& mention : context.knowledge().commands()) {
      // The repository's own program: its docs show the users' files (`just foo` in just's README).
      if (!mention.words.empty() && own.contains(mention.words.front()))
        continue;
      const auto* doc = context.document(mention.doc);
      // After `npm init fastify` the reader's own project runs `npm run dev`, not this repository.
      if (!doc || !describes_this_repository(*doc) || new_projects.follow(*doc, mention))
        continue;
      std::vector<Request> requests;
      if (auto request = requested_target(mention.words))
        requests.push_back(std::move(*request));
      for (auto& extra : runner_requests(mention.words))
        requests.push_back(Request{std::move(extra.runner), std::move(extra.target), {}});
      for (const auto& request : requests)
        if (!is_placeholder_target(request.target))
          check_request(context, mention, request, out);
    }
  }

private:
  static void check_request(const engine::Context& context, const doc::CommandMention& mention,
                            const Request& request, engine::Emitter& out) {
    const auto& facts = context.facts();
    std::vector<const facts::TargetSet*> sets;
    bool complete = true;
    for (const auto& set : facts.target_sets) {
      if (set.runner != request.runner)
        continue;
      if (request.runner == "make" && !request.dir.empty() && util::dir_name(set.path) != request.dir)
        continue;
      sets.push_back(&set);
      complete = complete && set.complete;
    }
    if (sets.empty() || !complete || (request.runner == "make" && facts.generated_makefiles))
      return;
    if (is_known(context, sets, request))
      return;
    report(context, out, mention, request, sets);
  }

  static bool is_known(const engine::Context& context, const std::vector<const facts::TargetSet*>& sets,
                       const Request& request) {
    for (const auto* set : sets) {
      if (set->targets.contains(request.target))
        return true;
      for (const auto& pattern : set->patterns) {
        auto glob = pattern;
        std::replace(glob.begin(), glob.end(), '%', '*');
        if (util::glob_match(glob, request.target))
          return true;
      }
    }
    if (request.runner == "tox") {
      // tox 4 runs an environment whose factors are all Python versions or factors it knows.
      const auto factors = util::split(request.target, '-');
      return std::all_of(factors.begin(), factors.end(), [&](std::string_view factor) {
        return facts::is_tox_python_factor(factor) ||
               std::any_of(sets.begin(), sets.end(), [&](const facts::TargetSet* set) {
                 return std::find(set->factors.begin(), set->factors.end(), factor) != set->factors.end();
               });
      });
    }
    if (request.runner == "cargo-alias") {
      // Only a near miss of an alias is a finding: cargo runs any installed `cargo-X` plugin.
      std::vector<std::string_view> names;
      for (const auto* set : sets)
        for (const auto& [name, line] : set->targets)
          names.push_back(name);
      return util::closest_match(request.target, names).empty() ||
             context.path_exists(fmt::format("cargo-{}", request.target));
    }
    if (request.runner == "make") {
      // make "builds" a file that exists, and builds `foo` from foo.c with its implicit rules.
      const auto dir = request.dir.empty() ? std::string{} : request.dir + "/";
      if (context.path_exists(dir + request.target))
        return true;
      for (auto ext : {".c", ".cc", ".cpp", ".C", ".f", ".s", ".S", ".y", ".l"})
        if (context.path_exists(fmt::format("{}{}{}", dir, request.target, ext)))
          return true;
    }
    // "make format/lint/typecheck": one run per target, written as one; known when every part is (a stale
    // part still fires).
    if (request.target.find('/') != std::string::npos) {
      const auto parts = util::split(request.target, '/');
      return std::ranges::all_of(parts, [&](std::string_view part) {
        Request one = request;
        one.target = std::string(part);
        return !part.empty() && is_known(context, sets, one);
      });
    }
    return false;
  }

  // The near miss that is the only name at its distance from the target: the fix writes it in place of the
  // target, when the target is written once on the command's line after where the command starts.
  static std::optional<engine::Fix> rename_fix(const engine::Context& context,
                                               const doc::CommandMention& mention, const Request& request,
                                               std::vector<std::string_view> names, std::string_view best) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    const auto lower = util::to_lower(request.target);
    const auto distance = util::edit_distance(lower, util::to_lower(best));
    if (std::count_if(names.begin(), names.end(), [&](auto name) {
          return util::edit_distance(lower, util::to_lower(name)) == distance;
        }) != 1)
      return std::nullopt;
    const auto* doc = context.document(mention.doc);
    if (!doc || doc->text.empty() || !doc->column_shifts.empty() || doc->truncated || mention.column < 1)
      return std::nullopt;
    const auto line = fixes::line_of(doc->text, mention.line);
    const auto is_name = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.';
    };
    std::size_t found = std::string_view::npos;
    for (auto at = line.find(request.target, static_cast<std::size_t>(mention.column - 1));
         at != std::string_view::npos; at = line.find(request.target, at + 1)) {
      const auto end = at + request.target.size();
      if ((at > 0 && is_name(line[at - 1])) || (end < line.size() && is_name(line[end])))
        continue;
      if (found != std::string_view::npos)
        return std::nullopt; // twice on the line: which one is meant is not clear
      found = at;
    }
    if (found == std::string_view::npos)
      return std::nullopt;
    engine::Fix fix;
    fix.description =
        fmt::format("write '{}' for '{}' in {}:{}", best, request.target, doc->path, mention.line);
    fix.edits.push_back(fixes::replace(doc->path, mention.line, static_cast<int>(found) + 1, request.target,
                                       std::string(best)));
    return fix;
  }

  static void report(const engine::Context& context, engine::Emitter& out, const doc::CommandMention& mention,
                     const Request& request, const std::vector<const facts::TargetSet*>& sets) {
    const auto command = util::join(mention.words, " ");
    const auto what = missing_target_phrase(request.runner);
    auto& finding = out.emit(fmt::format("'{}': {} '{}'", command, what, request.target),
                             engine::Location{mention.doc, mention.line, mention.column, {}},
                             fmt::format("{} {}", request.runner, request.target));
    std::vector<std::string_view> names;
    for (const auto* set : sets)
      for (const auto& [name, line] : set->targets)
        if (!name.starts_with('.'))
          names.push_back(name);
    const auto best = util::closest_match(request.target, names);
    if (!best.empty()) {
      finding.hint = fmt::format("did you mean '{}'? Fix the doc, or add '{}' back", best, request.target);
      finding.fix = rename_fix(context, mention, request, names, best);
    } else {
      std::vector<std::string> shown;
      for (std::size_t i = 0; i < names.size() && i < 8; ++i)
        shown.emplace_back(names[i]);
      finding.hint =
          shown.empty() ? fmt::format("add '{}' or remove the command from the doc", request.target)
                        : fmt::format("use a target that exists ({}{}), or add '{}'", util::join(shown, ", "),
                                      names.size() > 8 ? ", ..." : "", request.target);
    }
    // The evidence: the runner's files, a few of them (a monorepo has dozens of package.json files), each
    // once (an included Taskfile is also read on its own), at the near miss's line when it has one.
    std::vector<const facts::TargetSet*> files;
    for (const auto* set : sets)
      if (std::none_of(files.begin(), files.end(), [&](const auto* seen) { return seen->path == set->path; }))
        files.push_back(set);
    constexpr std::size_t k_shown = 3;
    for (std::size_t i = 0; i < files.size() && i < k_shown; ++i) {
      const auto& targets = files[i]->targets;
      auto note = fmt::format("defines {} target{}", targets.size(), targets.size() == 1 ? "" : "s");
      if (i + 1 == k_shown && files.size() > k_shown)
        note += fmt::format(" (and {} more files like it)", files.size() - k_shown);
      int line = 1;
      if (const auto it = targets.find(std::string(best)); it != targets.end() && it->second > 0) {
        line = it->second;
        note += fmt::format(", '{}' here", best);
      }
      finding.related.push_back(engine::Location{files[i]->path, line, 0, note});
    }
  }
};

} // namespace

TACIT_RULE(UnknownCommandTarget)

} // namespace tacit::rules
