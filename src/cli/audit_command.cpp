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
#include <tacit/repo/trend.hpp>
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
#include <iterator>
#include <map>
#include <thread>

namespace tacit::cli {

namespace fs = std::filesystem;

namespace {

audit::Repository error_row(std::string name, std::string message) {
  audit::Repository row;
  row.name = std::move(name);
  row.error = std::move(message);
  return row;
}

// Analyses and scores one repository (its worktree, or the commit `revision` read from the object store);
// any failure becomes the row's error.
audit::Repository audit_one(const std::string& name, unsigned jobs, const std::string& revision = {}) {
  audit::Repository row;
  row.name = name;
  const auto failed = [&](std::string message) {
    row.error = std::move(message);
    return row;
  };
  try {
    repo::SnapshotOptions options;
    options.path = name;
    if (revision.empty()) {
      options.skip_untracked_in = engine::never_read_dir;
    } else {
      options.source = repo::ContentSource::revision;
      options.revision = revision;
    }
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

// The trend of an audited repository: `count` earlier commits scored as the worktree was. A commit that
// cannot be scored is a point with its error, and too short a history a note: neither stops the audit.
// The order the workers take the repositories in: the largest first (the size of the git index, which grows
// with the files tracked; 0 when there is none), so that a large repository does not start last and run
// alone. Rows keep the order given.
std::vector<std::size_t> largest_first(const std::vector<std::string>& names) {
  std::vector<std::pair<std::uintmax_t, std::size_t>> sized;
  sized.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(std::filesystem::path(names[i]) / ".git" / "index", ec);
    sized.emplace_back(ec ? 0 : size, i);
  }
  std::stable_sort(sized.begin(), sized.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::size_t> order;
  order.reserve(sized.size());
  for (const auto& [size, i] : sized)
    order.push_back(i);
  return order;
}

void add_trend(audit::Repository& row, std::size_t count, unsigned jobs) {
  row.history = true;
  auto commits = repo::trend_commits(row.root, count);
  if (!commits) {
    row.trend_note = commits.error().message;
    return;
  }
  row.trend_note = std::move(commits->note);
  // The commits run side by side, one worker each: an analysis does not keep two cores busy throughout.
  const auto& list = commits->commits;
  row.trend.resize(list.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (auto i = next++; i < list.size(); i = next++) {
      const auto scored = audit_one(row.root, 1, list[i].id);
      auto& point = row.trend[i];
      point.commit = list[i].id;
      point.date = repo::utc_date(list[i].time);
      point.error = scored.error;
      point.score = scored.score.score;
      point.level = scored.score.level;
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < std::min<std::size_t>(jobs, list.size()); ++t)
      pool.emplace_back(worker);
    worker();
  }
}

// Every git repository at or below `dir` (a directory holding .git), sorted; a repository's own folders are
// not searched, links are not followed. An unreadable folder is a row of its own with the error.
void discover(const std::string& dir, std::vector<std::string>& repositories,
              std::vector<audit::Repository>& errors) {
  std::vector<std::string> found;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back(error_row(dir, fmt::format("{}: --discover needs a directory", dir)));
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
      errors.push_back(error_row(current.string(), fmt::format("{}: cannot read the directory: {}",
                                                               current.string(), ec.message())));
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
  args.merge = args.command->add_subcommand(
      "merge", "Make the reports of audits run elsewhere from their json-lines files (docs/audit.md)");
  args.merge->add_option("files", args.merge_files, "json-lines files of `tacit audit --format json-lines`")
      ->type_name("FILE");
  args.command->add_option("paths", args.paths, "Paths inside the repositories to audit (default: .)");
  args.command
      ->add_option("--repos-file", args.repos_file, "Audit the repositories listed in FILE, one path a line")
      ->type_name("FILE");
  args.command->add_option("--discover", args.discover, "Audit every git repository below DIR")
      ->type_name("DIR")
      ->allow_extra_args(false);
  args.command->add_option("-j,--jobs", args.jobs, "Repositories audited at once (default: number of cores)")
      ->check(CLI::Range(1u, 256u));
  args.command
      ->add_option("--history", args.history,
                   "Also score N earlier commits, evenly spaced over the year before HEAD (a trend)")
      ->type_name("N")
      ->check(CLI::Range(1, 100));
  // The options of the reports, which `audit merge` shares.
  for (auto* command : {args.command, args.merge}) {
    command
        ->add_option("--format", args.formats,
                     fmt::format("Output format, FMT or FMT:FILE; repeatable or comma-separated ({})",
                                 fmt::join(report::audit_format_names(), ", ")))
        ->type_name("FMT[:FILE]")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command->add_option("-o,--output", args.output_file, "Write the (single) output to FILE")
        ->type_name("FILE");
    command->add_option("--min-level", args.min_level, "Exit 1 when a repository is below this level (1-5)")
        ->check(CLI::Range(1, 5));
    command->add_option("--min-score", args.min_score, "Exit 1 when a repository scores below this (0-100)")
        ->check(CLI::Range(0, 100));
  }
}

namespace {

using AuditOutputs = std::vector<std::pair<report::AuditFormat, std::string>>;

// The outputs of --format and -o; 0, or the exit code of a usage error (printed).
int audit_outputs(const AuditArgs& args, AuditOutputs& outputs) {
  auto formats = split_format_list(
      args.formats, [](std::string_view name) { return report::parse_audit_format(name).has_value(); });
  if (formats.empty())
    formats.emplace_back("text");
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
  return 0;
}

// Writes the reports, prints the error rows on stderr, and returns the exit code (docs/audit.md).
int write_audit(const AuditArgs& args, const AuditOutputs& outputs,
                const std::vector<audit::Repository>& rows) {
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

// `tacit audit merge FILE...`: the repositories of every file, in the order given; a bad line anywhere (or a
// repository found twice) is reported at its file:line and no report is written.
int run_audit_merge(const AuditArgs& args, const AuditOutputs& outputs) {
  if (args.merge_files.empty())
    return fail("audit merge: give the files to merge: tacit audit merge FILE... (the json-lines output of "
                "`tacit audit --format json-lines`)");
  std::vector<report::AuditLine> lines;
  std::vector<Error> errors;
  for (const auto& file : args.merge_files) {
    std::ifstream in(file, std::ios::binary);
    std::error_code ec;
    if (!in || std::filesystem::is_directory(file, ec)) {
      errors.push_back(Error{ErrorCode::io,
                             fmt::format("cannot read: {}", std::filesystem::is_directory(file, ec)
                                                                ? "is a directory"
                                                                : std::strerror(errno ? errno : ENOENT)),
                             file, 0, 0});
      continue;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto found = report::read_audit_json_lines(text, file, lines);
    errors.insert(errors.end(), found.begin(), found.end());
  }
  std::map<std::string, const report::AuditLine*> seen;
  for (const auto& line : lines) {
    const auto [where, inserted] = seen.emplace(line.repository.name, &line);
    if (!inserted)
      errors.push_back(
          Error{ErrorCode::parse,
                fmt::format("repository '{}' is already in {}:{}; each repository belongs to one "
                            "shard",
                            line.repository.name, where->second->path, where->second->line),
                line.path, line.line, 0});
  }
  if (!errors.empty()) {
    std::sort(errors.begin(), errors.end(), [&](const Error& a, const Error& b) {
      const auto file_index = [&](const std::string& path) {
        return std::find(args.merge_files.begin(), args.merge_files.end(), path) - args.merge_files.begin();
      };
      return std::pair(file_index(a.path), a.line) < std::pair(file_index(b.path), b.line);
    });
    for (const auto& error : errors)
      fmt::print(stderr, "tacit: error: {}\n", to_string(error));
    return fail(fmt::format("audit merge: {} error{}; no report written", errors.size(),
                            errors.size() == 1 ? "" : "s"));
  }
  if (lines.empty())
    return fail("audit merge: the files hold no repository");
  std::vector<audit::Repository> rows;
  rows.reserve(lines.size());
  for (auto& line : lines)
    rows.push_back(std::move(line.repository));
  return write_audit(args, outputs, rows);
}

} // namespace

int run_audit(const AuditArgs& args) {
  AuditOutputs outputs;
  if (const int code = audit_outputs(args, outputs); code != 0)
    return code;
  if (args.merge->parsed())
    return run_audit_merge(args, outputs);

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
    const auto order = largest_first(names);
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
      for (auto k = next++; k < order.size(); k = next++) {
        const auto i = order[k];
        rows[i] = audit_one(names[i], per_repository);
        if (args.history > 0 && rows[i].error.empty())
          add_trend(rows[i], args.history, per_repository);
      }
    };
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < std::min<std::size_t>(jobs, names.size()); ++t)
      pool.emplace_back(worker);
    worker();
  }
  for (auto& error : discover_errors)
    rows.push_back(std::move(error));

  return write_audit(args, outputs, rows);
}

} // namespace tacit::cli
