// Azure Pipelines: the script steps and tasks of the pipelines at the repository root (azure-pipelines*.yml,
// .azure-pipelines*.yml), in .azure-pipelines/ and azure-pipelines/, and of the local templates they use
// (`template: path`, relative to the file that names it or, with a leading '/', to the repository; a
// `path@repo` template is in another repository and skipped). Steps are read at the root, under jobs[] and
// under stages[].jobs[]; `${{ if }}` and `${{ each }}` blocks are read as if they held, and template
// parameters are kept as written. A template is read once, with the first pipeline and job that use it.
// Triggers are each pipeline's `trigger:`, `pr:` and `schedules:`, with Azure's defaults when one is missing.

#include "ci_internal.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <utility>

namespace tacit::facts::ci {

// Own namespace: the four CI readers are compiled together in a unity build.
namespace azure {

namespace {

constexpr std::array<std::string_view, 2> k_dirs{".azure-pipelines/", "azure-pipelines/"};
// Top-level keys only a pipeline (not a template) has: such files in the directories are read first.
constexpr std::array<std::string_view, 5> k_pipeline_keys{"trigger", "pr", "schedules", "resources",
                                                          "extends"};
// Steps whose value is a script.
constexpr std::array<std::string_view, 4> k_script_steps{"script", "bash", "pwsh", "powershell"};
// Tasks that run an inline script in `inputs.script`.
constexpr std::array<std::string_view, 3> k_script_tasks{"bash", "cmdline", "powershell"};
constexpr std::size_t k_max_templates = 100; // Azure's own limit
constexpr int k_max_nesting = 20;            // templates in templates, nested ${{ }} blocks

bool is_yaml(std::string_view path) {
  return path.ends_with(".yml") || path.ends_with(".yaml");
}

bool is_root_pipeline(std::string_view path) {
  return path.find('/') == std::string_view::npos && is_yaml(path) &&
         (path.starts_with("azure-pipelines") || path.starts_with(".azure-pipelines"));
}

bool is_directory_pipeline(std::string_view path) {
  for (auto dir : k_dirs)
    if (path.starts_with(dir) && path.find('/', dir.size()) == std::string_view::npos && is_yaml(path))
      return true;
  return false;
}

bool is_expression(std::string_view key) {
  return key.starts_with("${{");
}

// Calls `visit` on each item of a list, the items of `${{ if }}:` and `${{ each }}:` blocks included.
template <typename Visit> void for_each_item(const yaml::Node& list, int depth, const Visit& visit) {
  if (depth > k_max_nesting)
    return;
  for (const auto& item : list.items) {
    if (item.is_map() && !item.entries.empty() && is_expression(item.entries.front().key)) {
      for (const auto& entry : item.entries)
        if (is_expression(entry.key))
          for_each_item(entry.value, depth + 1, visit);
    } else {
      visit(item);
    }
  }
}

class Extractor {
public:
  explicit Extractor(Workspace& workspace) : m_workspace(workspace) {}

  void pipeline(const Source& source);

private:
  void triggers(const yaml::Node& root, const Source& source);
  void trigger(std::string_view event, const yaml::Node* value, const Source& source);
  void body(const yaml::Node& root, const Source& source, const std::string& job, int depth);
  void jobs(const yaml::Node& list, const Source& source, int depth);
  void deployment(const yaml::Node& node, const Source& source, const std::string& job, int depth);
  void steps(const yaml::Node& list, const Source& source, const std::string& job, int depth);
  void step(const yaml::Node& step, const Source& source, const std::string& job, int depth);
  void include(const yaml::Node& path, const Source& from, const std::string& job, int depth);

