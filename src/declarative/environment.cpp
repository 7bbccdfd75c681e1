// What declarative rules read: fact kinds (from context.facts() and context.ci()), built-in and user
// filesets, `when` conditions and {{templates}}.

#include "rule.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/repo/commits.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

namespace tacit::declarative {

namespace {

constexpr std::array<FilesetInfo, 8> k_filesets{{
    {"all", "every file in scope"},
    {"root-context", "the agent context files that apply to the whole repository (AGENTS.md, CLAUDE.md, "
                     ".github/copilot-instructions.md...)"},
    {"context", "every agent context file, nested and imported ones included"},
    {"readme", "README files, at any depth"},
    {"contributing", "CONTRIBUTING guides and contributing docs"},
    {"docs", "every document tacit reads: READMEs, CONTRIBUTING, docs/, context files, decision records"},
    {"ci",
     "CI configuration: .github/workflows/, .gitlab-ci.yml, .circleci/config.yml, azure-pipelines*.yml"},
    {"code", "source files, by extension (.py, .go, .rs, .ts, .cpp, .java...)"},
}};

constexpr std::array<FilesetInfo, 27> k_fact_kinds{{
    {"ci-commands", "command lines CI jobs run (plumbing such as installs and `cd` left out)"},
    {"ci-actions", "actions CI steps use (checkout, setup-* and caches left out)"},
    {"make-targets", "Makefile targets"},
    {"package-scripts", "package.json scripts"},
    {"just-recipes", "justfile recipes"},
    {"task-targets", "targets of every task runner (make, npm, just, tox, nox, Taskfile, CMake presets...)"},
    {"test-suites", "test suites, as the command that runs them"},
    {"build-systems", "build systems of the repository root (cmake, cargo, go, npm...)"},
    {"tools", "configured formatters, linters and type checkers"},
    {"pre-commit-hooks", "pre-commit hook ids"},
    {"toolchain-pins", "toolchain version pins (.nvmrc, rust-toolchain.toml, .python-version...)"},
    {"setup-files", "lockfiles, dev containers and environment managers"},
    {"decision-records", "architecture decision records"},
    {"decision-logs", "folders of decision records"},
    {"decision-docs", "other decision logs: DECISIONS.md, design docs, RFCs"},
    {"architecture-docs", "docs that map the code's structure"},
    {"contributing-guides", "CONTRIBUTING guides"},
    {"pr-templates", "pull and merge request templates"},
    {"codeowners", "CODEOWNERS files"},
    {"release-mechanisms", "release workflows, tools and scripts"},
    {"generated-files", "files marked as generated"},
    {"source-files", "the number of source files (a count, no items)"},
    {"modules", "top-level source modules"},
    {"recent-authors", "people (bots left out) among the last 200 non-merge commits"},
    {"recent-commits", "the number of recent non-merge commits read, at most 200 (a count, no items)"},
    {"partial-context-files",
     "agent context files that do not apply to the whole repository (nested, personal, "
     "path-scoped by their front matter, opt-in)"},
    {"read-only-statement",
     "where the repository says it is a mirror or accepts no pull requests (one item at most)"},
}};

constexpr std::array<std::string_view, 30> k_code_extensions{
    "c",  "h",     "cc",    "cpp", "cxx", "hpp", "hh", "hxx",  "rs",  "go",
    "py", "pyi",   "js",    "jsx", "mjs", "cjs", "ts", "tsx",  "mts", "java",
    "kt", "scala", "swift", "cs",  "rb",  "php", "ex", "dart", "lua", "zig"};

engine::Location at(const std::string& path, int line, int column = 1) {
  return engine::Location{path, line, line > 0 ? column : 0, {}};
}

void add_targets(const engine::Context& context, FactValue& out, std::string_view runner) {
  for (const auto& set : context.facts().target_sets)
    if (runner.empty() || set.runner == runner)
      for (const auto& [name, line] : set.targets)
        out.items.push_back({name, at(set.path, line)});
}

void add_contribution(const engine::Context& context, FactValue& out, std::string_view kind) {
  for (const auto& file : context.facts().contribution_files)
    if (file.kind == kind)
      out.items.push_back({file.path, at(file.path, 1), kind == "codeowners" ? "assigns reviewers" : ""});
}

// Why an agent context file does not apply to the whole repository; empty when it does.
std::string partial_scope(const doc::Document& doc, const doc::ContextFileSpec& spec) {
  // A rule file scoped by its front matter (a Cursor rule for `*.js,*.css`, a Copilot `applyTo`).
  if (const auto activation = doc::front_matter_activation(doc.path, doc.front_matter)) {
    using Mode = doc::RuleActivation::Mode;
    if (activation->mode == Mode::glob)
      return fmt::format("applies only to {}", util::join(activation->globs, ", "));
    if (activation->mode == Mode::described)
      return "read only when the agent finds its description relevant";
    return "read only when mentioned";
  }
  switch (spec.scope) {
  case doc::ContextScope::directory:
    return "applies only to its own directory";
  case doc::ContextScope::personal:
    return "a personal file: not the team's context";
  case doc::ContextScope::path_scoped:
    return "applies only to the paths its front matter names";
  case doc::ContextScope::opt_in:
    return fmt::format("read only when configured ({})", spec.agents);
  default:
    return {};
  }
}

bool is_code(std::string_view path) {
  const auto name = util::base_name(path);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0)
    return false;
  const auto ext = util::to_lower(name.substr(dot + 1));
  return std::find(k_code_extensions.begin(), k_code_extensions.end(), ext) != k_code_extensions.end();
}

bool is_ci(std::string_view path) {
  return (path.starts_with(".github/workflows/") && (path.ends_with(".yml") || path.ends_with(".yaml"))) ||
         path == ".gitlab-ci.yml" || path == ".circleci/config.yml" ||
         (path.find('/') == std::string_view::npos && path.starts_with("azure-pipelines") &&
          (path.ends_with(".yml") || path.ends_with(".yaml")));
}

std::vector<const repo::FileEntry*> documents_where(const engine::Context& context, auto&& keep) {
  std::vector<const repo::FileEntry*> out;
  for (const auto& doc : context.documents())
    if (keep(doc))
      if (const auto* file = context.snapshot().find(doc.path))
        out.push_back(file);
  return out;
}

} // namespace

