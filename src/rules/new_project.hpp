#pragma once
// Commands a doc gives for a new project the reader makes (`npm init fastify`, `npx sv create myapp`, `cargo
// new`), not for this repository: the installs and scripts that follow them in the same section are that
// project's. CTX003 and CTX006 leave them alone.

#include <tacit/doc/document.hpp>
#include <tacit/doc/knowledge.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tacit::rules {

/// True when `words` makes a new project somewhere else (`npx sv create myapp`, `npm create vite@latest`,
/// `pnpm create`, `yarn create`, `npm init svelte`, `npx create-react-app x`, `npx degit`, `cargo new`).
bool creates_project(const std::vector<std::string>& words);

/// The commands of the docs that make a new project (creates_project), by doc: made once per rule run, so
/// that asking about every command of a large tree is not a pass over all of them per command.
class NewProjectCommands {
public:
  /// `commands` must outlive this object.
  explicit NewProjectCommands(const std::vector<doc::CommandMention>& commands);

  /// True when `mention` comes after a command of `doc` that makes a new project with no heading between
  /// them: `npm init fastify`, then "Install dependencies: `npm i`", then `npm run dev`.
  bool follow(const doc::Document& doc, const doc::CommandMention& mention) const;

private:
  std::unordered_map<std::string_view, std::vector<const doc::CommandMention*>> m_by_doc;
};

} // namespace tacit::rules
