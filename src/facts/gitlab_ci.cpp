// GitLab CI: the scripts and tag/release/schedule triggers of the jobs in .gitlab-ci.yml and its local
// includes. A job's keys come from its definitions (an including file over what it includes), then its
// `extends:` parents (later parents over earlier, the job over all), then `default:` for before_script and
// after_script. Hidden jobs (`.name`) are templates: their scripts count only through the jobs that use them,
// at the line where the template writes them. `!reference [job, key]` is followed.

#include "ci_internal.hpp"

#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <set>

namespace tacit::facts::ci {

// Own namespace: the four CI readers are compiled together in a unity build.
namespace gitlab {

namespace {

// Top-level keys that configure the pipeline rather than name a job.
constexpr std::array<std::string_view, 12> k_reserved{"image",         "services",     "stages",    "types",
                                                      "before_script", "after_script", "variables", "cache",
                                                      "include",       "default",      "workflow",  "spec"};
constexpr std::array<std::string_view, 3> k_sections{"before_script", "script", "after_script"};
constexpr int k_max_extends_depth = 11;     // GitLab's own limit
constexpr int k_max_nesting = 10;           // nested script lists and !reference chains
constexpr std::size_t k_max_includes = 150; // GitLab's own limit

// A value and the file where it is written.
struct Located {
  const yaml::Node* node = nullptr;
  const Source* source = nullptr;
  int key_line = 0; // the line of the key that holds the value
};

// A job's keys after merging: key -> where its value is written.
using Keys = std::map<std::string, Located, std::less<>>;

Located find_key(const Keys& keys, std::string_view key) {
  const auto it = keys.find(key);
  return it != keys.end() ? it->second : Located{};
}

// The configuration document: the second one when the first is a `spec:` header.
const yaml::Node& config_root(const yaml::Document& document) {
  const auto& docs = document.documents;
  if (docs.size() >= 2 && docs[0].is_map() && docs[0].entries.size() == 1 && docs[0].find("spec") != nullptr)
    return docs[1];
  return document.root();
}

// The items of a list, or the value itself when it is a single scalar.
std::vector<const yaml::Node*> scalars(const yaml::Node* node) {
  std::vector<const yaml::Node*> out;
  if (node == nullptr)
    return out;
  if (node->is_scalar())
    out.push_back(node);
  for (const auto& item : node->items)
    if (item.is_scalar())
      out.push_back(&item);
  return out;
}

bool is_glob(std::string_view path) {
  return path.find_first_of("*?[") != std::string_view::npos;
}

class Extractor {
public:
  explicit Extractor(Workspace& workspace) : m_workspace(workspace) {}

  void run();

private:
  void load(const std::string& path);
  void include(const yaml::Node& item, const Source& source);
  const Keys& resolve(const std::string& name, int depth);
  void script(Located value, const std::string& job, std::string_view section, int depth);
  void reference(const yaml::Node& node, const Source& source, const std::string& job,
                 std::string_view section, int depth);
  void triggers(const std::string& job, const Keys& keys);

