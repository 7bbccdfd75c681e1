#pragma once
// The Context is everything rules read: the snapshot, the in-scope files, the documents, the knowledge
// index and the facts. It is built once per run (analyze) and is read-only afterwards, so rules can run
// in parallel.

#include <tacit/doc/document.hpp>
#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/config.hpp>
#include <tacit/engine/finding.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/facts/env_reads.hpp>
#include <tacit/facts/facts.hpp>
#include <tacit/facts/file_cache.hpp>
#include <tacit/facts/generated.hpp>
#include <tacit/facts/vendored.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/glob.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tacit::engine {

/// Read-only inputs of every rule.
class Context {
public:
  const repo::Snapshot& snapshot() const { return *m_snapshot; }
  const Config& config() const { return m_config; }
  /// Tracked files that are in scope (default excludes, linguist-vendored/-generated, config excludes).
  const std::vector<const repo::FileEntry*>& files() const { return m_files; }
  /// Documents in scope, sorted by path.
  const std::vector<doc::Document>& documents() const { return m_documents; }
  const doc::KnowledgeIndex& knowledge() const { return m_knowledge; }
  const facts::Facts& facts() const { return m_facts; }
  /// What CI runs (commands, actions, triggers).
  const facts::CiFacts& ci() const { return m_ci; }
  /// The files that building the context read, and their parses: later passes read them from here.
  const facts::ParsedFileCache& file_cache() const { return *m_file_cache; }
  /// Where the code in scope reads environment variables (facts::env_scan_files), when the run asked for it
  /// (AnalyzeOptions::env_reads): read in the pass that reads every file's head, one read of each file.
  /// Null otherwise (a rule then scans the code itself).
  const facts::EnvReadScan* env_reads() const { return m_env_reads.get(); }

  /// The document at `path`, or nullptr.
  const doc::Document* document(std::string_view path) const;

  /// True when `doc` is a symlink to another document of the same kind (docs/CONTRIBUTING.md ->
  /// ../CONTRIBUTING.md, CLAUDE.md -> AGENTS.md): it says what its target says, so rules that report on a
  /// doc's lines report on the target only. It is not in the knowledge index.
  bool is_alias(const doc::Document& doc) const;

  /// True when a path (file or directory) exists at the scanned source, excluded or not; in the worktree,
  /// an untracked file that is present counts too.
  bool path_exists(std::string_view path) const;

  /// True when `path` is out of scope (another project's code, excluded by default, by .gitattributes or by
  /// the config).
  bool is_excluded(std::string_view path) const;

  /// Another project's code kept in the repository (vendored folders, submodules...): out of scope, and never
  /// a path a doc must keep up to date.
  const facts::ForeignCode& foreign() const { return m_foreign; }

  /// The root agent context files that apply to the whole repository, in table order (found once, when the
  /// context is built: rules ask for them for every finding's hint).
  const std::vector<const doc::Document*>& root_context_files() const { return m_root_context_files; }

  /// Where a finding about something missing points: the root context file, else the README, else the
  /// root build file, else the repository root.
  Location repository_anchor() const;

  /// The context file an agent reads first (for hints): the root context file, else "AGENTS.md".
  std::string primary_context_file() const;

  /// The recent non-merge commits of the scanned commit, newest first, at most `limit` (see
  /// repo::Snapshot::history). Walked on first use, once per limit, safe from several rules at once; empty
  /// for a plain directory. Rules that do not ask cost nothing.
  std::span<const repo::Commit> history(std::size_t limit = 200) const;