std::span<const FilesetInfo> builtin_filesets() {
  return k_filesets;
}
std::span<const FilesetInfo> fact_kinds() {
  return k_fact_kinds;
}

bool is_fact_kind(std::string_view name) {
  return std::any_of(k_fact_kinds.begin(), k_fact_kinds.end(),
                     [&](const auto& info) { return info.name == name; });
}

FactValue fact_value(const engine::Context& context, std::string_view name) {
  const auto& facts = context.facts();
  FactValue out;
  if (name == "ci-commands") {
    for (const auto& command : context.ci().commands)
      if (!command.plumbing)
        out.items.push_back({command.text.substr(0, command.text.find('\n')),
                             at(command.path, command.line, command.column)});
  } else if (name == "ci-actions") {
    for (const auto& action : context.ci().actions)
      if (!action.plumbing)
        out.items.push_back({action.uses, at(action.path, action.line)});
  } else if (name == "make-targets") {
    add_targets(context, out, "make");
  } else if (name == "package-scripts") {
    add_targets(context, out, "npm");
  } else if (name == "just-recipes") {
    add_targets(context, out, "just");
  } else if (name == "task-targets") {
    add_targets(context, out, "");
  } else if (name == "test-suites") {
    for (const auto& suite : facts.test_suites)
      out.items.push_back({suite.suggested_command.empty() ? suite.runner : suite.suggested_command,
                           suite.evidence.empty()
                               ? engine::Location{}
                               : at(suite.evidence.front().path, suite.evidence.front().line)});
  } else if (name == "build-systems") {
    for (const auto& build : facts.build_systems)
      out.items.push_back({build.kind, at(build.evidence.path, build.evidence.line)});
  } else if (name == "tools") {
    for (const auto& tool : facts.tools)
      out.items.push_back({tool.tool, at(tool.path, tool.line)});
  } else if (name == "pre-commit-hooks") {
    for (const auto& hook : facts.pre_commit_hooks)
      out.items.push_back({hook.id, at(hook.path, hook.line)});
  } else if (name == "toolchain-pins") {
    for (const auto& pin : facts.toolchain_pins)
      out.items.push_back({pin.tool, at(pin.evidence.path, pin.evidence.line)});
  } else if (name == "setup-files") {
    for (const auto& file : facts.setup_files)
      out.items.push_back({file.evidence.path, at(file.evidence.path, file.evidence.line)});
  } else if (name == "decision-records") {
    for (const auto& record : facts.decision_records)
      out.items.push_back({record.path, at(record.path, 1)});
  } else if (name == "decision-logs") {
    for (const auto& log : facts.decision_logs)
      out.items.push_back({log.dir, at(log.dir, 0)});
  } else if (name == "decision-docs") {
    for (const auto& doc : facts.decision_docs)
      out.items.push_back({doc.path, at(doc.path, doc.line)});
  } else if (name == "architecture-docs") {
    for (const auto& doc : facts.architecture_docs)
      out.items.push_back({doc.path, at(doc.path, doc.line)});
  } else if (name == "contributing-guides") {
    add_contribution(context, out, "contributing");
  } else if (name == "pr-templates") {
    add_contribution(context, out, "pr-template");
  } else if (name == "codeowners") {
    add_contribution(context, out, "codeowners");
  } else if (name == "release-mechanisms") {
    for (const auto& release : facts.release_mechanisms)
      out.items.push_back({release.command.empty() ? release.kind : release.command,
                           at(release.evidence.path, release.evidence.line)});
  } else if (name == "generated-files") {
    for (const auto& file : facts.generated_files)
      out.items.push_back({file.path, at(file.path, file.line)});
  } else if (name == "source-files") {
    out.count = facts.source_size.source_files;
    return out;
  } else if (name == "modules") {
    for (const auto& module : facts.source_size.modules)
      out.items.push_back({module.path, at(module.path, 0),
                           fmt::format("{} source files", module.source_files), module.source_files});
  } else if (name == "recent-commits") {
    out.count = static_cast<long>(context.history(200).size());
    return out;
  } else if (name == "partial-context-files") {
    for (const auto& doc : context.documents())
      if (const auto* spec =
              doc.kind == doc::DocKind::agent_context ? doc::match_context_file(doc.path) : nullptr;
          spec && !doc::is_repository_wide_context(doc.path, doc.front_matter))
        if (auto note = partial_scope(doc, *spec); !note.empty())
          out.items.push_back({doc.path, at(doc.path, 1), std::move(note)});
  } else if (name == "read-only-statement") {
    if (const auto& statement = facts.read_only)
      out.items.push_back({statement->note, at(statement->path, statement->line), "says so"});
  } else if (name == "recent-authors") {
    std::set<std::string> people;
    for (const auto& commit : context.history(200))
      if (!repo::is_bot(commit) &&
          people.insert(util::to_lower(commit.email.empty() ? commit.author : commit.email)).second)
        out.items.push_back({commit.author, engine::Location{}, "committed recently"});
  }
  out.count = static_cast<long>(out.items.size());
  return out;
}

