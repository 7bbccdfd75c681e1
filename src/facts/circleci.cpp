// CircleCI: the run steps of the jobs in .circleci/config.yml that its workflows run (every job when there
// are no workflows), with reusable `commands:` expanded: a command's steps are read once, where they are
// written, with the first job that uses it. Orb steps (`node/install-packages`) are actions; built-in steps
// that run nothing of the project (checkout, caches, workspaces, artifacts) are left out, and so are orb jobs
// of workflows. Each job of a workflow gets a trigger: its schedule, or what its branch and tag filters let
// through. `<< parameters.x >>` is kept as written. The working directory is the step's (a job's is where
// the checkout goes).

#include "ci_internal.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <set>

namespace tacit::facts::ci {

// Own namespace: the four CI readers are compiled together in a unity build.
namespace circleci {

namespace {

constexpr std::array<std::string_view, 2> k_config_paths{".circleci/config.yml", ".circleci/config.yaml"};

// Built-in steps that run no command of the project.
constexpr std::array<std::string_view, 9> k_builtin_steps{
    "checkout",         "restore_cache",   "save_cache",         "persist_to_workspace",
    "attach_workspace", "store_artifacts", "store_test_results", "setup_remote_docker",
    "add_ssh_keys"};

// Branch filters that match every branch: `ignore` with one of these means the job runs on no branch.
constexpr std::array<std::string_view, 5> k_every_branch{"/.*/", "/.+/", "/^.*$/", "/^.*/", "/^.+$/"};

constexpr int k_max_nesting = 10; // commands using commands, when/unless blocks

bool matches_every_branch(const yaml::Node& ignore) {
  const auto is_every = [](const yaml::Node& n) {
    return std::find(k_every_branch.begin(), k_every_branch.end(), n.scalar()) != k_every_branch.end();
  };
  return is_every(ignore) || std::any_of(ignore.items.begin(), ignore.items.end(), is_every);
}

// A workflow that runs only when a schedule starts the pipeline:
// `when: {equal: [scheduled_pipeline, << pipeline.trigger_source >>]}`, alone or in an `and:`.
bool runs_on_schedule_only(const yaml::Node& workflow) {
  const auto* when = workflow.find("when");
  if (when == nullptr)
    return false;
  const auto is_scheduled = [](const yaml::Node* condition) {
    const auto* equal = condition != nullptr ? condition->find("equal") : nullptr;
    return equal != nullptr && std::any_of(equal->items.begin(), equal->items.end(), [](const yaml::Node& n) {
             return n.scalar() == "scheduled_pipeline";
           });
  };
  if (is_scheduled(when))
    return true;
  const auto* all = when->find("and");
  return all != nullptr && std::any_of(all->items.begin(), all->items.end(),
                                       [&](const yaml::Node& n) { return is_scheduled(&n); });
}

// A job of a workflow: its name, its settings (filters, requires...) and where it is written.
struct WorkflowJob {
  std::string_view name;
  const yaml::Node* settings = nullptr;
  int line = 0;
};

std::vector<WorkflowJob> workflow_jobs(const yaml::Node& workflow) {
  std::vector<WorkflowJob> out;
  const auto* jobs = workflow.find("jobs");
  if (jobs == nullptr)
    return out;
  for (const auto& item : jobs->items) {
    if (item.is_scalar())
      out.push_back({item.value, nullptr, item.line});
    else if (item.is_map() && !item.entries.empty())
      out.push_back({item.entries.front().key, &item.entries.front().value, item.entries.front().line});
  }
  return out;
}

class Extractor {
public:
  Extractor(Workspace& workspace, const Source& source) : m_workspace(workspace), m_source(source) {}

  void run();

private:
  void steps(const yaml::Node& steps, const std::string& job, int depth);
  void step(const yaml::Node& step, const std::string& job, int depth);
  void run_step(const yaml::Node& run, const std::string& job, std::string_view kind);
  void triggers(const yaml::Node& workflow, const yaml::Node& jobs);
  void add_trigger(std::string_view event, std::string detail, int line, std::string_view job);

