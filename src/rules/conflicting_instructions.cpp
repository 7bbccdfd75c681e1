// CTX006 conflicting-instructions: what a doc states against what the repository is. This version checks
// the package manager: a doc installs a JavaScript project's dependencies with another package manager than
// the one its lockfile belongs to.

#include "new_project.hpp"
#include "path_mentions.hpp"
#include "toolchain_statements.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <ranges>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX006",
    .name = "conflicting-instructions",
    .category = "CTX",
    .severity = engine::Severity::error,
    .summary = "a doc contradicts the repository: another package manager than the lockfile's, another "
               "runtime version than the pin",
    .docs =
        {
            .what_it_does =
                "Compares what the docs tell a reader to run with what the repository is. Checked today: "
                "the package manager. A doc that installs the dependencies of a JavaScript project "
                "(`npm install`, `npm ci`, `yarn`, `yarn install`, `pnpm install`, `bun install`, without a "
                "package name: the project's own install, not a user installing a library) contradicts "
                "the project when the lockfile beside the project's package.json (the nearest one at or "
                "above the doc) belongs to another manager: `pnpm-lock.yaml` (pnpm), `yarn.lock` (yarn), "
                "`bun.lock`/`bun.lockb` (bun), `package-lock.json`/`npm-shrinkwrap.json` (npm). Not "
                "reported: a project with lockfiles of two managers, a project without a lockfile beside "
                "its package.json, a line that names the lockfile's manager too (\"npm install or pnpm "
                "install\") or installs with two managers (\"`npm install`, `yarn`\": projects in general), "
                "global installs (`npm install -g`), installs after a command that makes a new project "
                "in the same section (`npx sv create myapp`, `npm create vite@latest`, `cargo new`: the "
                "reader's project), user guides and tutorials, release notes (`.changeset/`, "
                "`changelog.d/`, `newsfragments/`, `changelogs/`, a file named by its version), the pages "
                "of a docs site whose own package the lockfile is (`docs/reference/x.md` under "
                "docs/docusaurus.config.js and docs/yarn.lock: what the product's users install), decision "
                "records. One finding per doc and lockfile, at the first wrong install, naming the doc's "
                "other "
                "lines; the lockfile is the evidence. Second, "
                "runtime versions: a context file or contributor doc (CONTRIBUTING, HACKING...) that states "
                "one version of Node (major), Python or Go (major.minor) in its prose, where the repository "
                "pins another for its developers (.nvmrc, .node-version, .python-version, .tool-versions, "
                "mise; one exact version, not a range, and no second pin that disagrees). A line that speaks "
                "of a range or a minimum states no version (\"18+\", \">= 3.10\", \"or later\", \"at "
                "least\", \"requires\", \"supports\", \"LTS\"...), nor does one that names two "
                "versions, a code block, or a README (whose versions are often the users' runtime). One "
                "finding per tool and doc. Not checked yet: the Gradle/Maven toolchain, rust-toolchain "
                "channels, CI matrices, and commands that differ between docs.",
            .why_it_matters =
                "An agent runs what the docs say. `npm install` in a pnpm workspace ignores the "
                "lockfile, resolves other versions, writes a package-lock.json beside pnpm-lock.yaml and "
                "breaks workspace links: the change it then makes is built on dependencies nobody else "
                "has.",
            .example = "README.md says `npm install`; the repository has pnpm-lock.yaml:\n\n"
                       "```\nREADME.md:14:1: CTX006 'npm install' installs with npm, but this project's "
                       "lockfile is pnpm-lock.yaml (pnpm)\n  hint: write 'pnpm install'\n```",
            .how_to_fix =
                "Write the install command of the lockfile's package manager (the hint gives it), or "
                "remove the stale lockfile if the project did move to the manager the doc names.",
        },
};

struct Lockfile {
  std::string_view name;
  std::string_view manager;
};

constexpr std::array<Lockfile, 6> k_lockfiles{{{"pnpm-lock.yaml", "pnpm"},
                                               {"yarn.lock", "yarn"},
                                               {"bun.lock", "bun"},
                                               {"bun.lockb", "bun"},
                                               {"package-lock.json", "npm"},
                                               {"npm-shrinkwrap.json", "npm"}}};

