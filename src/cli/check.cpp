// `tacit check`: snapshot -> context -> rules -> findings -> reporters -> exit code.

#include "adoption.hpp"
#include "commands.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/cli/app.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/policy.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/engine/suppressions.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/escape.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <utility>
#include <vector>

namespace tacit::cli {

namespace {

// Writes `content` into the file `path` as it is (truncating it): for what a rename must not replace.
bool write_in_place(const std::string& path, const std::string& content, std::string& error) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return false;
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int write_errno = errno;
  if (std::fclose(file) != 0 || !written) {
    error = fmt::format("cannot write {}: {}", path, std::strerror(written ? errno : write_errno));
    return false;
  }
  return true;
}

} // namespace

// A regular file (or a new one) is written atomically: a temporary file next to it, then a rename. Anything
// else is written through, in place: a symlink (renaming over it would replace the link, not write where it
// points), a device such as /dev/stdout or /dev/null, a FIFO. A directory is an error.
bool write_file(const std::string& path, const std::string& content, std::string& error) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode)) {
    if (S_ISDIR(status.st_mode)) {
      error = fmt::format("cannot write {}: it is a directory", path);
      return false;
    }
    return write_in_place(path, content, error);
  }
  const auto temporary = fmt::format("{}.tmp{}", path, static_cast<unsigned long>(::getpid()));
  FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) {
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return false;
  }
  const bool ok = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  if (std::fclose(file) != 0 || !ok) {
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    std::remove(temporary.c_str());
    return false;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

namespace {

// An unknown id or category in --select / --extend-select / --ignore, with a "did you mean".
std::optional<std::string> validate_selectors(const CheckSettings& settings, const engine::RuleSet& rules) {
  std::vector<std::string_view> ids;
  for (const auto* meta : rules.metas())
    ids.push_back(meta->id);
  for (const auto& [list, option] :
       {std::pair{&settings.select, "--select"}, std::pair{&settings.extend_select, "--extend-select"},
        std::pair{&settings.ignore, "--ignore"}})
    for (const auto& selector : *list) {
      if (util::iequals(selector, "ALL") || std::any_of(ids.begin(), ids.end(), [&](auto id) {
            return engine::selector_matches(selector, id);
          }))
        continue;
      const auto best = util::closest_match(selector, ids);
      return fmt::format("{}: unknown rule or category '{}'{}; see `tacit rules`", option, selector,
                         best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best));
    }
  return std::nullopt;
}

// What a check builds (the contexts: every file's parse, document and fact, and the repository's handles)
// is freed by the process's exit, not one allocation at a time: that was 2-4% of a check's instructions (18M
// of moby's 786M, 29M of a diff-aware run's), all of it after the findings were written (clang's
// -disable-free does the same). Reachable from here, so LeakSanitizer does not count it as a leak. Only
// `tacit check` runs once per process; nothing else keeps.
template <class T> void keep_until_exit(std::unique_ptr<T> object) {
  static auto* const kept = new std::vector<std::shared_ptr<void>>();
  if (object)
    kept->emplace_back(std::move(object));
}

// The end of a check, on every way out: the diff base's analysis is waited for (its thread reads the scanned
// state's context), then both contexts are kept until the process exits.
struct RunEnd {
  RunEnd(Result<std::unique_ptr<DiffBase>>& base, Result<std::unique_ptr<engine::Context>>& context)
      : m_base(base), m_context(context) {}
  RunEnd(const RunEnd&) = delete;
  RunEnd& operator=(const RunEnd&) = delete;
  ~RunEnd() {
    if (m_base && *m_base) {
      (*m_base)->wait();
      keep_until_exit(std::move(*m_base));
    }
    if (m_context)
      keep_until_exit(std::move(*m_context));
  }

private:
  Result<std::unique_ptr<DiffBase>>& m_base;
  Result<std::unique_ptr<engine::Context>>& m_context;
};

} // namespace

