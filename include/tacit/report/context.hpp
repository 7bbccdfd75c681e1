#pragma once
// `tacit context`: what each agent loads for a directory (doc/context_load.hpp), as text for a person and as
// the JSON document of docs/json-format.md ("Context").

#include <tacit/doc/context_load.hpp>

#include <string>
#include <vector>

namespace tacit::report {

/// The plan of one directory.
struct DirectoryContext {
  std::string directory; ///< repository-relative; "" is the root
  std::vector<doc::AgentLoad> agents;
};

/// One directory in full: per agent, what it loads always (in order), what it may load, the totals
/// against its budget and where the budget cuts.
std::string render_context_text(const DirectoryContext& context);

/// Several directories (--all-dirs) as a table: one row per directory and agent that loads anything.
std::string render_context_table(const std::vector<DirectoryContext>& contexts);

/// The JSON document of docs/json-format.md, "Context" (one directory or several).
std::string render_context_json(const std::vector<DirectoryContext>& contexts);

} // namespace tacit::report
