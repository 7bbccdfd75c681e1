// The plan of what each agent loads for a directory, from the loading model. Only file lists, sizes and the
// documents already parsed are read: no I/O of its own.

#include <tacit/doc/context_load.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tacit::doc {

namespace {

constexpr std::uint32_t k_symlink_mode = 0120000;

// The YAML between a leading "---" line and the next "---" line, without the fences; "" when none.
std::string front_matter_of(std::string_view text) {
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n"))
    return {};
  const auto start = text.find('\n') + 1;
  for (auto at = start; at < text.size();) {
    const auto end = text.find('\n', at);
    const auto line =
        util::trim(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (line == "---")
      return std::string(text.substr(start, at - start));
    if (end == std::string_view::npos)
      break;
    at = end + 1;
  }
  return {};
}

class Planner {
public:
  Planner(const LoadSource& source, std::string_view dir) : m_source(source), m_dir(dir) {
    m_chain.emplace_back();
    if (!dir.empty()) {
      std::string prefix;
      for (auto part : util::split(dir, '/')) {
        prefix += (prefix.empty() ? "" : "/") + std::string(part);
        m_chain.push_back(prefix);
      }
    }
  }

  AgentLoad plan(const AgentSpec& agent, std::uint64_t budget, std::uint64_t file_limit) {
    AgentLoad load;
    load.agent = &agent;
    m_seen.clear();
    // Files loaded per directory, root first; within a directory, in the order of the agent's specs.
    for (const auto& directory : m_chain) {
      std::set<int> groups_done;
      for (const auto& spec : agent.files) {
        if (spec.place != Place::each_directory || (spec.group != 0 && groups_done.contains(spec.group)))
          continue;
        const auto path = join(directory, spec.pattern);
        const auto* file = find(path);
        if (!file)
          continue;
        if (spec.group != 0)
          groups_done.insert(spec.group);
        if (spec.activation == Activation::personal) {
          add(load.always, agent, *file, fmt::format("personal, {}", where(directory)), false);
          continue;
        }
        add(load.always, agent, *file, fmt::format("chain: {}", where(directory)), true);
      }
    }
    // Files at the root: repository paths and globs.
    std::set<int> root_groups;
    for (const auto& spec : agent.files) {
      if (spec.place != Place::root || (spec.group != 0 && root_groups.contains(spec.group)))
        continue;
      const auto matches = matching(spec.pattern);
      if (!matches.empty() && spec.group != 0)
        root_groups.insert(spec.group);
      for (const auto* file : matches)
        add_root_file(load, agent, spec, *file);
    }
    // Files below the directory, loaded when the agent works there.
    for (const auto& spec : agent.files) {
      if (spec.place != Place::below)
        continue;
      const auto prefix = m_dir.empty() ? std::string() : std::string(m_dir) + "/";
      for (const auto& file : m_source.files)
        if (file.path.starts_with(prefix) && file.path.size() > prefix.size() &&
            util::base_name(file.path) == spec.pattern && util::dir_name(file.path) != m_dir &&
            !m_seen.contains(file.path))
          add(load.may, agent, file,
              fmt::format("when {} works in {}/", agent.name, util::dir_name(file.path)), false);
    }
    for (const auto& file : load.always) {
      load.always_bytes += file.bytes;
      if (file.chain)
        load.chain_bytes += file.bytes;
    }
    if (budget > 0)
      load.cut = cut(load, budget);
    if (file_limit > 0)
      for (const auto& list : {&load.always, &load.may})
        for (const auto& file : *list)
          if (util::glob_match(agent.max_file_applies, file.path))
            if (const auto* doc = m_source.document(file.content_path); doc && !doc->text.empty())
              if (const auto chars = count_chars(doc->text); chars > file_limit)
                load.over_limit.push_back(
                    {file.path, chars, file_limit, line_at_char(doc->text, file_limit)});
    return load;
  }

private:
  static std::string join(std::string_view directory, std::string_view name) {
    return directory.empty() ? std::string(name) : fmt::format("{}/{}", directory, name);
  }

  static std::string where(std::string_view directory) {
    return directory.empty() ? "root" : std::string(directory);
  }

  const repo::FileEntry* find(std::string_view path) const {
    const auto it =
        std::lower_bound(m_source.files.begin(), m_source.files.end(), path,
                         [](const repo::FileEntry& file, std::string_view p) { return file.path < p; });
    return it != m_source.files.end() && it->path == path ? &*it : nullptr;
  }

  // The files a root pattern matches: the range of files under its literal prefix, then the glob.
  std::vector<const repo::FileEntry*> matching(std::string_view pattern) const {
    std::vector<const repo::FileEntry*> out;
    const auto literal = pattern.substr(0, pattern.find_first_of("*?["));
    if (literal == pattern) {
      if (const auto* file = find(pattern))
        out.push_back(file);
      return out;
    }
    auto it = std::lower_bound(m_source.files.begin(), m_source.files.end(), literal,
                               [](const repo::FileEntry& file, std::string_view p) { return file.path < p; });
    for (; it != m_source.files.end() && it->path.starts_with(literal); ++it)
      if (util::glob_match(pattern, it->path))
        out.push_back(&*it);
    return out;
  }

  // A symlink's target inside the repository, else the file itself.
  const repo::FileEntry& content_of(const repo::FileEntry& file) const {
    if ((file.mode & 0170000) != k_symlink_mode)
      return file;
    if (const auto* doc = m_source.document(file.path); doc && !doc->symlink_target.empty())
      if (const auto* target = find(doc->symlink_target))
        return *target;
    return file;
  }

  LoadedFile& add(std::vector<LoadedFile>& list, const AgentSpec& agent, const repo::FileEntry& file,
                  std::string how, bool chain, int hops_left = -1) {
    m_seen.insert(file.path);
    const auto& content = content_of(file);
    LoadedFile loaded{file.path,      content.path, content.size, estimate_tokens(content.size),
                      std::move(how), chain,        {},           {}};
    if (content.path != file.path)
      loaded.how += fmt::format(" (symlink to {})", content.path);
    list.push_back(std::move(loaded));
    const auto index = list.size() - 1;
    // `@path` imports are loaded with the file that imports them, up to the agent's hop limit.
    if (hops_left < 0)
      hops_left = agent.import_hops;
    if (hops_left > 0)
      if (const auto* doc = m_source.document(content.path))
        for (const auto& import : doc->imports) {
          const auto target = resolve_import(content.path, import.target);
          const auto* imported = target.empty() ? nullptr : find(target);
          if (imported && !m_seen.contains(imported->path))
            add(list, agent, *imported, fmt::format("@import from {}", file.path), chain, hops_left - 1);
        }
    return list[index];
  }

  void add_root_file(AgentLoad& load, const AgentSpec& agent, const LoadSpec& spec,
                     const repo::FileEntry& file) {
    if (m_seen.contains(file.path))
      return;
    const auto* doc = m_source.document(content_of(file).path);
    std::string front = doc ? doc->front_matter : std::string();
    if (front.empty() && m_source.head)
      front = front_matter_of(m_source.head(content_of(file).path));
    switch (spec.activation) {
    case Activation::always:
      add(load.always, agent, file, "always", false);
      return;
    case Activation::personal:
      add(load.always, agent, file, "personal", false);
      return;
    case Activation::opt_in:
      add(load.may, agent, file, fmt::format("only when {} is configured to read it", agent.name), false);
      return;
    case Activation::on_demand:
      add(load.may, agent, file, "on demand", false);
      return;
    case Activation::skill: {
      // The skill's metadata is always in context; its body when the skill is used.
      auto& meta = add(load.always, agent, file, "skill metadata (name, description)", false, 0);
      meta.bytes = front.empty() ? 0 : front.size() + 8; // and its two "---" fences
      meta.tokens = estimate_tokens(meta.bytes);
      meta.description = front_matter_value(front, "description").value_or("");
      auto body = meta;
      body.bytes = content_of(file).size;
      body.tokens = estimate_tokens(body.bytes);
      body.how = "skill body, when the skill is used";
      load.may.push_back(std::move(body));
      return;
    }
    case Activation::front_matter:
      break;
    }
    const auto activation = read_activation(spec.selector, front);
    using Mode = RuleActivation::Mode;
    if (activation.mode == Mode::always) {
      add(load.always, agent, file, "always (front matter)", false);
      return;
    }
    const auto how = activation.mode == Mode::glob ? fmt::format("for {}", util::join(activation.globs, ", "))
                     : activation.mode == Mode::described
                         ? std::string("when the agent finds its description relevant")
                         : std::string("manual: only when mentioned");
    auto& loaded = add(load.may, agent, file, how, false);
    loaded.globs = activation.globs;
    loaded.description = activation.description;
  }

  // Where `budget` cuts the chain: read root first, each file up to what is left (Codex's loader; an empty
  // file is skipped and costs nothing).
  std::optional<ChainCut> cut(const AgentLoad& load, std::uint64_t budget) const {
    std::uint64_t left = budget;
    std::optional<ChainCut> out;
    for (const auto& file : load.always) {
      if (!file.chain)
        continue;
      if (out) {
        out->never_read.push_back(file.path);
        continue;
      }
      const auto* doc = m_source.document(file.content_path);
      if (doc && util::trim(doc->text).empty() && !doc->text.empty())
        continue;
      if (file.bytes <= left) {
        left -= file.bytes;
        if (left == 0 && &file != &load.always.back())
          out =
              ChainCut{file.path, file.bytes, file.bytes, doc ? line_at_byte(doc->text, file.bytes) : 0, {}};
        continue;
      }
      out = ChainCut{file.path, left, file.bytes, doc ? line_at_byte(doc->text, left) : 0, {}};
    }
    if (out && out->read_bytes == out->file_bytes && out->never_read.empty())
      return std::nullopt;
    return out;
  }

  // The line that holds byte `offset` - 1: the last line read when `offset` bytes are.
  static int line_at_byte(std::string_view text, std::uint64_t offset) {
    if (offset == 0 || text.empty())
      return offset == 0 ? 0 : 1;
    const auto end = std::min<std::size_t>(offset - 1, text.size() - 1);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(end), '\n'));
  }