// The manager a command installs the project with, or "" when it is not a bare project install.
std::string_view installs_with(const std::vector<std::string>& words) {
  if (words.empty())
    return {};
  const auto& program = words[0];
  if (program != "npm" && program != "yarn" && program != "pnpm" && program != "bun")
    return {};
  std::vector<std::string_view> args;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (words[i] == "-g" || words[i] == "--global" || words[i] == "global")
      return {};
    if (!words[i].starts_with('-'))
      args.push_back(words[i]);
  }
  if (program == "yarn")
    return args.empty() || (args.size() == 1 && args[0] == "install") ? "yarn" : "";
  if (args.size() != 1)
    return {};
  const auto sub = args[0];
  if (program == "npm" && (sub == "install" || sub == "i" || sub == "ci"))
    return "npm";
  if ((program == "pnpm" || program == "bun") && (sub == "install" || sub == "i"))
    return program;
  return {};
}

std::string install_command(std::string_view manager) {
  return manager == "yarn" ? "yarn install" : fmt::format("{} install", manager);
}

class ConflictingInstructions final : public engine::Rule {
  struct Project {
    std::string path; // the lockfile
    std::string_view manager;
  };

public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    // The managers each doc line installs with: a line that names two ("`npm install` or `yarn`") speaks of
    // projects in general, not of this one.
    std::map<std::pair<std::string, int>, std::set<std::string_view>> line_managers;
    for (const auto& mention : context.knowledge().commands())
      if (const auto used = installs_with(mention.words); !used.empty())
        line_managers[{mention.doc, mention.line}].insert(used);
    // One finding per doc and lockfile, at its first wrong install, naming the other lines.
    std::map<std::pair<std::string, std::string>, Wrong> wrong;
    std::vector<std::pair<std::string, std::string>> order;
    const NewProjectCommands new_projects(context.knowledge().commands());
    for (const auto& mention : context.knowledge().commands()) {
      const auto used = installs_with(mention.words);
      if (used.empty() || line_managers[{mention.doc, mention.line}].size() > 1)
        continue;
      const auto* doc = context.document(mention.doc);
      if (!doc || doc->user_facing || doc->kind == doc::DocKind::decision_record ||
          new_projects.follow(*doc, mention))
        continue;
      const auto project = project_lockfile(context, util::dir_name(doc->path));
      if (!project || project->manager == used || names_manager(*doc, mention.line, project->manager))
        continue;
      // A page of a docs site whose package is the lockfile's (`docs/current_docs/reference/x.mdx` under
      // docs/docusaurus.config.ts and docs/yarn.lock) tells the product's users what to install, not how
      // to build the site.
      if (const auto site = static_site_root(context, util::dir_name(doc->path));
          site && util::dir_name(project->path) == *site && util::dir_name(doc->path) != *site)
        continue;
      const auto key = std::pair{doc->path, project->path};
      auto [it, added] = wrong.try_emplace(key, Wrong{&mention, used, *project, {}});
      if (added)
        order.push_back(key);
      else if (mention.line != it->second.first->line)
        it->second.more.push_back(mention.line);
    }
    report_package_managers(order, wrong, out);
    report_versions(context, out);
  }