  /// A value that several rules derive from the context (`key` names it, `make` computes it): computed once
  /// per run, on first use, safe from several rules at once (the others wait for the first).
  template <typename T, typename Make> const T& shared(std::string_view key, Make&& make) const {
    SharedEntry* entry = nullptr;
    {
      std::lock_guard lock(m_shared_mutex);
      auto& slot = m_shared[std::string(key)];
      if (!slot)
        slot = std::make_unique<SharedEntry>();
      entry = slot.get();
    }
    std::call_once(entry->once, [&] { entry->value = std::make_shared<T>(make()); });
    return *static_cast<const T*>(entry->value.get());
  }

private:
  struct SharedEntry {
    std::once_flag once;
    std::shared_ptr<void> value;
  };
  friend class ContextBuilder;
  std::unique_ptr<repo::Snapshot> m_snapshot;
  Config m_config;
  util::IgnoreRules m_excludes;
  facts::ForeignCode m_foreign;
  std::vector<const repo::FileEntry*> m_files;
  std::vector<doc::Document> m_documents;
  std::vector<std::string> m_document_notes; ///< parallel to m_documents: what loading each one noted
  doc::KnowledgeIndex m_knowledge;
  std::vector<doc::KnowledgeIndex::Span> m_knowledge_spans; ///< parallel to m_documents: each one's mentions
  std::unique_ptr<facts::GeneratedHeads> m_generated_heads; ///< AnalyzeOptions::lends: the heads scanned
  facts::Facts m_facts;
  facts::CiFacts m_ci;
  std::unique_ptr<facts::ParsedFileCache> m_file_cache;
  std::unique_ptr<facts::EnvReadScan> m_env_reads;
  std::vector<const doc::Document*> m_root_context_files;
  mutable std::mutex m_history_mutex;
  mutable std::vector<std::pair<std::size_t, std::unique_ptr<const std::vector<repo::Commit>>>> m_histories;
  mutable std::mutex m_shared_mutex;
  mutable std::map<std::string, std::unique_ptr<SharedEntry>, std::less<>> m_shared;
};

/// Options of one analysis.
struct AnalyzeOptions {
  unsigned jobs = 0; ///< worker threads; 0 = hardware concurrency
  /// The configuration to use instead of the repository's .tacit.yaml (--config FILE, --isolated; the base of
  /// a diff-aware run uses the scanned state's).
  std::optional<Config> config = {};
  /// Called with the effective configuration as soon as it is known (before documents and facts).
  std::function<void(const Config&)> on_config = {};
  /// The built-in rules that the profiles of .tacit.yaml speak of (catalog::builtin().metas()).
  std::span<const RuleMeta* const> rules = {};
  /// Another state of the same repository, analysed already (the scanned state, for the base of a diff-aware
  /// run), which must outlive the analysis: its parses of files whose content is byte for byte the same at
  /// the same path are taken instead of parsing again (ParsedFileCache::reuse_from), and so are its
  /// documents. What the donor did not read is read and parsed as usual.
  const Context* reuse = nullptr;
  /// Keep, for the base of a diff-aware run that takes this context as its `reuse`, what it can take only if
  /// kept: the heads the generated-code scan read (facts::GeneratedHeads, up to k_lent_head_bytes).
  bool lends = false;
  /// YAML parsed ahead of this analysis (a diff-aware run's base: its changed CI files, parsed while the
  /// scanned state was read); taken for a file whose text is the one parsed
  /// (ParsedFileCache::take_yaml_from).
  std::shared_ptr<facts::PrefetchedYaml> prefetched_yaml = {};
  /// Called with the effective configuration: true when the run's rules read where the code reads
  /// environment variables (RuleMeta::reads_env), so that the context reads them in its pass over the files'
  /// heads (Context::env_reads) instead of a rule reading the code again. Not for a context that takes from
  /// another (`reuse`) or lends to one (`lends`): the heads of a diff-aware run are kept apart.
  std::function<bool(const Config&)> env_reads = {};
};

/// The most bytes of file heads a context keeps for the base of a diff-aware run (AnalyzeOptions::lends).
inline constexpr std::size_t k_lent_head_bytes = 32u << 20;

/// Builds the context of a snapshot: scope, documents (parsed in parallel), knowledge, facts.
/// Reads .tacit.yaml from the snapshot's source unless options.config is set (an invalid one is an error).
Result<std::unique_ptr<Context>> analyze(std::unique_ptr<repo::Snapshot> snapshot,
                                         const AnalyzeOptions& options, std::vector<std::string>& notes);

/// The directories and patterns excluded by default besides another project's code (node_modules/,
/// testdata/, fixtures/); facts::ForeignCode is the definition of vendored code.
std::span<const std::string_view> default_excludes();

/// True when no rule reads anything in the folder `dir` (a repository path) because of its name alone: a
/// default exclude (node_modules/...) or a vendored folder (facts::is_vendored_dir). The worktree scan does
/// not look for untracked files there.
bool never_read_dir(std::string_view dir);

} // namespace tacit::engine