int run_check(const CheckSettings& settings) {
  const auto given = given_config(settings.config_file, settings.isolated);
  if (!given)
    return fail(to_string(given.error()));
  repo::SnapshotOptions options;
  options.path = settings.path;
  if (settings.staged)
    options.source = repo::ContentSource::index;
  if (!settings.revision.empty()) {
    options.source = repo::ContentSource::revision;
    options.revision = settings.revision;
  }
  // The built-in rules (their shipped YAML parsed) are made on another thread while the repository opens.
  std::jthread builtin_rules([] {
    try {
      (void)catalog::builtin();
    } catch (...) {
      // Made again, and the error reported, where the rules are first used.
    }
  });
  options.skip_untracked_in = engine::never_read_dir;
  options.jobs = settings.jobs;
  // A diff-aware run's base takes what the scanned state derived from a file of the same blob.
  options.identify = settings.baseline_action == CheckSettings::BaselineAction::none &&
                     (!settings.since.empty() || settings.staged);
  // --since / --staged: the merge base is looked for while the repository opens.
  auto lookup = look_up_base(settings, options);
  auto snapshot = [&] {
    const util::ScopedTiming timing("open the repository");
    return repo::Snapshot::open(options);
  }();
  if (!snapshot)
    return fail(to_string(snapshot.error()));
  // Zero files is never "no findings": an empty repository, an empty index or a broken checkout.
  if ((*snapshot)->files().empty())
    return fail((*snapshot)->why_empty());

  std::vector<std::string> notes = (*snapshot)->notes();
  const unsigned jobs = settings.jobs ? settings.jobs : std::max(1u, std::thread::hardware_concurrency());
  auto base = DiffBase::start(settings, options, **snapshot, jobs,
                              std::move(lookup)); // --since / --staged: the base analysis runs alongside
  if (!base)
    return fail(to_string(base.error()));
  engine::AnalyzeOptions analyze_options{jobs};
  analyze_options.rules = catalog::builtin().metas();
  if (*given)
    analyze_options.config = **given;
  // A rule of the run reads the code's environment reads: the context reads them with the files' heads.
  analyze_options.env_reads = [&settings](const engine::Config& config) {
    const auto metas = catalog::builtin().metas();
    const engine::Policy policy(config, {settings.select, settings.extend_select, settings.ignore}, metas);
    return std::ranges::any_of(
        metas, [&](const engine::RuleMeta* meta) { return meta->reads_env && policy.runs(meta->id); });
  };
  if (*base) {
    analyze_options.on_config = (*base)->config_sink();
    analyze_options.lends = true;
  }
  auto context = [&] {
    const util::ScopedTiming timing("context (total)");
    return engine::analyze(std::move(*snapshot), analyze_options, notes);
  }();
  if (*base)
    (*base)->scanned_ready(context ? context->get() : nullptr);
  const RunEnd run_end{base, context};
  if (!context)
    return fail(to_string(context.error()));
  // The built-in rules, then the rules of the repository's rule-dirs.
  auto run = catalog::for_repository((*context)->snapshot(), (*context)->config());
  if (!run)
    return fail(to_string(run.error()));
  const auto& rules = run->rules();
  if (auto error = validate_selectors(settings, rules))
    return fail(*error);
  if (!settings.quiet)
    for (const auto& note : notes)
      fmt::print(stderr, "tacit: note: {}\n", util::escape_controls(note, /*keep_tab=*/true));

  // Policy: the configuration's select / ignore / severity / per-path under the command line's selection,
  // checked against every rule of the run (built-in and the repository's own).
  const auto& config = (*context)->config();
  if (auto valid = engine::validate_config(config, rules.metas()); !valid)
    return fail(to_string(valid.error()));
  const engine::Policy policy(config, {settings.select, settings.extend_select, settings.ignore},
                              rules.metas());
  const auto selection = policy.selection(rules.metas());
  std::size_t rule_count = 0;
  std::vector<const engine::RuleMeta*> selected_rules;
  for (const auto* meta : rules.metas())
    if (engine::is_selected(selection, meta->id)) {
      ++rule_count;
      selected_rules.push_back(meta);
    }
  // The rules, then inline suppressions (they see every finding of the run before the per-path policy drops
  // some, so that a suppression in a folder where the policy turns its rule off is not "unused"), then the
  // policy (META findings go through it like any other). The base of a diff-aware run goes the same way.
  engine::NotApplicable not_applicable; // the rules that did not apply to the scanned state (not the base)
  // A diff-aware run's base is evaluated for the rules of the scanned state's findings only (RuleIds).
  const Evaluate evaluate = [&](const engine::Context& state, const RuleIds& only) {
    auto* skipped = &state == context->get() ? &not_applicable : nullptr;
    std::vector<const engine::Rule*> chosen;
    if (only)
      for (const auto* rule : rules.rules())
        if (only->contains(rule->meta().id))
          chosen.push_back(rule);
    auto found = engine::suppress_findings(
        state,
        engine::run_rules(state, only ? std::span<const engine::Rule* const>(chosen) : rules.rules(),
                          selection, jobs, skipped),
        selection, rules, jobs,
        only ? engine::SuppressionReport::covered_only : engine::SuppressionReport::meta);
    policy.apply(found);
    return found;
  };
  auto findings = [&] {
    const util::ScopedTiming timing("rules and suppressions");
    return evaluate(**context, std::nullopt);
  }();
  if (auto done = adopt(settings, base->get(), **context, evaluate, findings))
    return *done;
  if (settings.fix || settings.diff)
    if (auto done = apply_fixes(settings, (*context)->snapshot().root().string(), findings))
      return *done;

  report::RunInfo info;
  info.root = (*context)->snapshot().root().string();
  info.source = (*context)->snapshot().describe_source();
  info.files = (*context)->files().size();
  info.rules = rule_count;
  info.color = settings.color;
  info.statuses = engine::rule_statuses(selected_rules, not_applicable, findings);
  info.selected_rules = std::move(selected_rules);
  bool step_summary = false;
  for (const auto& output : settings.outputs) {
    auto run_info = info;
    run_info.color = output.file.empty() && settings.color;
    run_info.summary = !settings.quiet;
    run_info.statistics = settings.statistics;
    const auto text = report::render(output.format, findings, run_info);
    if (output.format == report::Format::github && !std::exchange(step_summary, true))
      append_step_summary(findings, run_info);
    if (output.file.empty()) {
      // Findings lost to a full disk or a closed stdout make the run fail, never pass.
      errno = 0;
      const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
      if (std::fflush(stdout) != 0 || !written)
        return fail(
            fmt::format("cannot write the findings to stdout: {}", std::strerror(errno ? errno : EIO)));
    } else if (std::string error; !write_file(output.file, text, error)) {
      return fail(error);
    }
  }

  // --fail-on over the configuration's fail-on over the default (warning).
  auto fail_on = settings.fail_on;
  if (!settings.fail_on_given && config.fail_on)
    fail_on = config.fail_on->level;
  if (!fail_on)
    return k_exit_clean;
  for (const auto& finding : findings)
    if (finding.severity >= *fail_on)
      return k_exit_findings;
  return k_exit_clean;
}

} // namespace tacit::cli
