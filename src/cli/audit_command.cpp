// `tacit audit`: every repository analysed as `tacit check` does, its rule statuses scored
// (tacit::audit), the reports written. Repositories run in parallel; the rows keep the order given.

#include "audit_command.hpp"

#include "commands.hpp"
#include "options.hpp"

#include <tacit/audit/audit.hpp>
#include <tacit/catalog/catalog.hpp>
#include <tacit/cli/app.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/policy.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/engine/suppressions.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/report/audit.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

namespace tacit::cli {

namespace fs = std::filesystem;

namespace {

// Analyses and scores one repository; any failure becomes the row's error.
audit::Repository audit_one(const std::string& name, unsigned jobs) {
  audit::Repository row;
  row.name = name;
  const auto failed = [&](std::string message) {
    row.error = std::move(message);
    return row;
  };
  try {
    repo::SnapshotOptions options;
    options.path = name;
    options.skip_untracked_in = engine::never_read_dir;
    auto snapshot = repo::Snapshot::open(options);
    if (!snapshot)
      return failed(to_string(snapshot.error()));
    if (!(*snapshot)->is_git())
      return failed(fmt::format("{}: not a git repository", name));
    if ((*snapshot)->files().empty())
      return failed((*snapshot)->why_empty());
    row.root = (*snapshot)->root().string();
    std::vector<std::string> notes;
    engine::AnalyzeOptions analyze_options{jobs};
    analyze_options.rules = catalog::builtin().metas();
    auto context = engine::analyze(std::move(*snapshot), analyze_options, notes);
    if (!context)
      return failed(to_string(context.error()));
    auto run = catalog::for_repository((*context)->snapshot(), (*context)->config());
    if (!run)
      return failed(to_string(run.error()));
    const auto& rules = run->rules();
    const auto& config = (*context)->config();
    if (auto valid = engine::validate_config(config, rules.metas()); !valid)
      return failed(to_string(valid.error()));
    auto weights = audit::weights_from(config);
    if (!weights)
      return failed(to_string(weights.error()));
    const engine::Policy policy(config, {}, rules.metas());
    const auto selection = policy.selection(rules.metas());
    std::vector<const engine::RuleMeta*> selected;
    for (const auto* meta : rules.metas())
      if (engine::is_selected(selection, meta->id))
        selected.push_back(meta);
    engine::NotApplicable not_applicable;
    auto findings = engine::suppress_findings(
        **context, engine::run_rules(**context, rules.rules(), selection, jobs, &not_applicable), selection,
        rules, jobs);
    policy.apply(findings);
    const auto statuses = engine::rule_statuses(selected, not_applicable, findings);
    row.present = audit::presence(**context);
    const bool errors = std::any_of(findings.begin(), findings.end(),
                                    [](const auto& f) { return f.severity == engine::Severity::error; });
    row.score = audit::score(statuses, *weights, row.present, errors);
    row.findings = std::move(findings);
  } catch (const std::exception& e) {
    return failed(fmt::format("{}: internal error: {}", name, e.what()));
  }
  return row;
}

// Every git repository at or below `dir` (a directory holding .git), sorted; a repository's own folders are
// not searched, links are not followed. An unreadable folder is a row of its own with the error.
void discover(const std::string& dir, std::vector<std::string>& repositories,
              std::vector<audit::Repository>& errors) {
  std::vector<std::string> found;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back(
        audit::Repository{dir, {}, fmt::format("{}: --discover needs a directory", dir), {}, {}, {}});
    return;
  }
  std::vector<fs::path> stack{fs::path(dir)};
  while (!stack.empty()) {
    const auto current = stack.back();
    stack.pop_back();
    if (fs::exists(current / ".git", ec)) {
      // As a path from the current directory: `--discover .` finds `api`, not `./api`.
      auto name = current.lexically_normal().generic_string();
      while (name.size() > 1 && name.ends_with('/'))
        name.pop_back();
      found.push_back(name);
      continue;
    }
    fs::directory_iterator it(current, fs::directory_options::none, ec);
    if (ec) {
      errors.push_back(
          audit::Repository{current.string(),
                            {},
                            fmt::format("{}: cannot read the directory: {}", current.string(), ec.message()),
                            {},
                            {},
                            {}});
      ec.clear();
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec)
        break;
      std::error_code type_error;
      if (it->is_directory(type_error) && !it->is_symlink(type_error) && it->path().filename() != ".git")
        stack.push_back(it->path());
    }
    ec.clear();
  }
  std::sort(found.begin(), found.end());
  repositories.insert(repositories.end(), found.begin(), found.end());
}

} // namespace

