// `tacit context` output: the load plan of agents, as text, as a table and as JSON.

#include "format_util.hpp"

#include <tacit/report/context.hpp>
#include <tacit/report/report.hpp>
#include <tacit/version.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::report {

namespace {

constexpr std::string_view k_estimate = "tokens estimated at 4 bytes per token, rounded up";

std::string label(std::string_view directory) {
  return directory.empty() ? std::string("the repository root") : fmt::format("{}/", directory);
}

bool loads_anything(const doc::AgentLoad& load) {
  return !load.always.empty() || !load.may.empty();
}

std::string cut_text(const doc::AgentLoad& load) {
  const auto& cut = *load.cut;
  std::string text = cut.read_bytes == cut.file_bytes
                         ? fmt::format("{} stops after {}", load.agent->name, cut.path)
                         : fmt::format("{} stops after {} line {} ({} of {} bytes read)", load.agent->name,
                                       cut.path, cut.last_line, cut.read_bytes, cut.file_bytes);
  if (!cut.never_read.empty())
    text += fmt::format("; {} {} never read", fmt::join(cut.never_read, ", "),
                        cut.never_read.size() == 1 ? "is" : "are");
  return text;
}

void file_lines(std::string& out, const std::vector<doc::LoadedFile>& files) {
  std::size_t width = 0;
  for (const auto& file : files)
    width = std::max(width, file.path.size());
  for (const auto& file : files) {
    out += fmt::format("    {:<{}}  {:>7} B  {:>6} tok  {}", file.path, width, file.bytes, file.tokens,
                       file.how);
    if (!file.description.empty())
      out += fmt::format(": \"{}\"", file.description);
    out += '\n';
  }
}

void json_files(detail::JsonWriter& json, std::string_view name, const std::vector<doc::LoadedFile>& files) {
  json.array_member(name);
  for (const auto& file : files) {
    json.begin_object();
    json.member("path", file.path);
    if (file.content_path != file.path)
      json.member("content_path", file.content_path);
    json.member_number("bytes", static_cast<long long>(file.bytes));
    json.member_number("tokens", static_cast<long long>(file.tokens));
    json.member("how", file.how);
    json.key("chain");
    json.boolean(file.chain);
    json.array_member("globs");
    for (const auto& glob : file.globs)
      json.string(glob);
    json.end_array();
    json.member("description", file.description);
    json.end_object();
  }
  json.end_array();
}

} // namespace

std::string render_context_text(const DirectoryContext& context) {
  std::string out =
      fmt::format("What agents load in {} (sizes in bytes; {})\n", label(context.directory), k_estimate);
  std::vector<std::string_view> nothing;
  for (const auto& load : context.agents) {
    if (!loads_anything(load)) {
      nothing.push_back(load.agent->name);
      continue;
    }
    out += fmt::format("\n{} ({})\n", load.agent->name, load.agent->docs);
    if (!load.always.empty()) {
      out += "  always, in order:\n";
      file_lines(out, load.always);
    }
    out += fmt::format("  total always loaded: {} B ({} tok)\n", load.always_bytes,
                       doc::estimate_tokens(load.always_bytes));
    if (load.agent->max_chain_bytes > 0 || load.cut) {
      out += fmt::format(
          "  chain: {} B against a budget of {} B{}\n", load.chain_bytes, load.agent->max_chain_bytes,
          load.agent->budget_note.empty() ? "" : fmt::format(" ({})", load.agent->budget_note));
    }
    if (load.cut)
      out += fmt::format("  cut: {}\n", cut_text(load));
    for (const auto& over : load.over_limit)
      out += fmt::format("  over the limit: {} has {} characters, {} reads {} (the limit falls on line {})\n",
                         over.path, over.chars, load.agent->name, over.limit, over.line);
    if (!load.may.empty()) {
      out += "  may load:\n";
      file_lines(out, load.may);
    }
  }
  if (!nothing.empty())
    out += fmt::format("\nNothing here for: {}\n", fmt::join(nothing, ", "));
  return out;
}

std::string render_context_table(const std::vector<DirectoryContext>& contexts) {
  struct Row {
    std::string directory, agent, always, tokens, budget, cut;
  };
  std::vector<Row> rows{{"directory", "agent", "always B", "tokens", "budget B", "cut"}};
  for (const auto& context : contexts)
    for (const auto& load : context.agents)
      if (!load.always.empty())
        rows.push_back({context.directory.empty() ? "." : context.directory, std::string(load.agent->name),
                        std::to_string(load.always_bytes),
                        std::to_string(doc::estimate_tokens(load.always_bytes)),
                        load.agent->max_chain_bytes ? std::to_string(load.agent->max_chain_bytes) : "-",
                        load.cut ? fmt::format("{}:{}", load.cut->path, load.cut->last_line) : "-"});
  std::array<std::size_t, 5> width{};
  for (const auto& row : rows) {
    width[0] = std::max(width[0], row.directory.size());
    width[1] = std::max(width[1], row.agent.size());
    width[2] = std::max(width[2], row.always.size());
    width[3] = std::max(width[3], row.tokens.size());
    width[4] = std::max(width[4], row.budget.size());
  }
  std::string out =
      fmt::format("What agents load always, per directory with its own context file ({})\n", k_estimate);
  for (const auto& row : rows)
    out += fmt::format("{:<{}}  {:<{}}  {:>{}}  {:>{}}  {:>{}}  {}\n", row.directory, width[0], row.agent,
                       width[1], row.always, width[2], row.tokens, width[3], row.budget, width[4], row.cut);
  return out;
}

std::string render_context_json(const std::vector<DirectoryContext>& contexts) {
  detail::JsonWriter json;
  json.begin_object();
  json.member_number("schema_version", k_json_schema_version);
  json.object_member("tool");
  json.member("name", "tacit");
  json.member("version", k_version);
  json.end_object();
  json.member("token_estimate", k_estimate);
  json.array_member("directories");
  for (const auto& context : contexts) {
    json.begin_object();
    json.member("directory", context.directory);
    json.array_member("agents");
    for (const auto& load : context.agents) {
      json.begin_object();
      json.member("key", load.agent->key);
      json.member("name", load.agent->name);
      json.member("docs", load.agent->docs);
      json_files(json, "always", load.always);
      json_files(json, "may_load", load.may);
      json.member_number("always_bytes", static_cast<long long>(load.always_bytes));
      json.member_number("always_tokens", static_cast<long long>(doc::estimate_tokens(load.always_bytes)));
      json.member_number("chain_bytes", static_cast<long long>(load.chain_bytes));
      json.member_number("chain_budget_bytes", static_cast<long long>(load.agent->max_chain_bytes));
      json.key("cut");
      if (load.cut) {
        json.begin_object();
        json.member("path", load.cut->path);
        json.member_number("read_bytes", static_cast<long long>(load.cut->read_bytes));
        json.member_number("file_bytes", static_cast<long long>(load.cut->file_bytes));
        json.member_number("last_line", load.cut->last_line);
        json.array_member("never_read");
        for (const auto& path : load.cut->never_read)
          json.string(path);
        json.end_array();
        json.end_object();
      } else {
        json.null();
      }
      json.array_member("over_file_limit");
      for (const auto& over : load.over_limit) {
        json.begin_object();
        json.member("path", over.path);
        json.member_number("chars", static_cast<long long>(over.chars));
        json.member_number("limit", static_cast<long long>(over.limit));
        json.member_number("line", over.line);
        json.end_object();
      }
      json.end_array();
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.take();
}

} // namespace tacit::report
