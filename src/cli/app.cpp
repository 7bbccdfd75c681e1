// CLI11 wiring. A bare word is always a subcommand; plain `tacit` means `tacit check .`.

#include "audit_command.hpp"
#include "baseline_command.hpp"
#include "commands.hpp"
#include "context_command.hpp"
#include "init_command.hpp"
#include "options.hpp"
#include "printable.hpp"

#include <tacit/cli/app.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

namespace tacit::cli {

namespace {

constexpr const char* k_footer = R"(Examples:
  tacit                              check the repository around the current directory
  tacit check path/to/repo           check another repository
  tacit check --format json -o tacit.json
  tacit check --format text --format sarif:tacit.sarif
  tacit check --select CTX,TASK102   run only the CTX rules and TASK102
  tacit check --staged               check what is being committed (only what it introduces)
  tacit check --since origin/main    report only findings new since the merge-base with main
  tacit baseline write               record today's findings; then: tacit check --baseline .tacit-baseline.json
  tacit init                         write an AGENTS.md from the repository's facts (--dry-run prints it)
  tacit rules                        list every rule
  tacit rule CTX002                  explain one rule
  tacit test rules/                  run the test cases of YAML rule files
  tacit config                       print the effective configuration (.tacit.yaml and what it extends)
  tacit context services/api         what each agent loads there: files, sizes, tokens, budgets, cuts
  tacit check --config ci.yaml       use another configuration file; --isolated uses none
  tacit check --statistics           how many findings each rule has
  tacit check --diff                 show the fixes tacit can make, as a unified diff
  tacit check --fix                  apply them to the docs and context files, then report what remains
  tacit audit --discover ~/src --format html:audit.html
                                     score every repository below ~/src (docs/audit.md)

Options of a command: tacit help check (or tacit check --help).

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it (with --fix: of those it
did not fix; with --diff: the diff is not empty), 2 usage, config or repository error.)";

constexpr std::array<std::string_view, 11> k_subcommands{
    "check", "rules", "rule", "test", "config", "baseline", "context", "init", "audit", "help", "version"};

// Splits "a,b" and repeated values into one list, upper-cased.
std::vector<std::string> flatten(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& value : values)
    for (auto part : util::split(value, ','))
      if (auto trimmed = util::trim(part); !trimmed.empty()) {
        std::string id(trimmed);
        for (auto& c : id)
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.push_back(id);
      }
  return out;
}

bool color_wanted(const std::string& when, bool to_stdout) {
  if (when == "always")
    return true;
  if (when == "never" || !to_stdout)
    return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return (!no_color || !*no_color) && isatty(STDOUT_FILENO) && !(term && std::strcmp(term, "dumb") == 0);
}

// --fail-on: error, warning (or warn), info, never, in any case; the value becomes the canonical word.
CLI::Validator level_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (auto level = canonical_level(value)) {
          value = *level;
          return {};
        }
        return fmt::format("'{}' is not a level: error, warning, info or never", value);
      },
      "LEVEL", "LEVEL");
}

bool is_format_name(std::string_view name) {
  return report::parse_format(name).has_value();
}

// --jobs: a count from 1 to 256. CLI11's Range alone calls "abc" out of range; say it is not a number.
CLI::Validator jobs_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos)
          return fmt::format("'{}' is not a number: give a count of worker threads from 1 to 256", value);
        if (value.size() > 3 || std::stoi(value) < 1 || std::stoi(value) > 256)
          return fmt::format("{} is out of range: give a count of worker threads from 1 to 256", value);
        return {};
      },
      "1-256", "JOBS");
}

// Two outputs written to one file would leave only the last: say so instead. Paths are compared as
// resolved (./out.json, out.json and a symlink to it are one file).
std::optional<std::string> shared_output_file(const std::vector<Output>& outputs) {
  namespace fs = std::filesystem;
  std::vector<std::pair<fs::path, const Output*>> seen;
  for (const auto& output : outputs) {
    if (output.file.empty())
      continue;
    std::error_code ec;
    auto path = fs::weakly_canonical(fs::absolute(output.file, ec), ec);
    if (ec)
      path = fs::path(output.file).lexically_normal();
    for (const auto& [other, first] : seen)
      if (other == path)
        return first->file == output.file
                   ? fmt::format("two outputs write to '{}' (only the last would remain): give each --format "
                                 "FMT:FILE its own file",
                                 output.file)
                   : fmt::format("two outputs write to one file, '{}' and '{}' (only the last would remain): "
                                 "give each --format FMT:FILE its own file",
                                 first->file, output.file);
    seen.emplace_back(std::move(path), &output);
  }
  return std::nullopt;
}

} // namespace