void add_audit_command(CLI::App& app, AuditArgs& args) {
  args.command = app.add_subcommand(
      "audit",
      "Score one or many repositories: 0-100, a level, a sub-score per pillar, and why (docs/audit.md)");
  args.command->add_option("paths", args.paths, "Paths inside the repositories to audit (default: .)");
  args.command
      ->add_option("--repos-file", args.repos_file, "Audit the repositories listed in FILE, one path a line")
      ->type_name("FILE");
  args.command->add_option("--discover", args.discover, "Audit every git repository below DIR")
      ->type_name("DIR")
      ->allow_extra_args(false);
  args.command
      ->add_option("--format", args.formats,
                   fmt::format("Output format, FMT or FMT:FILE; repeatable or comma-separated ({})",
                               fmt::join(report::audit_format_names(), ", ")))
      ->type_name("FMT[:FILE]")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  args.command->add_option("-o,--output", args.output_file, "Write the (single) output to FILE")
      ->type_name("FILE");
  args.command->add_option("-j,--jobs", args.jobs, "Repositories audited at once (default: number of cores)")
      ->check(CLI::Range(1u, 256u));
  args.command
      ->add_option("--min-level", args.min_level, "Exit 1 when a repository is below this level (1-5)")
      ->check(CLI::Range(1, 5));
  args.command
      ->add_option("--min-score", args.min_score, "Exit 1 when a repository scores below this (0-100)")
      ->check(CLI::Range(0, 100));
}

int run_audit(const AuditArgs& args) {
  // Outputs.
  auto formats = split_format_list(
      args.formats, [](std::string_view name) { return report::parse_audit_format(name).has_value(); });
  if (formats.empty())
    formats.emplace_back("text");
  std::vector<std::pair<report::AuditFormat, std::string>> outputs;
  for (const auto& spec : formats) {
    const auto colon = spec.find(':');
    const auto format = report::parse_audit_format(spec.substr(0, colon));
    if (!format)
      return fail(fmt::format("--format: unknown audit format '{}'; known formats: {}", spec.substr(0, colon),
                              fmt::join(report::audit_format_names(), ", ")));
    const auto file = colon == std::string::npos ? std::string{} : spec.substr(colon + 1);
    if (colon != std::string::npos && file.empty())
      return fail(fmt::format("--format {}: the file name after ':' is empty", spec));
    outputs.emplace_back(*format, file);
  }
  if (!args.output_file.empty()) {
    if (outputs.size() != 1 || !outputs.front().second.empty())
      return fail("-o/--output works with a single --format FMT; use --format FMT:FILE for several outputs");
    outputs.front().second = args.output_file;
  }
  if (std::count_if(outputs.begin(), outputs.end(), [](const auto& o) { return o.second.empty(); }) > 1)
    return fail("only one --format can write to stdout; give the others a file: --format FMT:FILE");

  // Repositories, in the order given: arguments, then the file's lines, then what --discover finds.
  std::vector<std::string> names = args.paths;
  if (!args.repos_file.empty()) {
    std::ifstream in(args.repos_file);
    if (!in)
      return fail(fmt::format("--repos-file {}: {}", args.repos_file, std::strerror(errno)));
    std::string line;
    while (std::getline(in, line)) {
      const auto path = util::trim(line);
      if (!path.empty() && !path.starts_with('#'))
        names.emplace_back(path);
    }
  }
  std::vector<audit::Repository> discover_errors;
  for (const auto& dir : args.discover)
    discover(dir, names, discover_errors);
  if (names.empty() && args.repos_file.empty() && args.discover.empty())
    names.emplace_back(".");
  if (names.empty() && discover_errors.empty())
    return fail("no repository to audit: the repositories file is empty and --discover found none");

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned jobs = args.jobs ? args.jobs : cores;
  // One repository uses every worker; several share them, one repository per worker.
  const unsigned per_repository = names.size() == 1 ? jobs : 1;
  std::vector<audit::Repository> rows(names.size());
  {
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
      for (auto i = next++; i < names.size(); i = next++)
        rows[i] = audit_one(names[i], per_repository);
    };
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < std::min<std::size_t>(jobs, names.size()); ++t)
      pool.emplace_back(worker);
    worker();
  }
  for (auto& error : discover_errors)
    rows.push_back(std::move(error));

  for (const auto& [format, file] : outputs) {
    const auto text = report::render_audit(format, rows);
    if (file.empty()) {
      errno = 0;
      const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
      if (std::fflush(stdout) != 0 || !written)
        return fail(fmt::format("cannot write the audit to stdout: {}", std::strerror(errno ? errno : EIO)));
    } else if (std::string error; !write_file(file, text, error)) {
      return fail(error);
    }
  }
  bool errors = false;
  bool below = false;
  for (const auto& row : rows) {
    if (!row.error.empty()) {
      errors = true;
      fmt::print(stderr, "tacit: error: {}\n", row.error);
      continue;
    }
    below = below || (args.min_level && row.score.level < args.min_level) ||
            (args.min_score && row.score.score < args.min_score);
  }
  return errors ? k_exit_error : below ? k_exit_findings : k_exit_clean;
}

} // namespace tacit::cli
