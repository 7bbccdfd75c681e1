// GitHub Actions: the run steps, actions and triggers of .github/workflows/*.yml, following the local
// reusable workflows (`jobs.<id>.uses: ./.github/workflows/x.yml`) and composite actions
// (`steps[*].uses: ./path` -> path/action.yml) they use; each file once.

#include "ci_internal.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>

namespace tacit::facts::ci {

// Own namespace: the four CI readers are compiled together in a unity build.
namespace github_actions {

namespace {

constexpr std::string_view k_workflow_dir = ".github/workflows/";

// The filters of an event that say when it fires; each becomes a trigger of its own.
constexpr std::array<std::string_view, 7> k_event_filters{
    "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types"};

bool is_workflow_path(std::string_view path) {
  if (!path.starts_with(k_workflow_dir))
    return false;
  const auto name = path.substr(k_workflow_dir.size());
  return name.find('/') == std::string_view::npos && (name.ends_with(".yml") || name.ends_with(".yaml"));
}

// The repository path that a local `uses: ./dir` names, or "" for anything else.
std::string local_path(std::string_view uses) {
  if (!uses.starts_with("./"))
    return {};
  bool escaped = false;
  auto path = util::normalize_path(uses, &escaped);
  return escaped ? std::string() : path;
}

// `defaults.run.working-directory` of a workflow or a job.
std::string_view default_directory(const yaml::Node& node) {
  const auto* defaults = node.find("defaults");
  const auto* run = defaults != nullptr ? defaults->find("run") : nullptr;
  return run != nullptr ? scalar_at(*run, "working-directory") : std::string_view();
}

class Extractor {
public:
  explicit Extractor(Workspace& workspace) : m_workspace(workspace) {}

  void workflow(const Source& source);

private:
  void read_workflow(const Source& source);
  void triggers(const yaml::Node& on, const Source& source);
  void steps(const yaml::Node& steps, const Source& source, const std::string& job,
             std::string_view directory);
  void action(const yaml::Node& uses, const Source& source, const std::string& job, const std::string& step);
  static void checkout(const yaml::Node& step, std::string& own_path, bool& root_taken,
                       std::string& root_repository,
                       std::vector<std::pair<std::string, std::string>>& other_paths);
  void composite_action(const std::string& dir, const Source& caller, int line, const std::string& job);
  void reusable_workflow(const std::string& path, const Source& caller, int line);