int fail(const std::string& message) {
  fmt::print(stderr, "tacit: error: {}\n", printable(message));
  return k_exit_error;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty())
    args.emplace_back("check");
  else if (args.front().starts_with('-') && args.front() != "-h" && args.front() != "--help" &&
           args.front() != "-V" && args.front() != "--version")
    args.insert(args.begin(), "check");
  else if (!args.front().starts_with('-') &&
           std::find(k_subcommands.begin(), k_subcommands.end(), args.front()) == k_subcommands.end())
    return fail(fmt::format("unknown command '{}'{}\n  to check a path, run: tacit check {}\n  commands: {} "
                            "(see tacit help)",
                            args.front(),
                            did_you_mean(args.front(), {k_subcommands.begin(), k_subcommands.end()}),
                            args.front(), fmt::join(k_subcommands, ", ")));

  CLI::App app{
      "tacit: a linter for repository context. It finds the knowledge an AI agent (or a new engineer)\n"
      "needs that lives only in people's heads, and says what to write down, and where.",
      "tacit"};
  app.footer(k_footer);
  app.set_version_flag("-V,--version", fmt::format("tacit {} ({})", k_version, k_commit));
  app.require_subcommand(1, 1);

  CheckSettings settings;
  std::vector<std::string> formats;
  std::string output_file;
  std::string fail_on = "warning";
  std::string color = "auto";
  std::vector<std::string> select;
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;

  auto* check = app.add_subcommand("check", "Check a repository (the default command)");
  check->add_option("path", settings.path, "Any path inside the repository to check (default: .)");
  check
      ->add_option(
          "--format", formats,
          fmt::format("Output format, FMT or FMT:FILE; repeatable or comma-separated for several outputs in "
                      "one run ({})",
                      fmt::join(report::format_names(), ", ")))
      ->type_name("FMT[:FILE]")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("-o,--output", output_file, "Write the (single) output to FILE instead of stdout")
      ->type_name("FILE");
  auto* fail_on_option =
      check
          ->add_option(
              "--fail-on", fail_on,
              "Lowest severity that makes the exit code 1 (default: the config's fail-on, else warning)")
          ->check(level_validator());
  // One value per occurrence (comma-separated lists, or the option repeated): `--select TASK104 path/to/repo`
  // must not read the path as a rule.
  check->add_option("--select", select, "Run only these rules: ids or category prefixes, comma-separated")
      ->type_name("IDS")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--extend-select", extend_select, "Add rules to the selection")
      ->type_name("IDS")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--ignore", ignore, "Do not run these rules: ids or category prefixes")
      ->type_name("IDS")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("-j,--jobs", settings.jobs, "Worker threads (default: number of cores)")
      ->check(jobs_validator());
  auto* staged = check->add_flag("--staged", settings.staged,
                                 "Lint the index (what is being committed); report only what it introduces "
                                 "relative to HEAD");
  check->add_option("--rev", settings.revision, "Lint a commit (any git revision) instead of the worktree")
      ->type_name("REV")
      ->excludes(staged);
  check->add_option("--color", color, "Colour: auto (a terminal without NO_COLOR), always, never")
      ->transform(CLI::IsMember({"auto", "always", "never"}, CLI::ignore_case));
  check->add_flag("-q,--quiet", settings.quiet, "Print findings only: no summary, no notes");
  check->add_flag("--statistics", settings.statistics,
                  "Text output: the count of findings per rule instead of the findings");
  auto* check_config = check
                           ->add_option("--config", settings.config_file,
                                        "Use this configuration file instead of the repository's .tacit.yaml")
                           ->type_name("FILE");
  check->add_flag("--isolated", settings.isolated, "Ignore every configuration file (.tacit.yaml, --config)")
      ->excludes(check_config);
  check
      ->add_option("--since", settings.since,
                   "Report only findings new since the merge-base of REV and the checked state")
      ->type_name("REV");
  check->add_flag("--no-cache", settings.no_cache,
                  "--since / --staged: analyse the base commit again instead of reading its findings from "
                  ".git/tacit/diff-base/");
  auto* fix_flag =
      check->add_flag("--fix", settings.fix,
                      "Apply the fixes of the findings to the docs and context files (never code or "
                      "CI), then report what remains");
  check
      ->add_flag("--diff", settings.diff,
                 "Print what --fix would change as a unified diff; exit 1 when it would "
                 "change something")
      ->excludes(fix_flag);
  check
      ->add_option("--baseline", settings.baseline,
                   "Do not report the findings recorded in FILE (see `tacit baseline write`)")
      ->type_name("FILE");

  auto* rules = app.add_subcommand(
      "rules", "List every rule: id, name, category, default severity, in the default profile");
  std::string rules_format = "text";
  rules->add_option("--format", rules_format, "text (a table) or json (docs/json-format.md)")
      ->transform(CLI::IsMember({"text", "json"}, CLI::ignore_case));
  auto* rule = app.add_subcommand("rule", "Explain one rule");
  std::string rule_id;
  rule->add_option("id", rule_id, "Rule id, e.g. CTX002")->required();
  auto* test = app.add_subcommand("test", "Run the test cases embedded in YAML rule files");
  std::vector<std::string> test_paths;
  test->add_option("paths", test_paths,
                   "Rule files or folders of rule files (default: the rule-dirs of the repository here)");
  ConfigSettings config_settings;
  auto* config =
      app.add_subcommand("config", "Print the effective configuration and where each setting comes from");
  config->add_option("path", config_settings.path, "Any path inside the repository (default: .)");
  auto* config_file = config
                          ->add_option("--config", config_settings.config_file,
                                       "Read this configuration file instead of the repository's .tacit.yaml")
                          ->type_name("FILE");
  config->add_flag("--isolated", config_settings.isolated, "Ignore every configuration file: the defaults")
      ->excludes(config_file);
  BaselineArgs baseline_args;
  add_baseline_command(app, baseline_args);
  ContextArgs context_args;
  add_context_command(app, context_args);
  InitArgs init_args;
  add_init_command(app, init_args);
  AuditArgs audit_args;
  add_audit_command(app, audit_args);
  auto* help = app.add_subcommand("help", "Print the help of tacit or of one command: tacit help check");
  std::string help_topic;
  help->add_option("command", help_topic,
                   "A command (check, rules, rule, test, config, baseline, context, init, audit)");
  auto* version = app.add_subcommand("version", "Print the version and the commit tacit was built from");

  std::vector<const char*> cargs{argv[0]};
  for (const auto& arg : args)
    cargs.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(cargs.size()), cargs.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError&) {
    return fail(unexpected_arguments_message(app));
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "tacit: error: {}\n  see: tacit --help\n", e.what());
    return k_exit_error;
  }

  if (help->parsed()) {
    // CLI11's help() shows the selected subcommand's (here: help's own); the formatter shows the one asked
    // for.
    if (help_topic.empty() || help_topic == "help") {
      fmt::print("{}", app.get_formatter()->make_help(&app, "tacit", CLI::AppFormatMode::Normal));
      return k_exit_clean;
    }
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      if (sub->get_name() == help_topic) {
        fmt::print("{}", sub->help("tacit"));
        return k_exit_clean;
      }
    return fail(fmt::format("unknown command '{}'{}; commands: {}", help_topic,
                            did_you_mean(help_topic, {k_subcommands.begin(), k_subcommands.end()}),
                            fmt::join(k_subcommands, ", ")));
  }
  if (version->parsed()) {
    fmt::print("tacit {} ({})\n", k_version, k_commit);
    return k_exit_clean;
  }
  if (rules->parsed())
    return run_rules_list(rules_format == "json");
  if (rule->parsed())
    return run_rule_docs(rule_id);
  if (test->parsed())
    return run_test(test_paths);
  if (config->parsed())
    return run_config(config_settings);
  if (baseline_args.command->parsed())
    return run_baseline(baseline_args);
  if (context_args.command->parsed())
    return run_context(context_args);
  if (init_args.command->parsed())
    return run_init(init_args);
  if (audit_args.command->parsed())
    return run_audit(audit_args);

  // check: validate the raw options into settings. Fixes are written into the worktree, so they apply to
  // what is checked only when the worktree is what is checked, whole.
  if (settings.fix || settings.diff) {
    const auto* option = settings.fix ? "--fix" : "--diff";
    const auto* mode = settings.staged              ? "--staged (the index)"
                       : !settings.revision.empty() ? "--rev (a commit)"
                       : !settings.since.empty()    ? "--since (only what is new since REV)"
                                                    : nullptr;
    if (mode)
      return fail(
          fmt::format("{} works on the worktree only, not with {}: fixes are written into the files on "
                      "disk; run `tacit check {}` without it",
                      option, mode, option));
  }
  // check: validate the raw options into settings.
  settings.select = flatten(select);
  settings.extend_select = flatten(extend_select);
  settings.ignore = flatten(ignore);
  // The selectors are validated by run_check, once the rules of the repository's rule-dirs are loaded.
  formats = split_format_list(formats, is_format_name);
  if (formats.empty())
    formats.emplace_back("text");
  for (const auto& spec : formats) {
    const auto colon = spec.find(':');
    const auto name = spec.substr(0, colon);
    const auto format = report::parse_format(name);
    if (!format)
      return fail(fmt::format("--format: unknown format '{}'; known formats: {}", name,
                              fmt::join(report::format_names(), ", ")));
    Output output{*format, colon == std::string::npos ? std::string{} : spec.substr(colon + 1)};
    if (colon != std::string::npos && output.file.empty())
      return fail(fmt::format("--format {}: the file name after ':' is empty", spec));
    settings.outputs.push_back(std::move(output));
  }
  if (!output_file.empty()) {
    if (settings.outputs.size() != 1 || !settings.outputs.front().file.empty())
      return fail("-o/--output works with a single --format FMT; use --format FMT:FILE for several outputs");
    settings.outputs.front().file = output_file;
  }
  if (auto error = shared_output_file(settings.outputs))
    return fail(*error);
  std::size_t to_stdout = 0;
  for (const auto& output : settings.outputs)
    to_stdout += output.file.empty() ? 1 : 0;
  if (to_stdout > 1)
    return fail("only one --format can write to stdout; give the others a file: --format FMT:FILE");
  settings.fail_on = fail_on == "never" ? std::nullopt : engine::parse_severity(fail_on);
  settings.fail_on_given = fail_on_option->count() > 0;
  settings.color = color_wanted(color, to_stdout == 1);
  return run_check(settings);
}

} // namespace tacit::cli