private:
  struct Wrong {
    const doc::CommandMention* first = nullptr;
    std::string_view used;
    Project project;
    std::vector<int> more;
  };

  static void report_package_managers(const std::vector<std::pair<std::string, std::string>>& order,
                                      const std::map<std::pair<std::string, std::string>, Wrong>& wrong,
                                      engine::Emitter& out) {
    for (const auto& key : order) {
      const auto& w = wrong.at(key);
      std::string message =
          fmt::format("'{}' installs with {}, but this project's lockfile is {} ({})",
                      util::join(w.first->words, " "), w.used, w.project.path, w.project.manager);
      if (!w.more.empty()) {
        std::vector<std::string> lines;
        for (const int line : w.more)
          lines.push_back(std::to_string(line));
        message += fmt::format("; the doc installs with another manager on line{} {} too",
                               w.more.size() > 1 ? "s" : "", util::join(lines, ", "));
      }
      auto& finding =
          out.emit(std::move(message), engine::Location{key.first, w.first->line, w.first->column, {}},
                   fmt::format("{}:{}", w.used, w.project.path));
      finding.related.push_back(
          engine::Location{w.project.path, 1, 1, fmt::format("the {} lockfile", w.project.manager)});
      finding.hint = fmt::format("write '{}'", install_command(w.project.manager));
    }
  }

  // A runtime version that a contributor doc or a context file states against the version the repository
  // pins for its developers (.nvmrc, .node-version, .python-version, .tool-versions, mise...).
  static void report_versions(const engine::Context& context, engine::Emitter& out) {
    std::map<std::string, const facts::ToolchainPin*, std::less<>> pins;
    std::map<std::string, std::string, std::less<>> pinned;
    for (const auto& pin : context.facts().toolchain_pins)
      if (!pin.weak && (pin.tool == "node" || pin.tool == "python" || pin.tool == "go"))
        if (auto version = comparable_pin(pin.tool, pin.version)) {
          if (const auto it = pinned.find(pin.tool); it != pinned.end() && it->second != *version) {
            pinned[pin.tool] = ""; // two pins that disagree: no certainty
            continue;
          }
          pinned[pin.tool] = *version;
          pins[pin.tool] = &pin;
        }
    if (pins.empty())
      return;
    for (const auto& doc : context.documents()) {
      if ((doc.kind != doc::DocKind::agent_context && doc.kind != doc::DocKind::contributing) ||
          doc.text.empty() || doc.user_facing || context.is_alias(doc) || context.is_excluded(doc.path))
        continue;
      std::vector<std::pair<int, int>> blocks;
      for (const auto& block : doc.code_blocks)
        blocks.emplace_back(block.line, block.line + static_cast<int>(std::count(block.text.begin(),
                                                                                 block.text.end(), '\n')));
      int number = 0;
      std::set<std::string> reported;
      for (auto line : util::split_lines(doc.text)) {
        ++number;
        if (std::any_of(blocks.begin(), blocks.end(),
                        [&](const auto& b) { return number >= b.first && number < b.second; }))
          continue;
        for (const auto& stated : stated_versions(line)) {
          const auto it = pinned.find(stated.tool);
          if (it == pinned.end() || it->second.empty() || it->second == stated.version ||
              !reported.insert(stated.tool).second)
            continue;
          const auto& pin = *pins.at(stated.tool);
          const auto name = stated.tool == "node" ? "Node" : stated.tool == "python" ? "Python" : "Go";
          auto& finding = out.emit(fmt::format("{} says {} {}, but {} pins {} {}", doc.path, name,
                                               stated.version, pin.evidence.path, name, pin.version),
                                   engine::Location{doc.path, number, stated.column, {}},
                                   fmt::format("{}:{}", stated.tool, doc.path));
          finding.related.push_back(engine::Location{pin.evidence.path, std::max(pin.evidence.line, 1), 1,
                                                     fmt::format("the {} version developers use", name)});
          finding.hint = fmt::format("write {} {} (the version in {}), or update the pin", name, pin.version,
                                     pin.evidence.path);
        }
      }
    }
  }
  // The lockfile beside the nearest package.json at or above `dir`, when exactly one manager's.
  static std::optional<Project> project_lockfile(const engine::Context& context, std::string_view dir) {
    std::string current(dir);
    while (true) {
      const auto prefix = current.empty() ? std::string() : current + "/";
      if (context.snapshot().find(prefix + "package.json")) {
        std::optional<Project> found;
        for (const auto& lock : k_lockfiles)
          if (context.snapshot().find(prefix + std::string(lock.name))) {
            if (found && found->manager != lock.manager)
              return std::nullopt; // two managers' lockfiles: no certainty
            found = Project{prefix + std::string(lock.name), lock.manager};
          }
        return found;
      }
      if (current.empty())
        return std::nullopt;
      current = std::string(util::dir_name(current));
    }
  }

  // True when the line of the command names `manager` too ("npm install or pnpm install").
  static bool names_manager(const doc::Document& doc, int line, std::string_view manager) {
    if (doc.text.empty())
      return false;
    const auto lines = util::split_lines(doc.text);
    if (line < 1 || static_cast<std::size_t>(line) > lines.size())
      return false;
    for (auto word : util::split_words(lines[static_cast<std::size_t>(line) - 1])) {
      while (!word.empty() && std::string_view("`*_,.:;()\"'").find(word.front()) != std::string_view::npos)
        word.remove_prefix(1);
      while (!word.empty() && std::string_view("`*_,.:;()\"'").find(word.back()) != std::string_view::npos)
        word.remove_suffix(1);
      if (word == manager)
        return true;
    }
    return false;
  }
};

} // namespace

TACIT_RULE(ConflictingInstructions)

} // namespace tacit::rules
