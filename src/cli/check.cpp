// `tacit check`: snapshot -> context -> rules -> findings -> reporters -> exit code.

#include "adoption.hpp"
#include "commands.hpp"

#include <tacit/cli/app.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/registry.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/repo/snapshot.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

namespace tacit::cli {

// Writes atomically: a temporary file next to the target, then a rename.
bool write_file(const std::string& path, const std::string& content, std::string& error) {
  const auto temporary = fmt::format("{}.tmp{}", path, static_cast<unsigned long>(::getpid()));
  FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) {
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return false;
  }
  const bool ok = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  if (std::fclose(file) != 0 || !ok) {
    std::remove(temporary.c_str());
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return false;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return false;
  }
  return true;
}

int run_check(const CheckSettings& settings) {
  repo::SnapshotOptions options;
  options.path = settings.path;
  if (settings.staged)
    options.source = repo::ContentSource::index;
  if (!settings.revision.empty()) {
    options.source = repo::ContentSource::revision;
    options.revision = settings.revision;
  }
  auto snapshot = repo::Snapshot::open(options);
  if (!snapshot)
    return fail(to_string(snapshot.error()));

  std::vector<std::string> notes = (*snapshot)->notes();
  const unsigned jobs = settings.jobs ? settings.jobs : std::max(1u, std::thread::hardware_concurrency());
  auto base =
      DiffBase::start(settings, options, jobs); // --since / --staged: the base analysis runs alongside
  if (!base)
    return fail(to_string(base.error()));
  engine::AnalyzeOptions analyze_options{jobs};
  if (*base)
    analyze_options.on_config = (*base)->config_sink();
  auto context = engine::analyze(std::move(*snapshot), analyze_options, notes);
  if (!context)
    return fail(to_string(context.error()));
  if (!settings.quiet)
    for (const auto& note : notes)
      fmt::print(stderr, "tacit: note: {}\n", note);

  engine::Selection selection{settings.select, settings.ignore};
  if (!settings.extend_select.empty()) {
    if (selection.select.empty())
      selection.select.emplace_back("ALL");
    selection.select.insert(selection.select.end(), settings.extend_select.begin(),
                            settings.extend_select.end());
  }
  std::size_t rule_count = 0;
  for (const auto& rule : engine::builtin_rules())
    rule_count += engine::is_selected(selection, rule->meta().id) ? 1 : 0;
  auto findings = engine::run_rules(**context, selection, jobs);
  if (auto done = adopt(settings, base->get(), **context, selection, jobs, findings))
    return *done;

  report::RunInfo info;
  info.root = (*context)->snapshot().root().string();
  info.source = (*context)->snapshot().describe_source();
  info.files = (*context)->files().size();
  info.rules = rule_count;
  info.color = settings.color;
  for (const auto& output : settings.outputs) {
    auto run_info = info;
    run_info.color = output.file.empty() && settings.color;
    run_info.summary = !settings.quiet;
    const auto text = report::render(output.format, findings, run_info);
    if (output.file.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    } else if (std::string error; !write_file(output.file, text, error)) {
      return fail(error);
    }
  }

  if (!settings.fail_on)
    return k_exit_clean;
  for (const auto& finding : findings)
    if (finding.severity >= *settings.fail_on)
      return k_exit_findings;
  return k_exit_clean;
}

} // namespace tacit::cli
