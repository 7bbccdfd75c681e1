#pragma once
// Which files agents load as context, and how each document is classified. The table of agent context
// files is derived from the loading model (doc/agents.hpp, data in src/doc/agents.cpp): add an agent or a
// file there to teach tacit a new agent.

#include <tacit/doc/agents.hpp>
#include <tacit/doc/document.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace tacit::doc {

/// How far an agent context file reaches.
enum class ContextScope {
  repository,  ///< at the repository root it applies to the whole repository
  directory,   ///< applies to the directory it lives in (at the root: the whole repository)
  path_scoped, ///< applies to the paths its front matter names (e.g. .github/instructions/*.instructions.md)
  personal,    ///< a private, usually gitignored file (CLAUDE.local.md): never the team's context
  opt_in,      ///< read only when the agent is configured to (Aider's CONVENTIONS.md)
};

/// One row of the agent context file table.
struct ContextFileSpec {
  std::string_view pattern; ///< glob over the repository-relative path (see util::glob_match)
  std::string_view agents;  ///< which agents read it
  ContextScope scope;
  int import_hops = 0; ///< the most `@path` import hops an agent that loads it follows (0: none)
};

/// The table of agent context files, most specific pattern first.
std::span<const ContextFileSpec> context_file_specs();

/// The row that `path` matches, if it is an agent context file.
const ContextFileSpec* match_context_file(std::string_view path);

/// True when the agent context file at `path` applies to the whole repository. A rule file that its front
/// matter scopes (.cursor/rules/*.mdc, .github/instructions/*.instructions.md, .claude/rules/*.md...)
/// does only when it applies always (`alwaysApply: true`), to every file (`globs: "**"`), or, for all but
/// Copilot's path-specific files, when it has no front matter (a legacy rule, loaded always): a rule for
/// `*.js,*.css`, or one the agent reads when it finds its description relevant, is not the project's
/// context, and what it lacks is not missing from the project.
bool is_repository_wide_context(std::string_view path, std::string_view front_matter = {});

/// The activation that the front matter of the rule file at `path` states, read as the agent that loads it
/// reads it (doc::read_activation); nullopt for a file that is no such rule file.
std::optional<RuleActivation> front_matter_activation(std::string_view path, std::string_view front_matter);

/// Classification of a tracked file as a document, or nullopt when it is not one (code, config, license,
/// changelog...).
struct DocClass {
  DocKind kind;
  DocFormat format;
  std::string_view agents;
};
std::optional<DocClass> classify_document(std::string_view path);

/// True for a document written for the project's users rather than its contributors, by its path (a
/// tutorial, user guide, cookbook or how-to folder) or its title ("Tutorial", "User Guide", "Testing Flask
/// Applications", "Testing your app"): a tutorial that shows how to test an application built with the
/// library says nothing of how to run this repository's tests. Context files, contributing docs, root docs
/// and any doc whose name or title speaks of contributing or development are never user-facing.
bool is_user_facing(std::string_view path, DocKind kind, std::string_view title);

/// True for documents that rules read structurally, so that they are parsed with tree-sitter: agent
/// context files, and the README, CONTRIBUTING and ARCHITECTURE docs at the root, in docs/ or in .github/.
/// Other docs are scanned as text (code blocks, inline code, links), which is ~100x cheaper.
bool is_structural(std::string_view path, DocKind kind);

/// True for the kinds of documents whose prose rules read (their text is kept).
bool is_key_kind(DocKind kind);

std::string_view to_string(DocKind kind);

} // namespace tacit::doc
