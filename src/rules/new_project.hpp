#pragma once
// Commands a doc gives for a new project the reader makes (`npm init fastify`, `npx sv create myapp`, `cargo
// new`), not for this repository: the installs and scripts that follow them in the same section are that
// project's. CTX003 and CTX006 leave them alone.

#include <tacit/doc/document.hpp>
#include <tacit/doc/knowledge.hpp>

#include <string>
#include <vector>

namespace tacit::rules {

/// True when `words` makes a new project somewhere else (`npx sv create myapp`, `npm create vite@latest`,
/// `pnpm create`, `yarn create`, `npm init svelte`, `npx create-react-app x`, `npx degit`, `cargo new`).
bool creates_project(const std::vector<std::string>& words);

/// True when `mention` comes after a command of `doc` that makes a new project (creates_project) with no
/// heading between them: `npm init fastify`, then "Install dependencies: `npm i`", then `npm run dev`.
bool after_new_project(const doc::Document& doc, const doc::CommandMention& mention,
                       const std::vector<doc::CommandMention>& commands);

} // namespace tacit::rules
