// CI facts: the files the extractors read (their workspace and helpers), and extract_ci over every CI system.
// What counts as plumbing is in ci_plumbing.cpp.

#include "ci_internal.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

namespace tacit::facts {

namespace {

// Shells whose scripts are shell commands; `shell: python` and the like run another language.
constexpr std::array<std::string_view, 6> k_shells{"bash", "sh", "pwsh", "powershell", "cmd", "zsh"};

} // namespace

namespace ci {

Workspace::Workspace(const std::vector<const repo::FileEntry*>& files, const FileReader& read, CiFacts& facts)
    : m_files(files), m_read(read), m_facts(facts) {
  const auto by_path = [](const repo::FileEntry* a, const repo::FileEntry* b) { return a->path < b->path; };
  if (!std::is_sorted(m_files.begin(), m_files.end(), by_path))
    std::sort(m_files.begin(), m_files.end(), by_path);
}

const repo::FileEntry* Workspace::find(std::string_view path) const {
  const auto it =
      std::lower_bound(m_files.begin(), m_files.end(), path,
                       [](const repo::FileEntry* file, std::string_view p) { return file->path < p; });
  return it != m_files.end() && (*it)->path == path ? *it : nullptr;
}

bool Workspace::claim(std::string_view path) {
  return m_claimed.emplace(std::string(path), true).second;
}

const Source* Workspace::parse(std::string_view path) {
  if (const auto it = m_sources.find(path); it != m_sources.end())
    return it->second.get();
  auto& slot = m_sources[std::string(path)];
  const auto* file = find(path);
  if (file == nullptr)
    return nullptr;
  // The size the snapshot knows saves reading a huge file; the content's size covers an unknown one.
  const auto content = file->size > k_max_ci_file_bytes ? std::string_view() : m_read(*file);
  const auto size = std::max<std::uint64_t>(file->size, content.size());
  if (size > k_max_ci_file_bytes) {
    note(path, 1,
         fmt::format("not parsed: {} bytes is over the {} byte limit for CI files", size,
                     k_max_ci_file_bytes));
    return nullptr;
  }
  auto source = std::make_unique<Source>();
  source->path = std::string(path);
  source->text = content;
  source->lines = util::split_lines(source->text);
  const auto& loaded = m_read.yaml(*file);
  if (!loaded) {
    note(path, loaded.error().line, fmt::format("not parsed: invalid YAML: {}", loaded.error().message));
    return nullptr;
  }
  source->document = &*loaded;
  for (const auto& issue : source->document->issues)
    note(path, issue.line, issue.message);
  slot = std::move(source);
  return slot.get();
}

const yaml::Node* Workspace::mapping(const Source& source, std::string_view what) {
  const auto& root = source.document->root();
  if (root.is_map())
    return &root;
  if (!root.is_null())
    note(source.path, root.line, fmt::format("not {}: the top level is not a mapping", what));
  return nullptr;
}

void Workspace::note(std::string_view path, int line, std::string_view message) {
  m_facts.notes.push_back(fmt::format("{}:{}: {}", path, std::max(line, 1), message));
}

void add_script(Workspace& workspace, const yaml::Node& script, const Source& source,
                const ScriptContext& context) {
  for (auto& line : shell_lines(yaml::scalar_lines(script, source.lines))) {
    const auto commands = doc::split_commands(line.text);
    if (commands.empty())
      continue;
    const bool plumbing = std::all_of(commands.begin(), commands.end(),
                                      [](const auto& words) { return is_plumbing_command(words); });
    workspace.facts().commands.push_back(CiCommand{
        std::move(line.text), source.path, line.line, line.column, context.job, context.step,
        context.working_directory, plumbing, context.pipeline.empty() ? source.path : context.pipeline});
  }
}

std::string_view scalar_at(const yaml::Node& node, std::string_view key) {
  const auto* value = node.find(key);
  return value != nullptr ? value->scalar() : std::string_view();
}

bool runs_shell(std::string_view shell) {
  const auto words = util::split_words(shell);
  if (words.empty())
    return true;
  auto program = words.front();
  if (const auto slash = program.find_last_of("/\\"); slash != std::string_view::npos)
    program = program.substr(slash + 1);
  if (program.ends_with(".exe"))
    program.remove_suffix(4);
  return std::find(k_shells.begin(), k_shells.end(), program) != k_shells.end();
}

std::string join_values(const yaml::Node& node) {
  if (node.is_scalar())
    return node.value;
  std::vector<std::string> values;
  for (const auto& item : node.items)
    if (item.is_scalar())
      values.push_back(item.value);
  return util::join(values, ", ");
}

} // namespace ci

CiFacts extract_ci(const std::vector<const repo::FileEntry*>& files, const FileReader& read) {
  CiFacts facts;
  ci::Workspace workspace(files, read, facts);
  ci::extract_github_actions(workspace);
  ci::extract_gitlab_ci(workspace);
  ci::extract_circleci(workspace);
  ci::extract_azure_pipelines(workspace);
  // A command, action or trigger written once is reported once (anchors, templates, shared defaults).
  std::set<std::tuple<std::string, int, int, std::string>> seen;
  std::erase_if(facts.commands,
                [&](const CiCommand& c) { return !seen.emplace(c.path, c.line, c.column, c.text).second; });
  seen.clear();
  std::erase_if(facts.actions,
                [&](const CiAction& a) { return !seen.emplace(a.path, a.line, 0, a.uses).second; });
  seen.clear();
  std::erase_if(facts.triggers, [&](const CiTrigger& t) {
    return !seen.emplace(t.path, t.line, 0, t.event + '\n' + t.detail + '\n' + t.job).second;
  });
  std::set<std::string> notes;
  std::erase_if(facts.notes, [&](const std::string& n) { return !notes.insert(n).second; });
  return facts;
}

} // namespace tacit::facts
