// Adoption in `tacit check`: the base analysis of --since / --staged, the baseline filter and the baseline
// command. What a filter hides is said on stderr, so a run never silently shows less than it found.

#include "adoption.hpp"

#include <tacit/cli/app.hpp>
#include <tacit/engine/baseline.hpp>
#include <tacit/engine/config.hpp>
#include <tacit/engine/suppressions.hpp>
#include <tacit/util/timing.hpp>
#include <tacit/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stop_token>
#include <system_error>
#include <utility>

namespace tacit::cli {

namespace fs = std::filesystem;

namespace {

// A baseline larger than this is not a baseline (hostile or wrong file): refuse it rather than read it all.
constexpr std::uintmax_t k_max_baseline_bytes = 64u << 20;

// This build of tacit, for the diff-base cache key: the version, the commit it was built from, and the
// executable's size and modification time (a rebuilt binary at one version is another program).
std::string program_stamp() {
  std::string stamp = fmt::format("{} {}", k_version, k_commit);
  std::error_code ec;
  const std::filesystem::path self = "/proc/self/exe";
  const auto size = std::filesystem::file_size(self, ec);
  if (!ec)
    stamp += fmt::format(" {}", size);
  const auto time = std::filesystem::last_write_time(self, ec);
  if (!ec)
    stamp += fmt::format(" {}", time.time_since_epoch().count());
  return stamp;
}
// What the cache keeps of a finding: what keep_new_findings compares.
engine::Finding identity_of(const engine::Finding& finding) {
  engine::Finding identity;
  identity.rule_id = finding.rule_id;
  identity.location = {finding.location.path, finding.location.line, finding.location.column, {}};
  identity.subject = finding.subject;
  return identity;
}

// Stale entries listed one by one at most; the rest are counted.
constexpr std::size_t k_stale_listed = 10;

void note(const CheckSettings& settings, const std::string& message) {
  if (!settings.quiet)
    fmt::print(stderr, "tacit: note: {}\n", message);
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The baseline file: as given (relative to the current directory), or the default at the repository root.
fs::path baseline_path(const CheckSettings& settings, const engine::Context& context) {
  if (!settings.baseline.empty())
    return settings.baseline;
  return context.snapshot().root() / std::string(engine::k_baseline_file_name);
}

// How a path is shown: relative to the current directory when it lies beneath it.
std::string shown(const fs::path& path) {
  std::error_code ec;
  const auto relative = fs::relative(path, fs::current_path(ec), ec);
  if (ec || relative.empty() || relative.native().starts_with(".."))
    return path.string();
  return relative.string();
}

Result<engine::Baseline> read_baseline(const fs::path& path, bool for_check) {
  const auto name = shown(path);
  const auto create =
      for_check ? fmt::format("\n  hint: record the current findings with `tacit baseline write {}`", name)
                : std::string{};
  std::error_code ec;
  if (!fs::exists(path, ec))
    return make_error(ErrorCode::usage, fmt::format("baseline file '{}' does not exist{}", name, create));
  if (!fs::is_regular_file(path, ec))
    return make_error(ErrorCode::usage, fmt::format("baseline '{}' is not a regular file", name));
  if (fs::file_size(path, ec) > k_max_baseline_bytes)
    return make_error(ErrorCode::usage, fmt::format("baseline file '{}' is larger than {} MB", name,
                                                    k_max_baseline_bytes >> 20));
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in.good() && !in.eof())
    return make_error(ErrorCode::io,
                      fmt::format("cannot read baseline file '{}': {}", name, std::strerror(errno)));
  return engine::parse_baseline(buffer.str(), name);
}

std::string describe(const engine::BaselineEntry& entry) {
  return fmt::format("{} {} '{}'{}", entry.rule, entry.path.empty() ? "(repository)" : entry.path,
                     entry.subject, entry.count > 1 ? fmt::format(" (x{})", entry.count) : "");
}

int write_baseline(const CheckSettings& settings, const engine::Context& context,
                   const std::vector<engine::Finding>& findings) {
  const auto path = baseline_path(settings, context);
  engine::Baseline baseline;
  std::vector<engine::BaselineEntry> removed;
  if (settings.baseline_action == CheckSettings::BaselineAction::prune) {
    auto old = read_baseline(path, false);
    if (!old)
      return fail(to_string(old.error()));
    baseline = engine::prune_baseline(*old, findings, removed);
  } else {
    baseline = engine::make_baseline(findings);
  }
  if (std::string error; !write_file(path.string(), engine::render_baseline(baseline), error))
    return fail(error);
  if (settings.baseline_action == CheckSettings::BaselineAction::prune) {
    std::size_t pruned = 0;
    for (const auto& entry : removed)
      pruned += entry.count;
    fmt::print(stderr, "tacit: pruned {}: removed {} that no longer {}; {} remain\n", shown(path),
               plural(pruned, "finding", "findings"), pruned == 1 ? "occurs" : "occur", baseline.total());
    for (const auto& entry : removed)
      fmt::print(stderr, "  removed: {}\n", describe(entry));
  } else {
    fmt::print(stderr, "tacit: wrote {}: {} ({}); `tacit check --baseline {}` reports only new ones\n",
               shown(path), plural(baseline.total(), "finding", "findings"),
               plural(baseline.entries.size(), "entry", "entries"), shown(path));
  }
  return k_exit_clean;
}

} // namespace

DiffBase::DiffBase(repo::SnapshotOptions options, repo::BaseCommit commit, unsigned jobs,
                   std::string selectors, bool use_cache)
    : m_options(std::move(options)), m_commit(std::move(commit)), m_jobs(jobs),
      m_selectors(std::move(selectors)), m_use_cache(use_cache),
      m_scanned_future(m_scanned.get_future().share()),
      m_context(make_error(ErrorCode::internal, "the base analysis did not run")) {}

DiffBase::~DiffBase() {
  scanned_ready(nullptr);
  wait();
}

void DiffBase::scanned_ready(const engine::Context* scanned) {
  if (std::exchange(m_scanned_set, true))
    return;
  m_scanned.set_value(scanned);
}

void DiffBase::wait() {
  if (m_thread.joinable()) {
    const util::ScopedTiming timing("diff base: waiting for its analysis");
    m_thread.join();
  }
  if (m_lookup && m_lookup->worker.joinable()) {
    m_lookup->worker.request_stop();
    m_lookup->worker.join();
  }
}

namespace {

// Where a repository keeps its diff-base cache: in its (common) git directory, where git keeps such things.
DiffCache diff_cache_in(const std::string& git_dir) {
  return DiffCache(std::filesystem::path(git_dir) / "tacit" / "diff-base");
}

} // namespace

std::optional<BaseLookup> look_up_base(const CheckSettings& settings, const repo::SnapshotOptions& scanned) {
  if (settings.baseline_action != CheckSettings::BaselineAction::none)
    return std::nullopt; // a baseline records everything
  const bool staged_default = settings.since.empty() && settings.staged;
  if (settings.since.empty() && !staged_default)
    return std::nullopt;
  auto find = [scanned, revision = staged_default ? std::string("HEAD") : settings.since, staged_default] {
    const util::ScopedTiming timing("diff base: merge base (its own thread)");
    return repo::find_merge_base(scanned, revision, staged_default);
  };
  BaseLookup lookup;
  std::promise<Result<repo::BaseCommit>> commit;
  std::promise<std::shared_ptr<facts::PrefetchedYaml>> prefetched;
  lookup.commit = commit.get_future();
  if (!staged_default)
    lookup.prefetched = prefetched.get_future();
  try {
    lookup.worker = std::jthread([find, scanned, read_ahead = !staged_default, use_cache = !settings.no_cache,
                                  commit = std::move(commit),
                                  prefetched = std::move(prefetched)](std::stop_token stop) mutable {
      std::string base;
      try {
        auto found = find();
        // Nothing to read ahead when the base's findings are likely in the cache (under this run's key or
        // another's: DiffBase::config_sink tells once the configuration is known).
        if (read_ahead && found && found->exists &&
            !(use_cache && !found->git_dir.empty() &&
              diff_cache_in(found->git_dir).knows(found->identity.tree)))
          base = found->id;
        commit.set_value(std::move(found));
      } catch (...) {
        commit.set_exception(std::current_exception());
      }
      if (!read_ahead)
        return;
      std::shared_ptr<facts::PrefetchedYaml> parsed;
      try {
        parsed = std::make_shared<facts::PrefetchedYaml>();
        const util::ScopedTiming timing("diff base: changed CI files read ahead (merge-base thread)");
        constexpr std::uint64_t k_max_bytes = 1u << 20; // as much as the fact extractors read of a file
        auto files = base.empty()
                         ? std::vector<repo::ChangedFile>{}
                         : repo::read_changed_files(scanned, base, facts::PrefetchedYaml::ci_files(),
                                                    facts::PrefetchedYaml::yaml_extensions(), k_max_bytes,
                                                    [&] { return stop.stop_requested(); });
        for (auto& file : files) {
          if (stop.stop_requested())
            break;
          parsed->add(std::move(file.path), std::move(file.bytes));
        }
      } catch (...) {
        // A head start only: what was not parsed ahead is parsed by the base analysis.
      }
      prefetched.set_value(std::move(parsed));
    });
  } catch (const std::system_error&) {
    // No thread to spare: the merge base is looked for when it is needed, and nothing is read ahead.
    lookup.commit = std::async(std::launch::deferred, find);
    lookup.prefetched = {};
  }
  return lookup;
}

Result<std::unique_ptr<DiffBase>> DiffBase::start(const CheckSettings& settings,
                                                  const repo::SnapshotOptions& scanned,
                                                  const repo::Snapshot& scanned_state, unsigned jobs,
                                                  std::optional<BaseLookup> lookup) {
  if (!lookup)
    return nullptr;
  const bool staged_default = settings.since.empty() && settings.staged;
  auto commit = [&] {
    const util::ScopedTiming timing("diff base: waiting for the merge base");
    return lookup->commit.get();
  }();
  if (!commit)
    return std::unexpected(commit.error());
  if (!commit->exists)
    return nullptr;
  repo::SnapshotOptions options = scanned;
  options.source = repo::ContentSource::revision;
  options.revision = commit->id;
  options.index = scanned_state.index_reading(); // the index is read once (SnapshotOptions::index)
  std::string selectors;
  for (const auto* list : {&settings.select, &settings.extend_select, &settings.ignore}) {
    for (const auto& item : *list)
      selectors += item + ',';
    selectors += '\n';
  }
  const bool use_cache = !settings.no_cache && !commit->git_dir.empty() && !commit->identity.tree.empty();
  auto base = std::unique_ptr<DiffBase>(
      new DiffBase(std::move(options), std::move(*commit), jobs, std::move(selectors), use_cache));
  base->m_lookup = std::move(lookup); // its thread reads ahead for the base analysis
  // --staged: the index's identity (~30 ms on moby: the index read, its trees hashed), alongside the
  // analysis.
  if (use_cache && staged_default) {
    try {
      base->m_staged = std::async(std::launch::async, [scanned] {
        const util::ScopedTiming timing("diff base: the staged tree (its own thread)");
        return repo::staged_identity(scanned);
      });
    } catch (const std::system_error&) {
      // No thread to spare: the staged state is not recorded, which only costs the next run.
    }
  }
  return base;
}

std::function<void(const engine::Config&)> DiffBase::config_sink() {
  return [this](const engine::Config& config) {
    if (m_thread.joinable() || m_cached)
      return;
    m_config = config;
    // Rules from rule-dirs live in the worktree, beyond what the key covers: such runs are never cached.
    if (m_use_cache && config.rule_dirs.empty()) {
      m_settings = fmt::format("{}\n{}\n{}", program_stamp(), m_selectors, engine::format_config(config));
      m_key = key_of(m_commit.identity);
      const util::ScopedTiming timing("diff base: read the cache");
      m_cached = cache().load(m_commit.identity.tree, m_key);
      if (m_cached)
        return;
    }
    launch(config);
  };
}

void DiffBase::launch(const engine::Config& config) {
  m_thread = std::thread([this, config, scanned_future = m_scanned_future] {
    const util::ScopedTiming total("diff base: open and analyze (its own thread)");
    auto snapshot = [&] {
      const util::ScopedTiming timing("diff base: open the base commit");
      return repo::Snapshot::open(m_options);
    }();
    if (!snapshot) {
      m_context = std::unexpected(snapshot.error());
      return;
    }
    // What did not change between the base and the scanned state is parsed once, by the scanned state:
    // its context is awaited (it is built alongside the base commit's opening) and lent to the base.
    const engine::Context* scanned = [&] {
      const util::ScopedTiming timing("diff base: waiting for the scanned state's context");
      return scanned_future.get();
    }();
    if (scanned == nullptr) {
      m_context = make_error(ErrorCode::internal, "the scanned state was not analysed");
      return;
    }
    engine::AnalyzeOptions options{m_jobs};
    options.config = config;
    options.reuse = scanned;
    if (m_lookup && m_lookup->prefetched.valid()) {
      const util::ScopedTiming timing("diff base: waiting for the CI files read ahead");
      options.prefetched_yaml = m_lookup->prefetched.get();
    }
    std::vector<std::string> notes; // the scanned state's notes are the ones that matter
    m_context = engine::analyze(std::move(*snapshot), options, notes);
  });
}

RuleIds needed_rules(const std::vector<engine::Finding>& found) {
  std::set<std::string, std::less<>> ids;
  for (const auto& finding : found) {
    if (engine::is_suppression_finding(finding.rule_id))
      return std::nullopt;
    ids.insert(finding.rule_id);
  }
  return ids;
}

namespace {

// True when a record holds the base's findings of every rule in `needed`.
bool record_covers(const BaseFindings& record, const RuleIds& needed) {
  if (!record.rules)
    return true;
  if (!needed)
    return false;
  return std::ranges::all_of(
      *needed, [&](const std::string& id) { return std::ranges::binary_search(*record.rules, id); });
}

} // namespace

Result<std::vector<engine::Finding>> DiffBase::findings(const Evaluate& evaluate, const RuleIds& needed) {
  // A record made for other rules: the base is analysed now (after the scanned state, not alongside it),
  // and the record grows by the rules it lacked.
  std::optional<BaseFindings> partial;
  if (m_cached) {
    if (record_covers(*m_cached, needed))
      return m_cached->findings;
    partial = std::exchange(m_cached, std::nullopt);
    if (!m_thread.joinable() && m_config)
      launch(*m_config);
  }
  wait();
  if (!m_context) {
    auto error = m_context.error();
    error.message = fmt::format("cannot analyse the base commit {}: {}", m_commit.short_id, error.message);
    return std::unexpected(error);
  }
  auto found = evaluate(**m_context, needed);
  if (!m_key.empty()) {
    BaseFindings record{(*m_context)->repository_anchor(), {}, {}};
    record.findings.reserve(found.size());
    for (const auto& finding : found)
      record.findings.push_back(identity_of(finding));
    if (needed) {
      std::set<std::string, std::less<>> rules = *needed;
      const auto& at = partial ? partial->anchor : record.anchor;
      if (partial && partial->rules && at.path == record.anchor.path && at.line == record.anchor.line &&
          at.column == record.anchor.column) {
        for (auto& finding : partial->findings) // what the record knew of the rules not evaluated now
          if (!needed->contains(finding.rule_id))
            record.findings.push_back(std::move(finding));
        rules.insert(partial->rules->begin(), partial->rules->end());
      }
      record.rules.emplace(rules.begin(), rules.end());
    }
    (void)cache().store(m_commit.identity.tree, m_key, record); // a read-only git directory costs a rerun
  }
  return found;
}

void DiffBase::record_scanned(const std::vector<engine::Finding>& found, const engine::Location& anchor) {
  if (!m_staged.valid())
    return;
  const auto staged = m_staged.get();
  if (!staged || m_settings.empty())
    return;
  const auto key = key_of(*staged);
  const auto store = cache();
  if (store.has(staged->tree, key))
    return;
  BaseFindings record{anchor, {}, {}};
  record.findings.reserve(found.size());
  for (const auto& finding : found)
    record.findings.push_back(identity_of(finding));
  (void)store.store(staged->tree, key, record);
}

std::string DiffBase::key_of(const repo::StateIdentity& state) const {
  return cache_key(fmt::format("{}\n{}\n{}", m_settings, state.tree, state.parent));
}

engine::Location DiffBase::anchor() const {
  if (m_cached)
    return m_cached->anchor;
  return m_context ? (*m_context)->repository_anchor() : engine::Location{};
}

DiffCache DiffBase::cache() const {
  return diff_cache_in(m_commit.git_dir);
}

std::optional<int> adopt(const CheckSettings& settings, DiffBase* base, const engine::Context& context,
                         const Evaluate& evaluate, std::vector<engine::Finding>& findings) {
  if (settings.baseline_action != CheckSettings::BaselineAction::none)
    return write_baseline(settings, context, findings);
  if (base != nullptr) // what the rules found, before the baseline hides any
    base->record_scanned(findings, context.repository_anchor());

  if (!settings.baseline.empty()) {
    const auto path = baseline_path(settings, context);
    auto baseline = read_baseline(path, true);
    if (!baseline)
      return fail(to_string(baseline.error()));
    auto result = engine::apply_baseline(*baseline, std::move(findings));
    findings = std::move(result.findings);
    if (result.absorbed > 0)
      note(settings,
           fmt::format("baseline {} hides {}", shown(path), plural(result.absorbed, "finding", "findings")));
    if (!result.stale.empty()) {
      std::size_t stale = 0;
      for (const auto& entry : result.stale)
        stale += entry.count;
      std::string message =
          fmt::format("baseline {}: {} no longer {} (fixed?); remove {} with `tacit baseline prune {}`",
                      shown(path), plural(stale, "recorded finding", "recorded findings"),
                      stale == 1 ? "occurs" : "occur", stale == 1 ? "it" : "them", shown(path));
      for (std::size_t i = 0; i < result.stale.size() && i < k_stale_listed; ++i)
        message += fmt::format("\n  stale: {}", describe(result.stale[i]));
      if (result.stale.size() > k_stale_listed)
        message += fmt::format("\n  ... and {} more",
                               plural(result.stale.size() - k_stale_listed, "entry", "entries"));
      note(settings, message);
    }
  }

  if (base != nullptr) {
    auto at_base = base->findings(evaluate, needed_rules(findings));
    if (!at_base)
      return fail(to_string(at_base.error()));
    const std::size_t before = findings.size();
    findings =
        engine::keep_new_findings(std::move(findings), *at_base, context.repository_anchor(), base->anchor());
    const std::size_t hidden = before - findings.size();
    if (!settings.since.empty())
      note(settings,
           fmt::format("--since {}: reporting what is new since the merge-base {} ({} there {} not shown)",
                       settings.since, base->commit().short_id, plural(hidden, "finding", "findings"),
                       hidden == 1 ? "is" : "are"));
    else if (hidden > 0)
      note(settings,
           fmt::format("--staged: reporting what the staged change introduces; {} already at HEAD {} "
                       "not shown",
                       plural(hidden, "finding", "findings"), hidden == 1 ? "is" : "are"));
  }
  return std::nullopt;
}

} // namespace tacit::cli
