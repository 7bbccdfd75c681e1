// `tacit baseline write|prune`: a `tacit check` run that writes the baseline instead of reporting.

#include "baseline_command.hpp"

#include "commands.hpp"

namespace tacit::cli {

void add_baseline_command(CLI::App& app, BaselineArgs& args) {
  args.command = app.add_subcommand(
      "baseline", "Record the current findings so that `check --baseline FILE` reports only new ones");
  args.command->require_subcommand(0, 1);
  for (auto** sub : {&args.write, &args.prune}) {
    const bool write = sub == &args.write;
    *sub = args.command->add_subcommand(
        write ? "write" : "prune",
        write ? "Write every current finding to FILE (replaces it)"
              : "Remove from FILE the recorded findings that no longer occur (never adds any)");
    (*sub)
        ->add_option("file", args.file,
                     "Baseline file (default: .tacit-baseline.json at the repository root)")
        ->type_name("FILE");
    (*sub)
        ->add_option("-C,--path", args.path, "Any path inside the repository (default: .)")
        ->type_name("PATH");
    (*sub)
        ->add_option("-j,--jobs", args.jobs, "Worker threads (default: number of cores)")
        ->check(CLI::Range(1u, 256u));
  }
}

int run_baseline(const BaselineArgs& args) {
  if (!args.write->parsed() && !args.prune->parsed())
    return fail(
        "`tacit baseline` needs an action: `tacit baseline write [FILE]` records the current findings, "
        "`tacit baseline prune [FILE]` removes those that no longer occur");
  CheckSettings settings;
  settings.path = args.path;
  settings.jobs = args.jobs;
  settings.baseline = args.file;
  settings.baseline_action =
      args.prune->parsed() ? CheckSettings::BaselineAction::prune : CheckSettings::BaselineAction::write;
  settings.fail_on = std::nullopt;
  return run_check(settings);
}

} // namespace tacit::cli
