// CI facts: the files the extractors read (their workspace and helpers), and extract_ci over every CI system.
// What counts as plumbing is in ci_plumbing.cpp.

#include "ci_internal.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <tuple>

namespace tacit::facts {

namespace {

// Shells whose scripts are shell commands; `shell: python` and the like run another language.
constexpr std::array<std::string_view, 6> k_shells{"bash", "sh", "pwsh", "powershell", "cmd", "zsh"};

} // namespace

namespace ci {

namespace {

bool has_variable(std::string_view text) {
  return text.find_first_of("$%{`") != std::string_view::npos;
}

// The CI variables that name the checkout of this repository.
bool names_own_checkout(std::string_view dir) {
  for (auto variable : {"GITHUB_WORKSPACE", "github.workspace", "CI_PROJECT_DIR", "BUILD_SOURCESDIRECTORY",
                        "Build.SourcesDirectory", "CIRCLE_WORKING_DIRECTORY"})
    if (dir.find(variable) != std::string_view::npos)
      return true;
  return false;
}

// Follows a script's working directory through `cd`, to tell when its commands run in another project's
// tree: a directory that this repository does not have (a clone, an unpacked download). Directories it
// cannot know (absolute paths, variables) keep the state, except after the script fetched something: then a
// `cd` into a computed directory (`cd linux-${VERSION}`) enters what it fetched.
class TreeTracker {
public:
  TreeTracker(const Workspace& workspace, const ScriptContext& context)
      : m_workspace(workspace), m_start(context.foreign), m_fetched(context.fetched),
        m_start_source(context.source) {
    const auto& dir = context.working_directory;
    m_dir_known = !has_variable(dir) && !dir.starts_with('/') && !dir.starts_with('~');
    if (dir.empty() || !m_dir_known)
      m_foreign = m_start;
    else
      enter(dir, m_start);
  }

  /// The folder of this repository a `cd` of the script moved to (from the root; "" for the root itself),
  /// when the script moved and the folder is known; nullopt when the step's working directory still holds.
  std::optional<std::string> moved_to() const {
    if (!m_moved || !m_dir_known || m_foreign)
      return std::nullopt;
    return m_dir;
  }

  bool foreign() const { return m_foreign; }
  bool fetched() const { return m_fetched; }
  /// The project a foreign command runs in, when the CI file names it: the checkout's repository, else what
  /// the script cloned or downloaded last.
  const std::string& source() const { return !m_fetched_source.empty() ? m_fetched_source : m_start_source; }

  /// Takes one command into account; returns the state after it.
  bool follow(const std::vector<std::string>& words) {
    if (words.empty())
      return m_foreign;
    const auto& program = words.front();
    if (program == "git" && words.size() > 1 && words[1] == "clone") {
      m_fetched = true;
      fetched_from(words, 2);
    } else if (program == "wget" || program == "curl" || program == "tar" || program == "unzip") {
      m_fetched = true;
      fetched_from(words, 1);
    } else if (program == "mkdir" || program == "cmake" || program == "meson")
      created(words);
    else if ((program == "cd" || program == "pushd") && words.size() > 1)
      change(words[1]);
    else if (program == "cd" || program == "popd")
      reset();
    else if (program == "make" || program == "gmake")
      return m_foreign || enters_foreign_tree(words);
    return m_foreign;
  }

private:
  // What a clone or a download fetched: its first URL argument (`git clone https://github.com/org/x`).
  void fetched_from(const std::vector<std::string>& words, std::size_t from) {
    for (std::size_t i = from; i < words.size(); ++i)
      if (words[i].find("://") != std::string::npos || words[i].starts_with("git@")) {
        m_fetched_source = words[i];
        return;
      }
  }

  // Folders the script makes for itself (`mkdir -p build`, `cmake -B bld`, `meson setup out`): this
  // repository's build trees, not another project's.
  void created(const std::vector<std::string>& words) {
    const auto add = [&](std::string_view dir) {
      if (!dir.empty() && !has_variable(dir) && !dir.starts_with('/'))
        m_created.insert(
            util::normalize_path(m_dir.empty() ? std::string(dir) : m_dir + "/" + std::string(dir)));
    };
    for (std::size_t i = 1; i < words.size(); ++i) {
      const auto& word = words[i];
      if (words[0] == "mkdir" && !word.starts_with('-'))
        add(word);
      else if (words[0] == "cmake" && word == "-B" && i + 1 < words.size())
        add(words[++i]);
      else if (words[0] == "cmake" && word.starts_with("-B") && word.size() > 2)
        add(std::string_view(word).substr(2));
      else if (words[0] == "meson" && (word == "setup" || word == "builddir") && i + 1 < words.size() &&
               !words[i + 1].starts_with('-'))
        add(words[++i]);
    }
  }