  Workspace& m_workspace;
  std::string m_pipeline; // the workflow being read: composite actions run under its triggers
  std::vector<std::pair<std::string, std::string>> m_env; // the workflow's and the job's `env:`
  std::vector<std::pair<std::string, std::vector<std::string>>> m_matrix; // the job's `strategy.matrix`
};

// Adds a mapping's `env:` entries to `env` (a later NAME replaces an earlier one); a value the CI computes
// (`${{ ... }}`) removes the name, as nothing can be said of it.
void add_env(const yaml::Node& node, std::vector<std::pair<std::string, std::string>>& env) {
  const auto* map = node.find("env");
  if (map == nullptr || !map->is_map())
    return;
  for (const auto& [name, line, column, value] : map->entries) {
    std::erase_if(env, [&](const auto& entry) { return entry.first == name; });
    if (value.is_scalar() && value.value.find("${{") == std::string::npos)
      env.emplace_back(name, value.value);
  }
}

// A job's `strategy.matrix`: each name with the values the workflow states (its list, then the `include:`
// entries' values), each once. A name with a computed value (`${{ fromJSON(...) }}`, a whole matrix from an
// expression) is left out: nothing can be said of it.
std::vector<std::pair<std::string, std::vector<std::string>>> matrix_values(const yaml::Node& job) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  const auto* strategy = job.find("strategy");
  const auto* matrix = strategy != nullptr ? strategy->find("matrix") : nullptr;
  if (matrix == nullptr || !matrix->is_map())
    return out;
  std::set<std::string> computed;
  const auto add = [&](const std::string& name, const yaml::Node& value) {
    if (computed.contains(name))
      return;
    auto it = std::ranges::find_if(out, [&](const auto& entry) { return entry.first == name; });
    if (it == out.end())
      it = out.insert(out.end(), {name, {}});
    const auto take = [&](const yaml::Node& item) {
      if (!item.is_scalar() || item.value.find("${{") != std::string::npos) {
        computed.insert(name);
        return false;
      }
      if (std::ranges::find(it->second, item.value) == it->second.end())
        it->second.push_back(item.value);
      return true;
    };
    if (value.is_sequence()) {
      for (const auto& item : value.items)
        if (!take(item))
          break;
    } else {
      take(value);
    }
    if (computed.contains(name))
      std::erase_if(out, [&](const auto& entry) { return entry.first == name; });
  };
  for (const auto& [name, line, column, value] : matrix->entries) {
    if (name == "exclude")
      continue;
    if (name == "include") {
      for (const auto& item : value.items)
        for (const auto& entry : item.entries)
          add(entry.key, entry.value);
      continue;
    }
    add(name, value);
  }
  return out;
}

void Extractor::workflow(const Source& source) {
  const auto caller = std::exchange(m_pipeline, source.path);
  read_workflow(source);
  m_pipeline = caller;
}

void Extractor::read_workflow(const Source& source) {
  const auto* map = m_workspace.mapping(source, "a workflow");
  if (map == nullptr)
    return;
  const auto& root = *map;
  if (const auto* on = root.find("on"))
    triggers(*on, source);
  const auto workflow_directory = default_directory(root);
  const auto* jobs = root.find("jobs");
  if (jobs == nullptr || !jobs->is_map())
    return;
  const auto caller_env = m_env; // a reusable workflow's own env, not its caller's, applies to its jobs
  std::vector<std::pair<std::string, std::string>> workflow_env;
  add_env(root, workflow_env);
  for (const auto& [id, line, column, job] : jobs->entries) {
    if (!job.is_map())
      continue;
    m_env = workflow_env;
    add_env(job, m_env);
    m_matrix = matrix_values(job);
    if (const auto* uses = job.find("uses"); uses != nullptr && uses->is_scalar()) {
      action(*uses, source, id, "");
      if (auto path = local_path(uses->value); !path.empty())
        reusable_workflow(path, source, uses->line);
    }
    auto directory = default_directory(job);
    if (const auto* steps = job.find("steps"))
      this->steps(*steps, source, id, directory.empty() ? workflow_directory : directory);
  }
  m_env = caller_env;
  m_matrix.clear();
}

void Extractor::triggers(const yaml::Node& on, const Source& source) {
  auto& out = m_workspace.facts().triggers;
  auto add = [&](std::string_view event, std::string detail, int line) {
    out.push_back(CiTrigger{std::string(event), std::move(detail), source.path, line, ""});
  };
  if (on.is_scalar())
    add(on.value, "", on.line);
  for (const auto& item : on.items)
    if (item.is_scalar())
      add(item.value, "", item.line);
  for (const auto& [event, line, column, value] : on.entries) {
    bool filtered = false;
    if (event == "schedule") {
      for (const auto& item : value.items)
        if (const auto* cron = item.find("cron"); cron != nullptr && cron->is_scalar()) {
          add(event, fmt::format("cron: {}", cron->value), cron->line);
          filtered = true;
        }
    }
    for (const auto& filter : value.entries)
      if (std::find(k_event_filters.begin(), k_event_filters.end(), filter.key) != k_event_filters.end()) {
        add(event, fmt::format("{}: {}", filter.key, join_values(filter.value)), filter.line);
        filtered = true;
      }
    if (!filtered)
      add(event, "", line);
  }
}

void Extractor::steps(const yaml::Node& steps, const Source& source, const std::string& job,
                      std::string_view directory) {
  // Where the job checked out this repository, and whether another repository took the workspace root:
  // then the steps that run at the root run that project's commands.
  std::string own_path;
  bool root_taken = false;
  std::vector<std::pair<std::string, std::string>> other_paths; // where the job checked out which repository
  std::string root_repository;                                  // the repository that took the root
  bool fetched = false; // an earlier step cloned or downloaded something
  for (const auto& step : steps.items) {
    if (!step.is_map())
      continue;
    const std::string name(scalar_at(step, "name"));
    if (const auto* uses = step.find("uses"); uses != nullptr && uses->is_scalar()) {
      action(*uses, source, job, name);
      if (auto dir = local_path(uses->value); !dir.empty() || uses->value == "./")
        composite_action(dir, source, uses->line, job);
      if (util::to_lower(uses->value).starts_with("actions/checkout@"))
        checkout(step, own_path, root_taken, root_repository, other_paths);
    }
    const auto* run = step.find("run");
    if (run == nullptr || !runs_shell(scalar_at(step, "shell")))
      continue;
    auto step_directory = std::string(scalar_at(step, "working-directory"));
    if (step_directory.empty())
      step_directory = std::string(directory);
    bool foreign = root_taken;
    std::string other_repository = root_taken ? root_repository : std::string();
    {
      const auto dir = util::normalize_path(step_directory);
      for (const auto& [other, repository] : other_paths)
        if (dir == other || dir.starts_with(other + "/")) {
          foreign = true;
          other_repository = repository;
        }
    }
    if (!own_path.empty()) {
      // This repository lives in a folder of the workspace: paths are relative to that folder.
      const auto dir = util::normalize_path(step_directory);
      foreign = !(dir == own_path || dir.starts_with(own_path + "/"));
      step_directory = foreign ? "" : dir.substr(std::min(dir.size(), own_path.size() + 1));
    }
    auto env = m_env;
    add_env(step, env);
    fetched =
        add_script(m_workspace, *run, source,
                   ScriptContext{job, name, std::move(step_directory), m_pipeline, foreign, fetched,
                                 foreign ? other_repository : std::string(), std::move(env), m_matrix}) ||
        fetched;
  }
}

void Extractor::checkout(const yaml::Node& step, std::string& own_path, bool& root_taken,
                         std::string& root_repository,
                         std::vector<std::pair<std::string, std::string>>& other_paths) {
  const auto* with = step.find("with");
  const auto repository = with != nullptr ? scalar_at(*with, "repository") : std::string_view();
  auto path = with != nullptr ? util::normalize_path(scalar_at(*with, "path")) : std::string();
  if (path == ".")
    path.clear();
  const bool other = !repository.empty() && repository.find("github.repository") == std::string_view::npos &&
                     repository.find("github.event.pull_request.head.repo") == std::string_view::npos;
  if (!other) {
    own_path = path;
    if (path.empty())
      root_taken = false;
  } else if (path.empty()) {
    root_taken = true;
    root_repository = repository;
  } else {
    other_paths.emplace_back(path, repository);
  }
}

void Extractor::action(const yaml::Node& uses, const Source& source, const std::string& job,
                       const std::string& step) {
  m_workspace.facts().actions.push_back(
      CiAction{uses.value, source.path, uses.line, job, step, is_plumbing_action(uses.value)});
}

void Extractor::composite_action(const std::string& dir, const Source& caller, int line,
                                 const std::string& job) {
  std::string path;
  for (auto name : {"action.yml", "action.yaml"}) {
    auto candidate = dir.empty() ? std::string(name) : fmt::format("{}/{}", dir, name);
    if (m_workspace.find(candidate) != nullptr) {
      path = std::move(candidate);
      break;
    }
  }
  if (path.empty()) {
    m_workspace.note(caller.path, line,
                     fmt::format("local action './{}' has no action.yml in the repository", dir));
    return;
  }
  if (!m_workspace.claim(path))
    return;
  const auto* source = m_workspace.parse(path);
  if (source == nullptr)
    return;
  const auto* root = m_workspace.mapping(*source, "an action");
  const auto* runs = root != nullptr ? root->find("runs") : nullptr;
  if (const auto* steps = runs != nullptr ? runs->find("steps") : nullptr)
    this->steps(*steps, *source, job, "");
}

void Extractor::reusable_workflow(const std::string& path, const Source& caller, int line) {
  if (m_workspace.find(path) == nullptr) {
    m_workspace.note(caller.path, line,
                     fmt::format("reusable workflow './{}' is not in the repository", path));
    return;
  }
  if (!m_workspace.claim(path))
    return;
  if (const auto* source = m_workspace.parse(path))
    workflow(*source);
}

} // namespace

void extract(Workspace& workspace) {
  Extractor extractor(workspace);
  const auto& files = workspace.files();
  auto it = std::lower_bound(files.begin(), files.end(), k_workflow_dir,
                             [](const repo::FileEntry* file, std::string_view p) { return file->path < p; });
  for (; it != files.end() && (*it)->path.starts_with(k_workflow_dir); ++it) {
    const auto& path = (*it)->path;
    if (!is_workflow_path(path) || !workspace.claim(path))
      continue;
    if (const auto* source = workspace.parse(path))
      extractor.workflow(*source);
  }
}

} // namespace github_actions

void extract_github_actions(Workspace& workspace) {
  github_actions::extract(workspace);
}

} // namespace tacit::facts::ci