std::vector<const repo::FileEntry*> fileset_files(const engine::Context& context, std::string_view name) {
  if (const auto user = context.config().filesets.find(name); user != context.config().filesets.end()) {
    util::IgnoreRules rules;
    for (const auto& glob : user->second)
      rules.add(glob);
    std::vector<const repo::FileEntry*> out;
    for (const auto* file : context.files())
      if (rules.ignored(file->path))
        out.push_back(file);
    return out;
  }
  using doc::DocKind;
  std::vector<const repo::FileEntry*> out;
  if (name == "root-context") {
    for (const auto* doc : context.root_context_files())
      if (const auto* file = context.snapshot().find(doc->path))
        out.push_back(file);
    std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->path < b->path; });
    return out;
  }
  if (name == "context")
    return documents_where(context,
                           [](const auto& d) { return d.kind == DocKind::agent_context || d.imported; });
  if (name == "readme")
    return documents_where(context, [](const auto& d) { return d.kind == DocKind::readme; });
  if (name == "contributing")
    return documents_where(context, [](const auto& d) { return d.kind == DocKind::contributing; });
  if (name == "docs")
    return documents_where(context, [](const auto&) { return true; });
  for (const auto* file : context.files())
    if (name == "all" || (name == "ci" && is_ci(file->path)) || (name == "code" && is_code(file->path)))
      out.push_back(file);
  return out;
}