  Workspace& m_workspace;
  std::string m_pipeline;
  std::size_t m_templates = 0;
};

void Extractor::pipeline(const Source& source) {
  const auto* root = m_workspace.mapping(source, "an Azure Pipelines file");
  if (root == nullptr)
    return;
  m_pipeline = source.path;
  m_templates = 0;
  triggers(*root, source);
  body(*root, source, "", 0);
}

void Extractor::triggers(const yaml::Node& root, const Source& source) {
  trigger("push", root.find("trigger"), source);
  trigger("pull_request", root.find("pr"), source);
  if (const auto* schedules = root.find("schedules"))
    for (const auto& item : schedules->items)
      if (const auto* cron = item.find("cron"); cron != nullptr && cron->is_scalar())
        m_workspace.facts().triggers.push_back(
            CiTrigger{"schedule", fmt::format("cron: {}", cron->value), source.path, cron->line, ""});
}

void Extractor::trigger(std::string_view event, const yaml::Node* value, const Source& source) {
  auto add = [&](std::string detail, int line) {
    m_workspace.facts().triggers.push_back(
        CiTrigger{std::string(event), std::move(detail), source.path, std::max(line, 1), ""});
  };
  if (value == nullptr) // not written: every branch
    return add("", 1);
  if (value->is_scalar())
    return add(value->value == "none" ? std::string("none") : fmt::format("branches: {}", value->value),
               value->line);
  if (value->is_sequence())
    return add(fmt::format("branches: {}", join_values(*value)), value->line);
  // Written filters replace the default: only the branches and tags they include trigger.
  bool filtered = false;
  for (auto filter : {"branches", "tags"}) {
    const auto* node = value->find(filter);
    const auto* include = node != nullptr ? node->find("include") : nullptr;
    if (include != nullptr) {
      add(fmt::format("{}: {}", filter, join_values(*include)), include->line);
      filtered = true;
    }
  }
  if (!filtered)
    add("", value->line);
}

void Extractor::body(const yaml::Node& root, const Source& source, const std::string& job, int depth) {
  if (const auto* stages = root.find("stages"))
    for_each_item(*stages, depth, [&](const yaml::Node& stage) {
      if (const auto* path = stage.find("template"))
        include(*path, source, job, depth);
      else if (const auto* list = stage.find("jobs"))
        jobs(*list, source, depth);
    });
  if (const auto* list = root.find("jobs"))
    jobs(*list, source, depth);
  if (const auto* list = root.find("steps"))
    steps(*list, source, job.empty() ? std::string("Job") : job, depth);
  if (const auto* extends = root.find("extends"))
    if (const auto* path = extends->find("template"))
      include(*path, source, job, depth);
}

void Extractor::jobs(const yaml::Node& list, const Source& source, int depth) {
  for_each_item(list, depth, [&](const yaml::Node& item) {
    if (const auto* path = item.find("template")) {
      include(*path, source, "", depth);
      return;
    }
    // A job's name, a deployment's, else its display name (Azure's default name is "Job").
    std::string name(scalar_at(item, "job"));
    const bool is_deployment = item.find("deployment") != nullptr;
    if (is_deployment) {
      name = scalar_at(item, "deployment");
      m_workspace.facts().triggers.push_back(CiTrigger{"release", fmt::format("deployment {}", name),
                                                       source.path, item.find("deployment")->line, name});
    }
    if (name.empty())
      name = scalar_at(item, "displayName");
    if (name.empty())
      name = "Job";
    if (is_deployment) // release procedure: its own trigger says so
      m_workspace.facts().triggers.push_back(CiTrigger{"release", fmt::format("deployment {}", name),
                                                       source.path, item.find("deployment")->line, name});
    if (const auto* job_steps = item.find("steps"))
      steps(*job_steps, source, name, depth);
    if (const auto* strategy = is_deployment ? item.find("strategy") : nullptr)
      deployment(*strategy, source, name, depth + 1);
  });
}

// A deployment job's steps are under strategy.<runOnce|rolling|canary>.<hook>[.<on>.<outcome>].steps.
void Extractor::deployment(const yaml::Node& node, const Source& source, const std::string& job, int depth) {
  if (depth > 4)
    return;
  for (const auto& entry : node.entries) {
    if (entry.key == "steps")
      steps(entry.value, source, job, depth);
    else if (entry.value.is_map())
      deployment(entry.value, source, job, depth + 1);
  }
}

void Extractor::steps(const yaml::Node& list, const Source& source, const std::string& job, int depth) {
  for_each_item(list, depth, [&](const yaml::Node& item) { step(item, source, job, depth); });
}

void Extractor::step(const yaml::Node& item, const Source& source, const std::string& job, int depth) {
  if (!item.is_map())
    return;
  const std::string name(scalar_at(item, "displayName"));
  if (const auto* path = item.find("template")) {
    include(*path, source, job, depth);
    return;
  }
  for (auto kind : k_script_steps)
    if (const auto* script = item.find(kind)) {
      add_script(m_workspace, *script, source,
                 ScriptContext{job, name, std::string(scalar_at(item, "workingDirectory")), m_pipeline});
      return;
    }
  const auto* task = item.find("task");
  if (task == nullptr || !task->is_scalar())
    return; // checkout, download, publish, getPackage: plumbing
  const auto uses = fmt::format("task:{}", task->value);
  m_workspace.facts().actions.push_back(
      CiAction{uses, source.path, task->line, job, name, is_plumbing_action(uses)});
  const auto task_name = util::to_lower(task->value.substr(0, task->value.find('@')));
  const auto* inputs = item.find("inputs");
  const auto* script = inputs != nullptr ? inputs->find("script") : nullptr;
  if (script != nullptr && scalar_at(*inputs, "targetType") != "filePath" &&
      std::find(k_script_tasks.begin(), k_script_tasks.end(), task_name) != k_script_tasks.end())
    add_script(m_workspace, *script, source,
               ScriptContext{job, name, std::string(scalar_at(*inputs, "workingDirectory")), m_pipeline});
}

void Extractor::include(const yaml::Node& path, const Source& from, const std::string& job, int depth) {
  const auto written = path.scalar();
  // Another repository's template, or a path computed from parameters: not in this repository.
  if (written.empty() || written.find('@') != std::string_view::npos ||
      written.find("$(") != std::string_view::npos || written.find("${{") != std::string_view::npos)
    return;
  if (depth >= k_max_nesting || ++m_templates > k_max_templates) {
    m_workspace.note(from.path, path.line,
                     fmt::format("template '{}' not read: more than {} templates or {} levels", written,
                                 k_max_templates, k_max_nesting));
    return;
  }
  const auto dir = from.path.find('/') != std::string::npos ? from.path.substr(0, from.path.rfind('/') + 1)
                                                            : std::string();
  bool escaped = false;
  const auto resolved = util::normalize_path(written.starts_with('/') ? std::string(written.substr(1))
                                                                      : fmt::format("{}{}", dir, written),
                                             &escaped);
  if (escaped || m_workspace.find(resolved) == nullptr) {
    m_workspace.note(from.path, path.line, fmt::format("template '{}' is not in the repository", written));
    return;
  }
  if (!m_workspace.claim(resolved))
    return;
  const auto* source = m_workspace.parse(resolved);
  if (const auto* root =
          source != nullptr ? m_workspace.mapping(*source, "an Azure Pipelines template") : nullptr)
    body(*root, *source, job, depth + 1);
}

} // namespace

void extract(Workspace& workspace) {
  Extractor extractor(workspace);
  auto read = [&](const std::string& path) {
    if (!workspace.claim(path))
      return;
    if (const auto* source = workspace.parse(path))
      extractor.pipeline(*source);
  };
  // Root files first, then the pipelines of the directories, then their other files (templates no pipeline
  // here uses, or pipelines without pipeline-only keys): a template is read with the pipeline that uses it.
  std::vector<std::string> directory_files;
  for (const auto* file : workspace.files()) {
    if (is_root_pipeline(file->path))
      read(file->path);
    else if (is_directory_pipeline(file->path))
      directory_files.push_back(file->path);
  }
  for (const auto& path : directory_files) {
    const auto* source = workspace.parse(path);
    if (source != nullptr &&
        std::any_of(k_pipeline_keys.begin(), k_pipeline_keys.end(),
                    [&](std::string_view key) { return source->document->root().find(key) != nullptr; }))
      read(path);
  }
  for (const auto& path : directory_files)
    read(path);
}

} // namespace azure

void extract_azure_pipelines(Workspace& workspace) {
  azure::extract(workspace);
}

} // namespace tacit::facts::ci
