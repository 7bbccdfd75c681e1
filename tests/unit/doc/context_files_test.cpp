// Tests for doc/context_files: the table of agent context files, which of them apply to the whole
// repository, and how tracked files are classified as documents (kind and format) or not at all.

#include <tacit/doc/context_files.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace tacit::doc;

namespace {

// "kind/format" of a path, or "-" when it is not a document.
std::string classify(std::string_view path) {
  const auto cls = classify_document(path);
  if (!cls)
    return "-";
  std::string format;
  switch (cls->format) {
  case DocFormat::markdown:
    format = "md";
    break;
  case DocFormat::restructured_text:
    format = "rst";
    break;
  case DocFormat::asciidoc:
    format = "adoc";
    break;
  case DocFormat::plain_text:
    format = "txt";
    break;
  }
  return std::string(to_string(cls->kind)) + "/" + format;
}

std::optional<ContextScope> scope_of(std::string_view path) {
  const auto* spec = match_context_file(path);
  return spec ? std::optional<ContextScope>(spec->scope) : std::nullopt;
}

} // namespace

TEST_CASE("classify_document: agent context files") {
  for (const auto* path :
       {"AGENTS.md", "sub/AGENTS.md", "a/b/c/AGENTS.md", "CLAUDE.md", "pkg/CLAUDE.md", ".claude/CLAUDE.md",
        "GEMINI.md", "src/GEMINI.md", "CLAUDE.local.md", "sub/CLAUDE.local.md", "AGENTS.local.md",
        ".github/copilot-instructions.md", ".github/instructions/x.instructions.md",
        ".github/instructions/a/b/y.instructions.md", ".cursor/rules/style.mdc", ".cursor/rules/a/b.mdc",
        ".cursor/rules/notes.md", ".cursorrules", ".windsurfrules", ".windsurf/rules/x.md",
        ".windsurf/rules/a/y.md", ".clinerules", ".clinerules/x.md", ".clinerules/sub/y.md",
        ".junie/guidelines.md", "CONVENTIONS.md",
        // From the loading model (doc/agents): the agents added with it.
        "AGENTS.override.md", "sub/AGENTS.override.md", ".claude/rules/testing.md", "pkg/.claude/CLAUDE.md",
        ".kiro/steering/tech.md", ".amazonq/rules/style.md", ".roo/rules/01-general.md", ".roorules",
        ".continue/rules/style.md", ".augment/rules/x.md", ".augment-guidelines", ".goosehints",
        "sub/.goosehints", "WARP.md", "sub/WARP.md", ".rules", "AGENT.md",
        ".openhands/microagents/repo.md"}) {
    INFO(path);
    CHECK(classify(path) == "agent context/md");
    CHECK(match_context_file(path) != nullptr);
    CHECK_FALSE(classify_document(path)->agents.empty());
  }
}

TEST_CASE("classify_document: which agents read a file") {
  CHECK(classify_document("AGENTS.md")->agents.find("Codex") != std::string_view::npos);
  CHECK(classify_document("CLAUDE.md")->agents == "Claude Code, Zed, Augment");
  CHECK(classify_document("CLAUDE.local.md")->agents.find("personal") != std::string_view::npos);
  CHECK(classify_document(".github/copilot-instructions.md")->agents == "GitHub Copilot, Zed");
  CHECK(classify_document(".cursor/rules/a/b.mdc")->agents == "Cursor");
  CHECK(classify_document(".junie/guidelines.md")->agents == "Junie");
  CHECK(classify_document("GEMINI.md")->agents == "Gemini CLI, Zed");
  CHECK(classify_document("README.md")->agents.empty());
}

