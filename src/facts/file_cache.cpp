// The per-run cache of file contents and parses: a map from path to an entry whose parts are each filled
// once.

#include "json_scripts.hpp"
#include "toml_util.hpp"
#include "yaml_util.hpp"

#include <tacit/facts/file_cache.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <unordered_map>

namespace tacit::facts {

// One file: its content and each parse, filled on first use.
struct ParsedFileCache::Entry {
  std::string path;
  std::once_flag read_once;
  Result<repo::Content> content;
  const Result<repo::Content>* borrowed =
      nullptr;                          // the donor's content of the same blob, instead of `content`
  std::atomic<bool> has_content{false}; // set once `content` (or `borrowed`) is filled
  std::once_flag package_once;
  std::unique_ptr<PackageJson> package;
  std::once_flag json_once;
  std::optional<yaml::Node> json;
  bool json_parsed = false; // set in json_once: a parse was asked for
  std::once_flag yaml_once;
  Result<yaml::Document> yaml;
  std::once_flag toml_once;
  Result<yaml::Node> toml;
  bool toml_parsed = false; // set in toml_once
  std::once_flag same_once;
  bool same_as_donor = false; // set in same_once: the donor read the same bytes at this path
};

struct PrefetchedYaml::Item {
  std::string path;
  std::string text;
  Result<yaml::Document> parsed;
  std::atomic<bool> taken{false};
};

PrefetchedYaml::PrefetchedYaml() = default;
PrefetchedYaml::~PrefetchedYaml() = default;

void PrefetchedYaml::add(std::string path, std::string text) {
  auto item = std::make_unique<Item>();
  item->parsed = yaml::load(text, path);
  item->path = std::move(path);
  item->text = std::move(text);
  m_items.push_back(std::move(item));
}

std::size_t PrefetchedYaml::taken() const {
  return static_cast<std::size_t>(
      std::ranges::count_if(m_items, [](const auto& item) { return item->taken.load(); }));
}

std::span<const std::string_view> PrefetchedYaml::ci_files() {
  static constexpr std::string_view k_files[] = {".github/workflows/", ".gitlab-ci.yml", ".circleci/",
                                                 "azure-pipelines.yml", "bitbucket-pipelines.yml"};
  return k_files;
}

std::span<const std::string_view> PrefetchedYaml::yaml_extensions() {
  static constexpr std::string_view k_extensions[] = {".yml", ".yaml"};
  return k_extensions;
}

struct ParsedFileCache::State {
  ContentReader read;
  std::size_t text_cap = 0;
  std::mutex mutex; // guards `entries`, not the entries' parts
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries;
  const ParsedFileCache* donor = nullptr;     // reuse_from
  BlobOf blob_of;                             // reuse_from
  std::shared_ptr<PrefetchedYaml> prefetched; // take_yaml_from
};

ParsedFileCache::ParsedFileCache(ContentReader read, std::size_t text_cap)
    : m_state(std::make_unique<State>()) {
  m_state->read = std::move(read);
  m_state->text_cap = text_cap;
}

ParsedFileCache::ParsedFileCache(ParsedFileCache&&) noexcept = default;
ParsedFileCache& ParsedFileCache::operator=(ParsedFileCache&&) noexcept = default;
ParsedFileCache::~ParsedFileCache() = default;

ParsedFileCache::ParsedFileCache(FromText, TextReader read)
    : ParsedFileCache(
          [read = std::move(read)](const repo::FileEntry& file) -> Result<repo::Content> {
            return repo::Content{read(file), false};
          },
          std::numeric_limits<std::size_t>::max()) {}

ParsedFileCache::Entry& ParsedFileCache::entry(const repo::FileEntry& file) const {
  std::lock_guard lock(m_state->mutex);
  auto& slot = m_state->entries[file.path];
  if (!slot) {
    slot = std::make_unique<Entry>();
    slot->path = file.path;
  }
  return *slot;
}

// The donor's content of `file` when it read the same blob (reuse_from's `blob_of`), else nullptr.
const Result<repo::Content>* ParsedFileCache::same_blob_in_donor(const repo::FileEntry& file) const {
  if (m_state->donor == nullptr || !m_state->blob_of)
    return nullptr;
  const auto* theirs = m_state->donor->cached(file);
  if (theirs == nullptr || !*theirs || !(*theirs)->blob)
    return nullptr;
  const auto mine = m_state->blob_of(file);
  return mine && *mine == *(*theirs)->blob ? theirs : nullptr;
}

const Result<repo::Content>& ParsedFileCache::content(const repo::FileEntry& file) const {
  auto& e = entry(file);
  std::call_once(e.read_once, [&] {
    if ((e.borrowed = same_blob_in_donor(file)) == nullptr)
      e.content = m_state->read(file);
    e.has_content.store(true, std::memory_order_release);
  });
  return e.borrowed != nullptr ? *e.borrowed : e.content;
}

const Result<repo::Content>* ParsedFileCache::cached(const repo::FileEntry& file) const {
  std::lock_guard lock(m_state->mutex);
  const auto it = m_state->entries.find(file.path);
  if (it == m_state->entries.end() || !it->second->has_content.load(std::memory_order_acquire))
    return nullptr;
  return it->second->borrowed != nullptr ? it->second->borrowed : &it->second->content;
}

std::string_view ParsedFileCache::operator()(const repo::FileEntry& file) const {
  const auto& read = content(file);
  if (!read)
    return {};
  return std::string_view(read->bytes).substr(0, m_state->text_cap);
}

void ParsedFileCache::reuse_from(const ParsedFileCache* donor, BlobOf blob_of) {
  m_state->donor = donor == this ? nullptr : donor;
  m_state->blob_of = std::move(blob_of);
}

void ParsedFileCache::take_yaml_from(std::shared_ptr<PrefetchedYaml> parsed) {
  m_state->prefetched = std::move(parsed);
}

bool ParsedFileCache::same_as_donor(const repo::FileEntry& file) const {
  if (m_state->donor == nullptr)
    return false;
  auto& e = entry(file);
  std::call_once(e.same_once, [&] {
    const auto* theirs = m_state->donor->cached(file);
    if (theirs == nullptr || !*theirs)
      return;
    const auto& mine = content(file); // the donor's own, when the blob is the same
    e.same_as_donor = mine && (&mine == theirs ||
                               (mine->truncated == (*theirs)->truncated && mine->bytes == (*theirs)->bytes));
  });
  return e.same_as_donor;
}

const PackageJson& ParsedFileCache::package_json(const repo::FileEntry& file) const {
  if (same_as_donor(file))
    return m_state->donor->package_json(file);
  auto& e = entry(file);
  std::call_once(e.package_once,
                 [&] { e.package = std::make_unique<PackageJson>(parse_package_json((*this)(file))); });
  return *e.package;
}

const std::optional<yaml::Node>& ParsedFileCache::json(const repo::FileEntry& file) const {
  if (same_as_donor(file))
    return m_state->donor->json(file);
  auto& e = entry(file);
  std::call_once(e.json_once, [&] {
    e.json = parse_json_tree((*this)(file));
    e.json_parsed = true;
  });
  return e.json;
}

const Result<yaml::Document>& ParsedFileCache::yaml(const repo::FileEntry& file) const {
  if (same_as_donor(file))
    return m_state->donor->yaml(file);
  auto& e = entry(file);
  std::call_once(e.yaml_once, [&] {
    const auto text = (*this)(file);
    if (m_state->prefetched)
      for (auto& item : m_state->prefetched->m_items)
        if (item->path == e.path && item->text == text && !item->taken.exchange(true)) {
          e.yaml = std::move(item->parsed);
          return;
        }
    e.yaml = yaml::load(text, e.path);
  });
  return e.yaml;
}

const Result<yaml::Node>& ParsedFileCache::toml(const repo::FileEntry& file) const {
  if (same_as_donor(file))
    return m_state->donor->toml(file);
  auto& e = entry(file);
  std::call_once(e.toml_once, [&] {
    e.toml = toml::load((*this)(file), e.path);
    e.toml_parsed = true;
  });
  return e.toml;
}

std::vector<std::string> ParsedFileCache::parse_failures() const {
  std::vector<std::string> out;
  const std::lock_guard lock(m_state->mutex);
  for (const auto& [path, e] : m_state->entries) {
    if (!e->has_content || e->borrowed != nullptr || !e->content || e->content->bytes.empty())
      continue; // unreadable or empty: said where it is read, and nothing to parse; or the donor's
    if (e->package && !e->package->valid)
      out.push_back(fmt::format("{}: invalid JSON: read as far as it parses", path));
    else if (e->json_parsed && !e->json)
      out.push_back(fmt::format("{}: not read: invalid JSON (or nested too deep)", path));
    if (e->toml_parsed && !e->toml)
      out.push_back(fmt::format("{}:{}: not read: invalid TOML: {}", path, std::max(e->toml.error().line, 1),
                                e->toml.error().message));
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace tacit::facts