  Workspace& m_workspace;
  std::vector<std::string> m_order; // top-level keys, first seen first
  std::map<std::string, std::vector<Located>>
      m_layers; // top-level key -> definitions, lowest precedence first
  std::map<std::string, Keys> m_resolved;
  std::set<std::string> m_resolving;
  std::size_t m_includes = 0;
};

void Extractor::run() {
  if (m_workspace.find(".gitlab-ci.yml") == nullptr)
    return;
  load(".gitlab-ci.yml");
  // `default:` over the deprecated top-level before_script/after_script.
  Keys defaults;
  for (auto section : {"before_script", "after_script"})
    if (const auto it = m_layers.find(section); it != m_layers.end())
      defaults[section] = it->second.back();
  for (const auto& [key, value] : resolve("default", 0))
    defaults[key] = value;
  for (const auto& name : m_order) {
    if (name.starts_with('.') || std::find(k_reserved.begin(), k_reserved.end(), name) != k_reserved.end())
      continue;
    const auto& layers = m_layers[name];
    if (std::none_of(layers.begin(), layers.end(), [](const Located& l) { return l.node->is_map(); }))
      continue;
    const auto& keys = resolve(name, 0);
    // `inherit: {default: false}` or a list of the default keys to keep.
    const auto* inherit = find_key(keys, "inherit").node;
    const auto* inherit_default = inherit != nullptr ? inherit->find("default") : nullptr;
    for (auto section : k_sections) {
      auto value = find_key(keys, section);
      if (value.node == nullptr && section != "script") {
        bool inherits = inherit_default == nullptr || inherit_default->scalar() == "true";
        for (const auto* item : scalars(inherit_default))
          inherits = inherits || (inherit_default->is_sequence() && item->value == section);
        if (inherits)
          value = find_key(defaults, section);
      }
      if (value.node != nullptr)
        script(value, name, section, 0);
    }
    triggers(name, keys);
  }
}

void Extractor::load(const std::string& path) {
  if (!m_workspace.claim(path))
    return;
  const auto* source = m_workspace.parse(path);
  if (source == nullptr)
    return;
  const auto& root = config_root(*source->document);
  if (root.is_null())
    return;
  if (!root.is_map()) {
    m_workspace.note(path, root.line, "not a GitLab CI configuration: the top level is not a mapping");
    return;
  }
  // What a file includes comes first: the including file's keys win.
  if (const auto* includes = root.find("include")) {
    if (includes->is_sequence())
      for (const auto& item : includes->items)
        include(item, *source);
    else
      include(*includes, *source);
  }
  for (const auto& entry : root.entries) {
    if (entry.key == "include")
      continue;
    auto& layers = m_layers[entry.key];
    if (layers.empty())
      m_order.push_back(entry.key);
    layers.push_back(Located{&entry.value, source, entry.line});
  }
}

void Extractor::include(const yaml::Node& item, const Source& source) {
  // Only local files: remote, project, template and component includes are not in this repository.
  std::string_view local = item.scalar();
  if (item.is_map())
    local = item.find("local") != nullptr ? item.find("local")->scalar() : std::string_view();
  if (local.empty() || local.find("://") != std::string_view::npos)
    return;
  if (++m_includes > k_max_includes) {
    if (m_includes == k_max_includes + 1)
      m_workspace.note(source.path, item.line,
                       fmt::format("more than {} includes: the rest are skipped", k_max_includes));
    return;
  }
  const auto path = util::normalize_path(local);
  if (!is_glob(path)) {
    if (m_workspace.find(path) == nullptr)
      m_workspace.note(source.path, item.line, fmt::format("include '{}' is not in the repository", local));
    else
      load(path);
    return;
  }
  for (const auto* file : m_workspace.files())
    if ((file->path.ends_with(".yml") || file->path.ends_with(".yaml")) && util::glob_match(path, file->path))
      load(file->path);
}

const Keys& Extractor::resolve(const std::string& name, int depth) {
  if (const auto it = m_resolved.find(name); it != m_resolved.end())
    return it->second;
  Keys own;
  if (const auto layers = m_layers.find(name); layers != m_layers.end())
    for (const auto& layer : layers->second)
      for (const auto& entry : layer.node->entries)
        own[entry.key] = Located{&entry.value, layer.source, entry.line};
  Keys keys;
  m_resolving.insert(name);
  if (const auto extends = find_key(own, "extends"); extends.node != nullptr) {
    for (const auto* parent : scalars(extends.node)) {
      const std::string parent_name(parent->value);
      if (m_resolving.contains(parent_name) || depth >= k_max_extends_depth) {
        m_workspace.note(extends.source->path, parent->line,
                         fmt::format("extends '{}' makes a cycle or goes deeper than {} levels", parent_name,
                                     k_max_extends_depth));
        continue;
      }
      if (!m_layers.contains(parent_name)) {
        m_workspace.note(extends.source->path, parent->line,
                         fmt::format("extends '{}', which is not defined", parent_name));
        continue;
      }
      for (const auto& [key, value] : resolve(parent_name, depth + 1))
        keys[key] = value;
    }
  }
  for (const auto& [key, value] : own)
    keys[key] = value;
  m_resolving.erase(name);
  return m_resolved[name] = std::move(keys);
}

void Extractor::script(Located value, const std::string& job, std::string_view section, int depth) {
  const auto& node = *value.node;
  if (depth > k_max_nesting)
    return;
  if (node.tag == "!reference") {
    reference(node, *value.source, job, section, depth);
  } else if (node.is_scalar()) {
    add_script(m_workspace, node, *value.source,
               ScriptContext{job, std::string(section), "", ".gitlab-ci.yml"});
  } else {
    for (const auto& item : node.items) // nested lists are flattened, as GitLab does
      script(Located{&item, value.source}, job, section, depth + 1);
  }
}

void Extractor::reference(const yaml::Node& node, const Source& source, const std::string& job,
                          std::string_view section, int depth) {
  std::vector<std::string> path;
  for (const auto& item : node.items)
    path.emplace_back(item.scalar());
  Located target;
  if (path.size() >= 2 && m_layers.contains(path[0]) && !m_resolving.contains(path[0])) {
    target = find_key(resolve(path[0], 0), path[1]);
    for (std::size_t i = 2; i < path.size() && target.node != nullptr; ++i)
      target.node = target.node->find(path[i]);
  }
  if (target.node == nullptr) {
    m_workspace.note(source.path, node.line,
                     fmt::format("!reference [{}] names nothing", util::join(path, ", ")));
    return;
  }
  script(target, job, section, depth + 1);
}

void Extractor::triggers(const std::string& job, const Keys& keys) {
  auto add = [&](std::string_view event, int line, const Source& source) {
    const auto detail = event == "push" ? fmt::format("tags (job {})", job) : fmt::format("job {}", job);
    m_workspace.facts().triggers.push_back(CiTrigger{std::string(event), detail, source.path, line, job});
  };
  if (const auto only = find_key(keys, "only"); only.node != nullptr) {
    for (const auto* item : scalars(only.node->is_map() ? only.node->find("refs") : only.node)) {
      if (item->value == "tags")
        add("push", item->line, *only.source);
      else if (item->value == "schedules")
        add("schedule", item->line, *only.source);
    }
  }
  if (const auto rules = find_key(keys, "rules"); rules.node != nullptr) {
    for (const auto& rule : rules.node->items) {
      const auto* condition = rule.find("if");
      const auto* when = rule.find("when");
      if (condition == nullptr || (when != nullptr && when->scalar() == "never"))
        continue;
      const auto text = condition->scalar();
      const bool negated = util::contains(text, "== null") || util::contains(text, "== \"\"") ||
                           util::contains(text, "!$CI_COMMIT_TAG");
      if (util::contains(text, "CI_COMMIT_TAG") && !negated)
        add("push", condition->line, *rules.source);
      else if (util::contains(text, "CI_PIPELINE_SOURCE") && util::contains(text, "schedule") &&
               !util::contains(text, "!="))
        add("schedule", condition->line, *rules.source);
    }
  }
  if (const auto release = find_key(keys, "release"); release.node != nullptr)
    add("release", release.key_line, *release.source);
}

} // namespace

void extract(Workspace& workspace) {
  Extractor(workspace).run();
}

} // namespace gitlab

void extract_gitlab_ci(Workspace& workspace) {
  gitlab::extract(workspace);
}

} // namespace tacit::facts::ci