  static int line_at_char(std::string_view text, std::uint64_t chars) {
    std::uint64_t seen = 0;
    int line = 1;
    for (const char c : text) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++seen > chars)
        return line;
      if (c == '\n')
        ++line;
    }
    return line;
  }

  const LoadSource& m_source;
  std::string_view m_dir;
  std::vector<std::string> m_chain;
  std::set<std::string> m_seen;
};

} // namespace

std::uint64_t count_chars(std::string_view text) {
  return static_cast<std::uint64_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<AgentLoad> plan_context(const LoadSource& source, std::string_view dir,
                                    const LoadOptions& options) {
  std::vector<AgentLoad> out;
  Planner planner(source, dir);
  for (const auto& agent : agent_specs()) {
    if (options.only && options.only != &agent)
      continue;
    auto budget = options.chain_budget ? options.chain_budget(agent) : 0;
    auto limit = options.file_limit ? options.file_limit(agent) : 0;
    out.push_back(
        planner.plan(agent, budget ? budget : agent.max_chain_bytes, limit ? limit : agent.max_file_chars));
  }
  return out;
}

std::vector<std::string> context_directories(std::span<const repo::FileEntry> files) {
  std::set<std::string_view> names;
  for (const auto& agent : agent_specs())
    for (const auto& spec : agent.files)
      if (spec.place == Place::each_directory && spec.activation != Activation::personal &&
          spec.pattern.find('/') == std::string_view::npos)
        names.insert(spec.pattern);
  std::set<std::string> dirs{""};
  for (const auto& file : files)
    if (names.contains(util::base_name(file.path)))
      dirs.insert(std::string(util::dir_name(file.path)));
  return {dirs.begin(), dirs.end()};
}

} // namespace tacit::doc