TEST_CASE("match_context_file: scopes") {
  CHECK(scope_of("AGENTS.md") == ContextScope::directory);
  CHECK(scope_of("sub/AGENTS.md") == ContextScope::directory);
  CHECK(scope_of("CLAUDE.md") == ContextScope::directory);
  CHECK(scope_of("CLAUDE.local.md") == ContextScope::personal);
  CHECK(scope_of("deep/dir/CLAUDE.local.md") == ContextScope::personal);
  CHECK(scope_of("AGENTS.local.md") == ContextScope::personal);
  CHECK(scope_of(".claude/CLAUDE.md") == ContextScope::repository);
  CHECK(scope_of(".github/copilot-instructions.md") == ContextScope::repository);
  CHECK(scope_of(".github/instructions/x.instructions.md") == ContextScope::path_scoped);
  CHECK(scope_of(".cursor/rules/a/b.mdc") == ContextScope::repository);
  CHECK(scope_of(".cursorrules") == ContextScope::repository);
  CHECK(scope_of(".clinerules") == ContextScope::repository);
  CHECK(scope_of(".clinerules/x.md") == ContextScope::repository);
  CHECK(scope_of(".windsurf/rules/x.md") == ContextScope::repository);
  CHECK(scope_of(".junie/guidelines.md") == ContextScope::repository);
  CHECK(scope_of("CONVENTIONS.md") == ContextScope::opt_in);
  CHECK(scope_of("README.md") == std::nullopt);
}

TEST_CASE("match_context_file: names and places no agent loads") {
  for (const auto* path :
       {"agents.md", "Agents.md", "claude.md", "CLAUDE_RULES.md", "AGENTS.MD", ".cursor/rules.md",
        ".cursor/rule/x.mdc", ".cursor/rules/x.txt", "sub/.cursorrules", "sub/.clinerules",
        "docs/.github/copilot-instructions.md", ".github/instructions/x.md", "x.instructions.md",
        ".windsurf/x.md", "sub/.junie/guidelines.md", "docs/CONVENTIONS.md", "AGENTS.md.bak",
        "MY_AGENTS.md"}) {
    INFO(path);
    CHECK(match_context_file(path) == nullptr);
    CHECK_FALSE(is_repository_wide_context(path));
  }
}

TEST_CASE("is_repository_wide_context") {
  for (const auto* path :
       {"AGENTS.md", "CLAUDE.md", "GEMINI.md", ".claude/CLAUDE.md", ".github/copilot-instructions.md",
        ".cursor/rules/a/b.mdc", ".cursor/rules/x.md", ".cursorrules", ".windsurfrules",
        ".windsurf/rules/x.md", ".clinerules", ".clinerules/x.md", ".junie/guidelines.md"}) {
    INFO(path);
    CHECK(is_repository_wide_context(path));
  }
  // Nested files apply to their directory; personal, path-scoped and opt-in files never count.
  for (const auto* path : {"sub/AGENTS.md", "a/b/CLAUDE.md", "pkg/GEMINI.md", "CLAUDE.local.md",
                           "AGENTS.local.md", "sub/CLAUDE.local.md", ".github/instructions/x.instructions.md",
                           "CONVENTIONS.md", "README.md", "CONTRIBUTING.md", ""}) {
    INFO(path);
    CHECK_FALSE(is_repository_wide_context(path));
  }
}

TEST_CASE("is_repository_wide_context: a rule file's front matter scopes it") {
  // Cursor: always applied, or globs over every file; not for some files, by description or manually.
  CHECK(is_repository_wide_context(".cursor/rules/a.mdc", "alwaysApply: true\n"));
  CHECK(is_repository_wide_context(".cursor/rules/a.mdc", "globs: \"**/*\"\nalwaysApply: false\n"));
  CHECK(is_repository_wide_context(".cursor/rules/a.mdc", "globs: **\n"));
  CHECK(is_repository_wide_context(".cursor/rules/a.mdc", "")); // legacy: no front matter
  CHECK_FALSE(is_repository_wide_context(".cursor/rules/a.mdc",
                                         "description: \nglobs: *.js,*.css\nalwaysApply: false\n"));
  CHECK_FALSE(is_repository_wide_context(".cursor/rules/a.mdc",
                                         "description: When adding UI\nglobs: \nalwaysApply: false\n"));
  CHECK_FALSE(is_repository_wide_context(".cursor/rules/a.md", "alwaysApply: false\n"));
  // Copilot: applyTo "**" applies everywhere; no applyTo applies nowhere.
  CHECK(is_repository_wide_context(".github/instructions/all.instructions.md", "applyTo: \"**\"\n"));
  CHECK_FALSE(
      is_repository_wide_context(".github/instructions/ts.instructions.md", "applyTo: \"src/**/*.ts\"\n"));
  CHECK_FALSE(is_repository_wide_context(".github/instructions/ts.instructions.md", ""));
  // Claude Code and Cline: `paths` scopes a rule; without it the rule is loaded always.
  CHECK(is_repository_wide_context(".claude/rules/general.md", "description: general\n"));
  CHECK_FALSE(is_repository_wide_context(".claude/rules/api.md", "paths:\n  - \"api/**\"\n"));
  CHECK_FALSE(is_repository_wide_context(".clinerules/api.md", "paths: [\"api/**\"]\n"));
  // Windsurf and Kiro: their own keys.
  CHECK(is_repository_wide_context(".windsurf/rules/a.md", "trigger: always_on\n"));
  CHECK_FALSE(is_repository_wide_context(".windsurf/rules/a.md", "trigger: glob\nglobs: *.py\n"));
  CHECK_FALSE(is_repository_wide_context(".kiro/steering/a.md", "inclusion: manual\n"));
  // A file that is no rule file keeps its path's scope whatever front matter it has.
  CHECK(is_repository_wide_context("AGENTS.md", "description: x\n"));
  CHECK(front_matter_activation("AGENTS.md", "") == std::nullopt);
  REQUIRE(front_matter_activation(".cursor/rules/a.mdc", "globs: *.js,*.css\n"));
  CHECK(front_matter_activation(".cursor/rules/a.mdc", "globs: *.js,*.css\n")->globs ==
        std::vector<std::string>{"*.js", "*.css"});
}

