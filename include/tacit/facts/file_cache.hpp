#pragma once
// The per-run cache of file contents and of their parses. In one run a file is read once and parsed once per
// format, however many readers ask: eight extractors read the root package.json, the documents and the fact
// extractors read the same docs, and the suppression pass reads them once more. The context-building step
// owns the cache and hands it to the extractors (as their FileReader) and to the suppression pass.
//
// Safe to use from several threads at once: each entry is filled once (std::call_once) while the other
// threads that want it wait; the content and the parses stay in place until the cache is destroyed.

#include <tacit/repo/snapshot.hpp>
#include <tacit/util/error.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tacit::facts {

struct PackageJson;
namespace yaml {
struct Node;
struct Document;
} // namespace yaml

/// YAML files parsed ahead of the state that reads them: the base of a diff-aware run parses the CI files
/// that changed since (which the scanned state cannot lend it) while the scanned state is still being read,
/// when a core is idle. ParsedFileCache::take_yaml_from takes a parse only for a file whose text is the text
/// parsed.
class PrefetchedYaml {
public:
  PrefetchedYaml();
  PrefetchedYaml(const PrefetchedYaml&) = delete;
  PrefetchedYaml& operator=(const PrefetchedYaml&) = delete;
  ~PrefetchedYaml();

  /// Parses `text` as the YAML file `path` (yaml::load, as ParsedFileCache::yaml would).
  void add(std::string path, std::string text);

  /// How many of the parses a cache took (for TACIT_TIMING and the tests).
  std::size_t taken() const;

  /// The files worth parsing ahead: the CI configurations (a folder ends in '/': its files ending in one of
  /// yaml_extensions()), the largest YAML files a repository's base usually parses.
  static std::span<const std::string_view> ci_files();
  static std::span<const std::string_view> yaml_extensions();

private:
  friend class ParsedFileCache;
  struct Item;
  std::vector<std::unique_ptr<Item>> m_items;
};

/// Reads each file once and parses it once per format, for every reader of one run.
class ParsedFileCache {
public:
  /// Reads a file's content from the snapshot (Snapshot::read).
  using ContentReader = std::function<Result<repo::Content>(const repo::FileEntry&)>;
  /// Reads a file's text (empty when unreadable): in-memory files of the tests.
  using TextReader = std::function<std::string(const repo::FileEntry&)>;
  /// The blob whose bytes this cache's reader gives for a file, known without reading it
  /// (repo::Snapshot::stored_blob).
  using BlobOf = std::function<std::optional<repo::ObjectId>(const repo::FileEntry&)>;

  /// A cache over `read`; the extractors' text is at most `text_cap` bytes of a content.
  ParsedFileCache(ContentReader read, std::size_t text_cap);

  /// A cache over a text reader, uncapped: lets a test hand an extractor a lambda.
  template <class F>
  requires std::is_invocable_r_v<std::string, const F&, const repo::FileEntry&> &&
      (!std::same_as<std::remove_cvref_t<F>, ParsedFileCache>)ParsedFileCache(F read)
      : ParsedFileCache(FromText{}, TextReader(std::move(read))) {}

  ParsedFileCache(ParsedFileCache&&) noexcept;
  ParsedFileCache& operator=(ParsedFileCache&&) noexcept;
  ~ParsedFileCache();

  /// The content of `file` as the snapshot gives it (capped at its max_read_bytes), or why it is unreadable.
  const Result<repo::Content>& content(const repo::FileEntry& file) const;

  /// The content of `file` when something has read it already, else nullptr (nothing is read): for a pass
  /// that has a cheaper way to read the files nobody else read.
  const Result<repo::Content>* cached(const repo::FileEntry& file) const;

  /// The text the extractors read: the content's first text_cap bytes; empty when unreadable.
  std::string_view operator()(const repo::FileEntry& file) const;

  /// The text parsed as a package.json (parse_package_json).
  const PackageJson& package_json(const repo::FileEntry& file) const;

  /// The text parsed as JSON into the plain tree (parse_json_tree); nullopt when invalid.
  const std::optional<yaml::Node>& json(const repo::FileEntry& file) const;

  /// The text loaded as YAML (yaml::load with the file's path), or the parse error.
  const Result<yaml::Document>& yaml(const repo::FileEntry& file) const;

  /// The text loaded as TOML (toml::load with the file's path), or the parse error.
  const Result<yaml::Node>& toml(const repo::FileEntry& file) const;

  /// Takes the parses of `donor` (another state's cache of the same repository, which must outlive this one)
  /// for the files whose content is byte for byte the same at the same path: the base of a diff-aware run
  /// parses only what differs from the scanned state. Only what `donor` has read already is compared;
  /// nothing is read through it; parse_failures() leaves out the parses taken (the donor's own run says
  /// them). With `blob_of`, a file whose blob is the one the donor's read gave (repo::Content::blob) is the
  /// same without being read or compared: its content is the donor's. Call before any other use.
  void reuse_from(const ParsedFileCache* donor, BlobOf blob_of = {});

  /// Takes the YAML parses of `parsed` (PrefetchedYaml) for the files whose text is the one it parsed at the
  /// same path, each once. Call before any other use.
  void take_yaml_from(std::shared_ptr<PrefetchedYaml> parsed);

  /// True when `donor` (reuse_from) read `file`'s path and its content is this cache's content of `file`:
  /// the same blob (nothing read), else byte for byte (read now if it was not); false without a donor or
  /// when either read failed.
  bool same_as_donor(const repo::FileEntry& file) const;

  /// "path[:line]: ... invalid JSON|TOML ..." for each file whose JSON or TOML parse an
  /// extractor asked for and that does not parse (package.json, Cargo.toml, pyproject.toml,
  /// CMakePresets.json...), sorted; YAML parse failures are said by the CI extractors that read YAML.
  /// Call it once the extractors are done.
  std::vector<std::string> parse_failures() const;

private:
  struct State;
  struct Entry;
  struct FromText {};
  ParsedFileCache(FromText, TextReader read);
  Entry& entry(const repo::FileEntry& file) const;
  const Result<repo::Content>* same_blob_in_donor(const repo::FileEntry& file) const;
  std::unique_ptr<State> m_state;
};

} // namespace tacit::facts