std::vector<const repo::FileEntry*> fileset_union(const engine::Context& context,
                                                  const std::vector<std::string>& names) {
  std::vector<const repo::FileEntry*> out;
  for (const auto& name : names)
    for (const auto* file : fileset_files(context, name))
      out.push_back(file);
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->path < b->path; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool holds(const Condition& condition, const engine::Context& context, const engine::Emitter* options) {
  const auto bound = [&](long value, const std::string& option) {
    return option.empty() || !options ? value : static_cast<long>(options->option_int(option));
  };
  const long min = bound(condition.min, condition.min_option);
  const long max = bound(condition.max, condition.max_option);
  auto in_bounds = [&](long count) { return count >= min && (max < 0 || count <= max); };
  switch (condition.kind) {
  case Condition::Kind::files: {
    util::IgnoreRules rules;
    for (const auto& glob : condition.values)
      rules.add(glob);
    return std::any_of(context.files().begin(), context.files().end(),
                       [&](const auto* file) { return rules.ignored(file->path); });
  }
  case Condition::Kind::fileset:
    return in_bounds(static_cast<long>(fileset_files(context, condition.values.front()).size()));
  case Condition::Kind::fact:
    return in_bounds(fact_value(context, condition.values.front()).count);
  case Condition::Kind::any:
    return std::any_of(condition.children.begin(), condition.children.end(),
                       [&](const auto& child) { return holds(child, context, options); });
  case Condition::Kind::all:
    return std::all_of(condition.children.begin(), condition.children.end(),
                       [&](const auto& child) { return holds(child, context, options); });
  case Condition::Kind::negate:
    return !holds(condition.children.front(), context, options);
  }
  return false;
}

std::string render(const Template& text,
                   const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  std::string out;
  std::string_view rest = text.text;
  while (!rest.empty()) {
    const auto open = rest.find("{{");
    if (open == std::string_view::npos) {
      out += rest;
      break;
    }
    out += rest.substr(0, open);
    const auto close = rest.find("}}", open);
    const auto name = util::trim(rest.substr(open + 2, close - open - 2));
    rest.remove_prefix(close + 2);
    if (name.starts_with('#') || name.starts_with('^')) {
      // A section: its text up to {{/name}}, kept when the value is set (not empty, not 0), or not set for ^.
      const auto key = util::trim(name.substr(1));
      const auto end_tag = fmt::format("{{{{/{}}}}}", key);
      const auto end = rest.find(end_tag);
      const auto body = rest.substr(0, end);
      const auto value = lookup(key);
      const bool set = value && !value->empty() && *value != "0";
      if (set == name.starts_with('#'))
        out += render(Template{std::string(body)}, lookup);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + end_tag.size());
      continue;
    }
    if (name.starts_with('/'))
      continue;
    if (const auto value = lookup(name))
      out += *value;
  }
  return out;
}

} // namespace tacit::declarative