TEST_CASE("context_file_specs: derived from the loading model") {
  // Every row names the agents of the model that load the file; a name several agents load names them all.
  CHECK(match_context_file("AGENTS.md")->agents.find("Warp") != std::string_view::npos);
  CHECK(match_context_file("AGENTS.md")->agents.find("Cline") != std::string_view::npos);
  CHECK(match_context_file(".kiro/steering/tech.md")->agents == "Kiro");
  // Claude Code and Gemini CLI follow `@path` imports (5 hops); Codex does not.
  CHECK(match_context_file("CLAUDE.md")->import_hops == 5);
  CHECK(match_context_file("sub/GEMINI.md")->import_hops == 5);
  CHECK(match_context_file("AGENTS.override.md")->import_hops == 0);
  // On-demand files (skills, commands, prompt files) are not context files.
  for (const auto* path : {".claude/skills/x/SKILL.md", ".agents/skills/x/SKILL.md", ".claude/commands/x.md",
                           ".github/prompts/x.prompt.md", ".roo/rules-code/x.md"}) {
    INFO(path);
    CHECK(match_context_file(path) == nullptr);
  }
}

TEST_CASE("context_file_specs: the table") {
  const auto specs = context_file_specs();
  REQUIRE_FALSE(specs.empty());
  for (const auto& spec : specs) {
    INFO(spec.pattern);
    CHECK_FALSE(spec.pattern.empty());
    CHECK_FALSE(spec.agents.empty());
  }
  // The personal files come before the general patterns that would also match them.
  CHECK(match_context_file("CLAUDE.local.md")->scope == ContextScope::personal);
}

TEST_CASE("classify_document: readme, contributing, architecture") {
  CHECK(classify("README.md") == "readme/md");
  CHECK(classify("readme.md") == "readme/md");
  CHECK(classify("Readme.markdown") == "readme/md");
  CHECK(classify("README.rst") == "readme/rst");
  CHECK(classify("README.adoc") == "readme/adoc");
  CHECK(classify("README.asciidoc") == "readme/adoc");
  CHECK(classify("README.txt") == "readme/txt");
  CHECK(classify("README") == "readme/txt");
  CHECK(classify("pkg/README.md") == "readme/md");
  CHECK(classify("docs/README") == "readme/txt");
  CHECK(classify("CONTRIBUTING.md") == "contributing/md");
  CHECK(classify("CONTRIBUTING.rst") == "contributing/rst");
  CHECK(classify(".github/CONTRIBUTING.md") == "contributing/md");
  CHECK(classify("HACKING") == "contributing/txt");
  CHECK(classify("HACKING.md") == "contributing/md");
  CHECK(classify("DEVELOPMENT.md") == "contributing/md");
  CHECK(classify("docs/developing.md") == "contributing/md");
  CHECK(classify("ARCHITECTURE.md") == "architecture/md");
  CHECK(classify("docs/architecture.md") == "architecture/md");
}

