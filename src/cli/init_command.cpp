// `tacit init`: analyses the repository as `tacit check` does, runs the procedure rules that an AGENTS.md
// prevents, and writes (or prints) the AGENTS.md that their facts and hints give.

#include "init_command.hpp"

#include "commands.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/cli/app.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/init/agents_md.hpp>
#include <tacit/repo/overlay.hpp>
#include <tacit/repo/snapshot.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>

namespace tacit::cli {

namespace {

// How many times at most the rules look again at the file in memory (TASK104 reports the other arguments of
// a CI command one at a time: prometheus runs `go test` with four sets of tags).
constexpr int k_rounds = 8;

} // namespace

void add_init_command(CLI::App& app, InitArgs& args) {
  args.command = app.add_subcommand(
      "init", "Write an AGENTS.md from the repository's facts (build, tests, tools, CI, releases...)");
  args.command->add_option("path", args.path, "Any path inside the repository (default: .)");
  args.command->add_flag("--dry-run", args.dry_run, "Print the AGENTS.md instead of writing it");
  args.command->add_flag("--claude", args.claude, "Also write a CLAUDE.md that imports it (@AGENTS.md)");
}

int run_init(const InitArgs& args) {
  namespace fs = std::filesystem;
  repo::SnapshotOptions options;
  options.path = args.path;
  options.skip_untracked_in = engine::never_read_dir;
  auto snapshot = repo::Snapshot::open(options);
  if (!snapshot)
    return fail(to_string(snapshot.error()));
  if ((*snapshot)->files().empty())
    return fail((*snapshot)->why_empty());
  std::vector<std::string> notes = (*snapshot)->notes();
  const unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  engine::AnalyzeOptions analyze_options{jobs};
  analyze_options.rules = catalog::builtin().metas();
  auto context = engine::analyze(std::move(*snapshot), analyze_options, notes);
  if (!context)
    return fail(to_string(context.error()));
  const auto& state = **context;
  const fs::path root = state.snapshot().root();

  // An existing context file (tracked, untracked, or on disk though ignored) is edited, never replaced.
  std::vector<std::string> existing;
  for (const auto* doc : state.root_context_files())
    existing.push_back(doc->path);
  for (const auto* name : {"AGENTS.md", "CLAUDE.md"}) {
    std::error_code ec;
    if ((std::string_view(name) == "AGENTS.md" || args.claude) &&
        fs::exists(fs::symlink_status(root / name, ec)) &&
        std::ranges::find(existing, name) == existing.end())
      existing.emplace_back(name);
  }
  if (!existing.empty() && !args.dry_run) {
    fmt::print(stderr,
               "tacit: {} already {}: init writes only where no context file exists; nothing was written\n"
               "  to add what it lacks, run: tacit check --fix\n",
               fmt::join(existing, ", "), existing.size() == 1 ? "exists" : "exist");
    return k_exit_findings;
  }

  const auto& rules = catalog::builtin();
  engine::Selection selection;
  for (const auto id : init::prevented_rules())
    selection.select.emplace_back(id);
  auto findings = engine::run_rules(state, rules.rules(), selection, jobs);
  auto text = init::render_agents_md(state, findings);
  // The repository as it would be with the file: some gaps show only once another is filled (TASK104 asks
  // for a CI command's other arguments once the command is documented), so the rules run again over the
  // file in memory, and their hints go in too, until nothing is left or nothing changes (a few rounds).
  for (int round = 0; round < k_rounds; ++round) {
    std::map<std::string, std::string> written{{"AGENTS.md", text}};
    if (args.claude)
      written.emplace("CLAUDE.md", std::string(init::claude_md()));
    std::vector<std::string> round_notes;
    auto next =
        engine::analyze(repo::with_files(state.snapshot(), std::move(written)), analyze_options, round_notes);
    if (!next)
      return fail(to_string(next.error()));
    auto left = engine::run_rules(**next, rules.rules(), selection, jobs);
    if (left.empty())
      break;
    findings.insert(findings.end(), std::make_move_iterator(left.begin()),
                    std::make_move_iterator(left.end()));
    auto updated = init::render_agents_md(state, findings);
    if (updated == text)
      break;
    text = std::move(updated);
  }
  if (args.dry_run) {
    fmt::print("{}", text);
    if (!existing.empty())
      fmt::print(stderr, "tacit: note: {} already {}: without --dry-run, init writes nothing\n",
                 fmt::join(existing, ", "), existing.size() == 1 ? "exists" : "exist");
    return k_exit_clean;
  }
  std::string error;
  if (!write_file((root / "AGENTS.md").string(), text, error))
    return fail(error);
  if (args.claude && !write_file((root / "CLAUDE.md").string(), std::string(init::claude_md()), error))
    return fail(error);
  fmt::print(stderr,
             "tacit: wrote AGENTS.md{}; review it, add what only people know, then run `tacit check`\n",
             args.claude ? " and CLAUDE.md (it imports AGENTS.md)" : "");
  return k_exit_clean;
}

} // namespace tacit::cli