  Workspace& m_workspace;
  const Source& m_source;
  const yaml::Node* m_commands = nullptr;
  std::set<std::string, std::less<>> m_expanded; // reusable commands already read
};

void Extractor::run() {
  const auto* root = m_workspace.mapping(m_source, "a CircleCI configuration");
  if (root == nullptr)
    return;
  m_commands = root->find("commands");
  const auto* jobs = root->find("jobs");
  if (jobs == nullptr || !jobs->is_map())
    return;
  // Jobs no workflow names do not run (when there are workflows).
  std::set<std::string_view> used;
  const auto* workflows = root->find("workflows");
  if (workflows != nullptr)
    for (const auto& entry : workflows->entries)
      for (const auto& job : workflow_jobs(entry.value))
        used.insert(job.name);
  for (const auto& [name, line, column, job] : jobs->entries) {
    if (!job.is_map() || (!used.empty() && !used.contains(name)))
      continue;
    if (const auto* list = job.find("steps"))
      steps(*list, name, 0);
  }
  if (workflows != nullptr)
    for (const auto& entry : workflows->entries)
      triggers(entry.value, *jobs);
}

void Extractor::steps(const yaml::Node& steps, const std::string& job, int depth) {
  if (depth > k_max_nesting)
    return;
  for (const auto& item : steps.items)
    step(item, job, depth);
}

void Extractor::step(const yaml::Node& item, const std::string& job, int depth) {
  // A step is a name (`checkout`, `npm_ci`) or a map of one name to its arguments.
  std::string_view kind = item.scalar();
  const yaml::Node* arguments = nullptr;
  int line = item.line;
  if (item.is_map() && !item.entries.empty()) {
    kind = item.entries.front().key;
    arguments = &item.entries.front().value;
    line = item.entries.front().line;
  }
  if (kind.empty() ||
      std::find(k_builtin_steps.begin(), k_builtin_steps.end(), kind) != k_builtin_steps.end())
    return;
  if (kind == "run" || kind == "deploy") {
    if (arguments != nullptr)
      run_step(*arguments, job, kind);
  } else if (kind == "when" || kind == "unless") {
    if (const auto* nested = arguments != nullptr ? arguments->find("steps") : nullptr)
      steps(*nested, job, depth + 1);
  } else if (const auto* command = m_commands != nullptr ? m_commands->find(kind) : nullptr) {
    const auto* nested = command->find("steps");
    if (nested != nullptr && m_expanded.emplace(kind).second)
      steps(*nested, job, depth + 1);
  } else if (kind.find('/') != std::string_view::npos) {
    const auto uses = fmt::format("orb:{}", kind);
    const std::string name(arguments != nullptr ? scalar_at(*arguments, "name") : std::string_view());
    m_workspace.facts().actions.push_back(
        CiAction{uses, m_source.path, line, job, name, is_plumbing_action(uses)});
  }
}

void Extractor::run_step(const yaml::Node& run, const std::string& job, std::string_view kind) {
  if (run.is_scalar()) {
    add_script(m_workspace, run, m_source,
               ScriptContext{job, std::string(kind == "deploy" ? kind : ""), "", ""});
    return;
  }
  const auto* command = run.find("command");
  if (command == nullptr || !runs_shell(scalar_at(run, "shell")))
    return;
  std::string name(scalar_at(run, "name"));
  if (name.empty() && kind == "deploy")
    name = kind;
  add_script(m_workspace, *command, m_source,
             ScriptContext{job, std::move(name), std::string(scalar_at(run, "working_directory")), ""});
}

void Extractor::triggers(const yaml::Node& workflow, const yaml::Node& jobs) {
  std::vector<const yaml::Node*> crons;
  if (const auto* list = workflow.find("triggers"))
    for (const auto& item : list->items)
      if (const auto* schedule = item.find("schedule"))
        if (const auto* cron = schedule->find("cron"); cron != nullptr && cron->is_scalar())
          crons.push_back(cron);
  const bool scheduled_pipeline = runs_on_schedule_only(workflow);
  for (const auto& job : workflow_jobs(workflow)) {
    if (jobs.find(job.name) == nullptr)
      continue; // an orb's job, or a name this configuration does not define
    if (scheduled_pipeline) {
      add_trigger("schedule", "pipeline.trigger_source: scheduled_pipeline", workflow.find("when")->line,
                  job.name);
      continue;
    }
    for (const auto* cron : crons)
      add_trigger("schedule", fmt::format("cron: {}", cron->value), cron->line, job.name);
    if (!crons.empty())
      continue;
    // By default a job runs on every branch and no tag.
    const auto* filters = job.settings != nullptr ? job.settings->find("filters") : nullptr;
    const auto* branches = filters != nullptr ? filters->find("branches") : nullptr;
    const auto* tags = filters != nullptr ? filters->find("tags") : nullptr;
    const auto* only = branches != nullptr ? branches->find("only") : nullptr;
    const auto* ignore = branches != nullptr ? branches->find("ignore") : nullptr;
    const auto* tags_only = tags != nullptr ? tags->find("only") : nullptr;
    const bool no_branch = ignore != nullptr && matches_every_branch(*ignore);
    if (!no_branch)
      add_trigger("push", only != nullptr ? fmt::format("branches: {}", join_values(*only)) : std::string(),
                  only != nullptr ? only->line : job.line, job.name);
    if (tags_only != nullptr)
      add_trigger("push", fmt::format("tags: {}", join_values(*tags_only)), tags_only->line, job.name);
    else if (no_branch)
      add_trigger("push", "none", ignore->line, job.name);
  }
}

void Extractor::add_trigger(std::string_view event, std::string detail, int line, std::string_view job) {
  m_workspace.facts().triggers.push_back(
      CiTrigger{std::string(event), std::move(detail), m_source.path, line, std::string(job)});
}

} // namespace

void extract(Workspace& workspace) {
  for (auto path : k_config_paths) {
    if (workspace.find(path) == nullptr || !workspace.claim(path))
      continue;
    if (const auto* source = workspace.parse(path))
      Extractor(workspace, *source).run();
  }
}

} // namespace circleci

void extract_circleci(Workspace& workspace) {
  circleci::extract(workspace);
}

} // namespace tacit::facts::ci