TEST_CASE("classify_document: decision records") {
  CHECK(classify("docs/adr/0001-use-postgres.md") == "decision record/md");
  CHECK(classify("doc/adr/0002-x.md") == "decision record/md");
  CHECK(classify("docs/adrs/0003.md") == "decision record/md");
  CHECK(classify("docs/decisions/0004-y.md") == "decision record/md");
  CHECK(classify("docs/architecture-decisions/0005.md") == "decision record/md");
  CHECK(classify("decision-records/x.md") == "decision record/md");
  CHECK(classify("ADR-001.md") == "decision record/md");
  CHECK(classify("docs/adr_002_cache.md") == "decision record/md");
  CHECK(classify("docs/ADR/0006.rst") == "decision record/rst");
  // A README inside the ADR folder is still a readme.
  CHECK(classify("docs/adr/README.md") == "readme/md");
  CHECK(classify("docs/adrenaline.md") == "doc/md");
}

TEST_CASE("classify_document: other docs by format") {
  CHECK(classify("docs/guide.md") == "doc/md");
  CHECK(classify("docs/guide.mdx") == "doc/md");
  CHECK(classify("docs/guide.MD") == "doc/md");
  CHECK(classify("docs/guide.rst") == "doc/rst");
  CHECK(classify("docs/guide.adoc") == "doc/adoc");
  CHECK(classify("docs/guide.txt") == "doc/txt");
  CHECK(classify("doc/notes.txt") == "doc/txt");
  CHECK(classify("Documentation/process/howto.rst") == "doc/rst");
  CHECK(classify("wiki/page.txt") == "doc/txt");
  CHECK(classify("src/notes.md") == "doc/md");
  CHECK(classify("INSTALL") == "doc/txt");
  CHECK(classify("BUILDING.txt") == "doc/txt");
  CHECK(classify("CLAUDE_RULES.md") == "doc/md");
  CHECK(classify(".cursor/rules.md") == "doc/md");
  CHECK(classify("agents.md") == "doc/md");
}

TEST_CASE("classify_document: files that are not docs") {
  for (const auto* path : {"CMakeLists.txt",
                           "src/CMakeLists.txt",
                           "docs/CMakeLists.txt",
                           "requirements.txt",
                           "requirements-dev.txt",
                           "docs/requirements.txt",
                           "notes.txt",
                           "src/data.txt",
                           "CHANGELOG.md",
                           "CHANGELOG",
                           "docs/CHANGELOG.md",
                           "CHANGES.rst",
                           "HISTORY.md",
                           "NEWS",
                           "NEWS.md",
                           "LICENSE",
                           "LICENSE.md",
                           "LICENCE.txt",
                           "COPYING",
                           "NOTICE",
                           "AUTHORS",
                           "CONTRIBUTORS.md",
                           "CODE_OF_CONDUCT.md",
                           ".github/CODEOWNERS",
                           "RELEASE_NOTES.md",
                           "RELEASE-NOTES.md",
                           "PATENTS",
                           "THIRD_PARTY_NOTICES.md",
                           "Makefile",
                           "docs/Makefile",
                           "Dockerfile",
                           "main.cpp",
                           "src/app.py",
                           "package.json",
                           "docs/conf.py",
                           "docs/index.html",
                           ".gitignore",
                           "sub/.cursorrules",
                           "docs/x.md.orig",
                           ""}) {
    INFO(path);
    CHECK(classify(path) == "-");
  }
}