  // A folder this repository does not track is another project's only when the script fetched something
  // (a clone, a download, an archive it unpacks) and did not make that folder itself.
  bool is_foreign_dir(const std::string& dir) const {
    if (dir.empty() || m_workspace.is_directory(dir)) // "": the checkout's root
      return false;
    if (!m_fetched)
      return false;
    for (auto d = std::string_view(dir); !d.empty(); d = util::dir_name(d))
      if (m_created.contains(std::string(d)))
        return false;
    return true;
  }

  // `make -C DIR` with a DIR this repository does not have (a clone, an unpacked download).
  bool enters_foreign_tree(const std::vector<std::string>& words) const {
    for (std::size_t i = 1; i + 1 < words.size(); ++i) {
      if (words[i] != "-C" && words[i] != "--directory")
        continue;
      const auto& dir = words[i + 1];
      if (has_variable(dir) || dir.starts_with('/') || dir.starts_with('~'))
        return false;
      bool escaped = false;
      const auto normalized = util::normalize_path(m_dir.empty() ? dir : m_dir + "/" + dir, &escaped);
      return escaped || (normalized != "." && is_foreign_dir(normalized));
    }
    return false;
  }

  void reset() {
    m_dir.clear();
    m_foreign = m_start;
    m_moved = true;
    m_dir_known = false; // `cd` alone goes home, `popd` back to where `pushd` left
  }

  void change(const std::string& target) {
    m_moved = true;
    if (target == "-") {
      m_dir_known = false;
      return;
    }
    if (names_own_checkout(target)) {
      m_dir.clear();
      m_foreign = false;
      m_dir_known = target.find('/') == std::string::npos; // `cd $GITHUB_WORKSPACE`, not a folder in it
      return;
    }
    m_dir_known =
        m_dir_known && !has_variable(target) && !target.starts_with('/') && !target.starts_with('~');
    if (has_variable(target)) {
      if (m_fetched) {
        // `cd linux-${VERSION}` enters what was fetched; a later `cd ..` comes back.
        bool escaped = false;
        m_dir = util::normalize_path(m_dir.empty() ? target : m_dir + "/" + target, &escaped);
        m_foreign = true;
      }
      return;
    }
    if (target.starts_with('/') || target.starts_with('~'))
      return;
    enter(m_dir.empty() ? target : m_dir + "/" + target, m_start);
  }

  void enter(std::string_view dir, bool foreign) {
    bool escaped = false;
    auto normalized = util::normalize_path(dir, &escaped);
    if (normalized == ".")
      normalized.clear();
    if (escaped) {
      m_foreign = true; // above the checkout: a sibling tree
      m_dir_known = false;
      return;
    }
    m_dir = normalized;
    m_foreign = foreign || is_foreign_dir(m_dir);
  }

  const Workspace& m_workspace;
  bool m_start = false;
  bool m_foreign = false;
  bool m_fetched = false;
  std::string m_start_source;
  std::string m_fetched_source;
  std::set<std::string> m_created;
  std::string m_dir;
  bool m_dir_known = true; // m_dir is where the script is (no absolute or computed folder on the way)
  bool m_moved = false;    // a `cd`, `pushd` or `popd` left the step's working directory
};

} // namespace

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

bool Workspace::is_directory(std::string_view dir) const {
  if (dir.empty())
    return true;
  const auto prefix = std::string(dir) + "/";
  const auto it =
      std::lower_bound(m_files.begin(), m_files.end(), std::string_view(prefix),
                       [](const repo::FileEntry* file, std::string_view p) { return file->path < p; });
  return it != m_files.end() && (*it)->path.starts_with(prefix);
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

bool add_script(Workspace& workspace, const yaml::Node& script, const Source& source,
                const ScriptContext& context) {
  TreeTracker tree(workspace, context);
  for (auto& line : shell_lines(yaml::scalar_lines(script, source.lines))) {
    const auto commands = doc::split_commands(line.text);
    if (commands.empty())
      continue;
    const bool plumbing = std::all_of(commands.begin(), commands.end(),
                                      [](const auto& words) { return is_plumbing_command(words); });
    bool foreign = tree.foreign();
    // Where the line starts: a `cd` on an earlier line of the script moved it (`cd examples/app` then
    // `./gradlew assembleRelease`); one on this line is in its text.
    const auto moved = tree.moved_to();
    for (const auto& words : commands)
      foreign = tree.follow(words) || foreign;
    CiCommand command{std::move(line.text),
                      source.path,
                      line.line,
                      line.column,
                      context.job,
                      context.step,
                      moved ? *moved : context.working_directory,
                      plumbing,
                      foreign,
                      context.pipeline.empty() ? source.path : context.pipeline,
                      foreign ? tree.source() : std::string(),
                      context.env,
                      context.matrix};
    workspace.facts().commands.push_back(std::move(command));
  }
  return tree.fetched();
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
