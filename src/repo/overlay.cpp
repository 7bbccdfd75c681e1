// A snapshot with files written over it in memory (see overlay.hpp).

#include <tacit/repo/overlay.hpp>

#include <algorithm>

namespace tacit::repo {

namespace {

class OverlaySnapshot;

// Heads of overlay files from memory, of the others from the base's own (fast) reader.
class OverlayHeadReader final : public HeadReader {
public:
  OverlayHeadReader(const std::map<std::string, std::string>& files, std::unique_ptr<HeadReader> base,
                    std::uint64_t max_bytes)
      : m_files(files), m_base(std::move(base)), m_max_bytes(max_bytes) {}

  Result<std::string_view> read(const FileEntry& file) override {
    const auto it = m_files.find(file.path);
    m_overlaid = it != m_files.end();
    if (m_overlaid)
      return std::string_view(it->second).substr(0, static_cast<std::size_t>(m_max_bytes));
    return m_base->read(file);
  }

  std::optional<ObjectId> blob() const override { return m_overlaid ? std::nullopt : m_base->blob(); }

private:
  const std::map<std::string, std::string>& m_files;
  std::unique_ptr<HeadReader> m_base;
  std::uint64_t m_max_bytes;
  bool m_overlaid = false; // the last read was of an overlay file: no blob
};

class OverlaySnapshot final : public Snapshot {
public:
  OverlaySnapshot(const Snapshot& base, std::map<std::string, std::string> files)
      : m_base(base), m_overlay(std::move(files)) {
    for (const auto& entry : base.files())
      if (!m_overlay.contains(entry.path))
        m_files.push_back(entry);
    for (const auto& [path, content] : m_overlay)
      m_files.push_back(FileEntry{path, 0100644, content.size()});
    std::ranges::sort(m_files, {}, &FileEntry::path);
  }

  const std::filesystem::path& root() const override { return m_base.root(); }
  bool is_git() const override { return m_base.is_git(); }
  ContentSource source() const override { return m_base.source(); }
  std::string describe_source() const override { return m_base.describe_source(); }
  const std::vector<FileEntry>& files() const override { return m_files; }
  std::string why_empty() const override { return m_files.empty() ? m_base.why_empty() : std::string(); }

  Result<Content> read(const FileEntry& file) const override {
    if (const auto it = m_overlay.find(file.path); it != m_overlay.end())
      return Content{it->second, false};
    return m_base.read(file);
  }

  std::unique_ptr<HeadReader> head_reader(std::uint64_t max_bytes) const override {
    return std::make_unique<OverlayHeadReader>(m_overlay, m_base.head_reader(max_bytes), max_bytes);
  }

  std::optional<ObjectId> stored_blob(const FileEntry& file) const override {
    return m_overlay.contains(file.path) ? std::nullopt : m_base.stored_blob(file);
  }

  bool is_ignored(std::string_view path) const override { return m_base.is_ignored(path); }
  bool exists_untracked(std::string_view path) const override {
    return !m_overlay.contains(std::string(path)) && m_base.exists_untracked(path);
  }
  std::vector<Commit> history(const HistoryOptions& options) const override {
    return m_base.history(options);
  }
  const std::vector<std::string>& notes() const override { return m_base.notes(); }

private:
  const Snapshot& m_base;
  std::map<std::string, std::string> m_overlay;
  std::vector<FileEntry> m_files;
};

} // namespace

std::unique_ptr<Snapshot> with_files(const Snapshot& base, std::map<std::string, std::string> files) {
  return std::make_unique<OverlaySnapshot>(base, std::move(files));
}

} // namespace tacit::repo
