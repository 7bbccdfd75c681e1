// `tacit context`: the repository is analysed as `tacit check` does (documents, configuration), then the
// load plan of each agent is printed for one directory or for every directory with its own context file.

#include "context_command.hpp"

#include "commands.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/cli/app.hpp>
#include <tacit/doc/agents.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/report/context.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <thread>

namespace tacit::cli {

namespace {

// The repository-relative directory of `path` (a file: its directory), or nullopt outside `root`.
std::optional<std::string> relative_directory(const std::filesystem::path& root, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (!ec && fs::is_regular_file(absolute, ec))
    absolute = absolute.parent_path();
  const auto canonical_root = fs::weakly_canonical(root, ec);
  const auto relative = absolute.lexically_relative(canonical_root).generic_string();
  if (relative.empty() || relative == ".")
    return std::string();
  if (relative.starts_with(".."))
    return std::nullopt;
  return relative;
}

// A budget of `.tacit.yaml` (CTX004's options `<agent>-chain-bytes`, `<agent>-file-chars`), else 0.
std::uint64_t configured(const engine::Config& config, const doc::AgentSpec& agent, std::string_view what) {
  const auto rule = config.options.find("CTX004");
  if (rule == config.options.end())
    return 0;
  const auto option = rule->second.find(fmt::format("{}-{}", agent.key, what));
  if (option == rule->second.end())
    return 0;
  try {
    return std::stoull(option->second.value);
  } catch (...) {
    return 0;
  }
}

} // namespace

void add_context_command(CLI::App& app, ContextArgs& args) {
  args.command = app.add_subcommand(
      "context", "Show what each agent loads for a directory: files in order, sizes, tokens, budgets, cuts");
  args.command->add_option("path", args.path, "A directory inside the repository (default: .)");
  args.command
      ->add_option("--agent", args.agent, "Only this agent (codex, claude, gemini, copilot, cursor...)")
      ->type_name("NAME");
  args.command->add_flag("--all-dirs", args.all_dirs,
                         "Every directory that holds its own context file, as a table");
  args.command->add_option("--format", args.format, "text or json (docs/json-format.md, \"Context\")")
      ->transform(CLI::IsMember({"text", "json"}, CLI::ignore_case));
}

int run_context(const ContextArgs& args) {
  const doc::AgentSpec* only = nullptr;
  if (!args.agent.empty()) {
    only = doc::find_agent(args.agent);
    if (!only) {
      std::vector<std::string_view> keys;
      for (const auto& agent : doc::agent_specs())
        keys.push_back(agent.key);
      return fail(
          fmt::format("--agent: unknown agent '{}'; known agents: {}", args.agent, fmt::join(keys, ", ")));
    }
  }
  repo::SnapshotOptions options;
  options.path = args.path;
  options.skip_untracked_in = engine::never_read_dir;
  auto snapshot = repo::Snapshot::open(options);
  if (!snapshot)
    return fail(to_string(snapshot.error()));
  if ((*snapshot)->files().empty())
    return fail((*snapshot)->why_empty());
  const auto directory = relative_directory((*snapshot)->root(), args.path);
  if (!directory)
    return fail(
        fmt::format("'{}' is outside the repository at '{}'", args.path, (*snapshot)->root().string()));
  std::vector<std::string> notes = (*snapshot)->notes();
  engine::AnalyzeOptions analyze_options{std::max(1u, std::thread::hardware_concurrency())};
  analyze_options.rules = catalog::builtin().metas();
  auto context = engine::analyze(std::move(*snapshot), analyze_options, notes);
  if (!context)
    return fail(to_string(context.error()));
  const auto& ctx = **context;
  doc::LoadSource source{ctx.snapshot().files(), [&](std::string_view path) { return ctx.document(path); }};
  source.head = [&](std::string_view path) -> std::string {
    const auto* file = ctx.snapshot().find(path);
    if (!file)
      return {};
    auto content = ctx.snapshot().read(*file);
    return content ? content->bytes.substr(0, 4096) : std::string();
  };
  doc::LoadOptions load_options;
  load_options.only = only;
  load_options.chain_budget = [&](const doc::AgentSpec& agent) {
    return configured(ctx.config(), agent, "chain-bytes");
  };
  load_options.file_limit = [&](const doc::AgentSpec& agent) {
    return configured(ctx.config(), agent, "file-chars");
  };
  std::vector<report::DirectoryContext> plans;
  if (args.all_dirs)
    for (auto& dir : doc::context_directories(ctx.snapshot().files()))
      plans.push_back({dir, doc::plan_context(source, dir, load_options)});
  else
    plans.push_back({*directory, doc::plan_context(source, *directory, load_options)});
  const auto text = util::iequals(args.format, "json") ? report::render_context_json(plans)
                    : args.all_dirs                    ? report::render_context_table(plans)
                                                       : report::render_context_text(plans.front());
  std::fwrite(text.data(), 1, text.size(), stdout);
  return k_exit_clean;
}

} // namespace tacit::cli