TEST_CASE("is_structural, is_key_kind and to_string") {
  CHECK(is_structural(".cursor/rules/a/b.mdc", DocKind::agent_context));
  CHECK(is_structural("service/AGENTS.md", DocKind::agent_context));
  CHECK(is_structural("README.md", DocKind::readme));
  CHECK(is_structural("docs/CONTRIBUTING.md", DocKind::contributing));
  CHECK(is_structural(".github/CONTRIBUTING.md", DocKind::contributing));
  CHECK(is_structural("ARCHITECTURE.md", DocKind::architecture));
  CHECK_FALSE(is_structural("pkg/api/README.md", DocKind::readme));
  CHECK_FALSE(is_structural("docs/adr/0001-x.md", DocKind::decision_record));
  CHECK_FALSE(is_structural("docs/guide.md", DocKind::other));
  CHECK(is_key_kind(DocKind::readme));
  CHECK_FALSE(is_key_kind(DocKind::decision_record));
  CHECK_FALSE(is_key_kind(DocKind::other));
  CHECK(to_string(DocKind::agent_context) == "agent context");
  CHECK(to_string(DocKind::readme) == "readme");
  CHECK(to_string(DocKind::contributing) == "contributing");
  CHECK(to_string(DocKind::architecture) == "architecture");
  CHECK(to_string(DocKind::decision_record) == "decision record");
  CHECK(to_string(DocKind::other) == "doc");
}

TEST_CASE("is_user_facing: tutorials, user guides and pages about testing the users' applications") {
  using tacit::doc::DocKind;
  using tacit::doc::is_user_facing;
  CHECK(is_user_facing("docs/testing.rst", DocKind::other, "Testing Flask Applications"));
  CHECK(is_user_facing("docs/guide/testing.md", DocKind::other, "Testing your app"));
  CHECK(is_user_facing("docs/tutorial/tests.rst", DocKind::other, "Test Coverage"));
  CHECK(is_user_facing("tutorials/basics/README.md", DocKind::readme, "Basics"));
  CHECK(is_user_facing("docs/intro.md", DocKind::other, "A Tutorial"));
  CHECK(is_user_facing("manual/index.md", DocKind::other, "User's Guide"));
  // Contributor docs, whatever folder they live in.
  CHECK_FALSE(is_user_facing("docs/testing.md", DocKind::other, "Testing"));
  CHECK_FALSE(is_user_facing("docs/testing.md", DocKind::other, "Running the test suite"));
  CHECK_FALSE(is_user_facing("docs/tutorial/development.md", DocKind::other, "Setting up"));
  CHECK_FALSE(is_user_facing("docs/tutorial/index.md", DocKind::other, "Contributing: a tutorial"));
  CHECK_FALSE(is_user_facing("docs/tutorial/CONTRIBUTING.md", DocKind::contributing, "Contributing"));
  CHECK_FALSE(is_user_facing("TUTORIAL.md", DocKind::other, "Tutorial"));
  CHECK_FALSE(is_user_facing("docs/tutorial/AGENTS.md", DocKind::agent_context, "Tutorial"));
}

TEST_CASE("is_user_facing: migration and upgrade guides move the users' code") {
  using tacit::doc::DocKind;
  using tacit::doc::is_user_facing;
  CHECK(is_user_facing("docs/migration/upgrade-to-v2.md", DocKind::other, "Upgrade notes"));
  CHECK(is_user_facing("docs/guides/moving.md", DocKind::other, "Upgrading from v1.x to v2"));
  CHECK(is_user_facing("docs/guides/moving.md", DocKind::other, "Migration guide"));
  // The maintainers' upgrades, and a code folder of database migrations.
  CHECK_FALSE(
      is_user_facing("docs/dependency-upgrades.md", DocKind::other, "Upgrading the library dependencies"));
  CHECK_FALSE(is_user_facing("app/migrations/README.md", DocKind::readme, "Migrations"));
}

TEST_CASE("is_user_facing: a release's notes, in a folder of them or named by its version") {
  using tacit::doc::DocKind;
  using tacit::doc::is_user_facing;
  CHECK(is_user_facing("changelogs/drizzle-orm/0.29.1.md", DocKind::other, "0.29.1"));
  CHECK(is_user_facing("docs/releases/v2.1.0.md", DocKind::other, "What's new"));
  CHECK(is_user_facing("changelogs/drizzle-kit/0.12.0-beta.23.md", DocKind::other, ""));
  CHECK(is_user_facing("docs/release-notes/spring.md", DocKind::other, "Spring release"));
  // Not a version: a numbered decision record, a guide about a version.
  CHECK_FALSE(is_user_facing("docs/adr/0001-use-postgres.md", DocKind::other, "Use Postgres"));
  CHECK_FALSE(is_user_facing("docs/python3.md", DocKind::other, "Python 3 support"));
}
