// Tests for find_imports (doc/imports): `@path` memory imports of CLAUDE.md / GEMINI.md, and the many
// `@` that are not imports (emails, handles, npm scopes, code).

#include <tacit/doc/document.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace tacit::doc;

namespace {

// Fills code blocks the way the engine does for a Markdown file, then finds the imports.
Document imports_of(std::string_view content, bool structural = false) {
  Document doc;
  doc.path = "CLAUDE.md";
  doc.kind = DocKind::agent_context;
  if (structural)
    parse_markdown(content, doc);
  else
    scan_text(content, doc);
  doc.imports.clear();
  find_imports(content, doc);
  return doc;
}

std::vector<std::string> targets(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& import : doc.imports)
    out.push_back(import.target);
  return out;
}

using Targets = std::vector<std::string>;

} // namespace

TEST_CASE("find_imports: a line that is only an import") {
  const auto doc = imports_of("@AGENTS.md\n");
  REQUIRE(doc.imports.size() == 1);
  CHECK(doc.imports[0].target == "AGENTS.md");
  CHECK(doc.imports[0].line == 1);
  CHECK(doc.imports[0].column == 1);
}

TEST_CASE("find_imports: paths with directories, ./ and ../, home") {
  const auto doc = imports_of("# Memory\n"
                              "\n"
                              "See @docs/testing.md for the tests.\n"
                              "@./local/notes.md\n"
                              "  @../shared/style.md\n"
                              "- @~/.claude/my-project.md\n");
  CHECK(targets(doc) ==
        Targets{"docs/testing.md", "./local/notes.md", "../shared/style.md", "~/.claude/my-project.md"});
  REQUIRE(doc.imports.size() == 4);
  CHECK(doc.imports[0].line == 3);
  CHECK(doc.imports[0].column == 5);
  CHECK(doc.imports[1].line == 4);
  CHECK(doc.imports[1].column == 1);
  CHECK(doc.imports[2].line == 5);
  CHECK(doc.imports[2].column == 3);
  CHECK(doc.imports[3].column == 3);
}

TEST_CASE("find_imports: several on a line, punctuation and parentheses") {
  const auto doc = imports_of("Read @a.md, @b/c.md; and @d.md.\n"
                              "(@e.md) and [x](@f.md)\n"
                              "Finally: @g.md:\n");
  CHECK(targets(doc) == Targets{"a.md", "b/c.md", "d.md", "e.md", "f.md", "g.md"});
}

TEST_CASE("find_imports: CRLF line endings") {
  const auto doc = imports_of("# Title\r\n@AGENTS.md\r\n@docs/x.md\r\n");
  CHECK(targets(doc) == Targets{"AGENTS.md", "docs/x.md"});
  REQUIRE(doc.imports.size() == 2);
  CHECK(doc.imports[1].line == 3);
}

TEST_CASE("find_imports: emails, handles and package scopes are not imports") {
  const auto doc = imports_of("Mail dev@example.com or team@corp.io.\n"
                              "Ask @octocat or @someone-else.\n"
                              "Install @types/node and @babel/preset-env.\n"
                              "Pin node@18 and foo@1.2.3.\n"
                              "A lone @ sign, @. and @/ and @./ too.\n"
                              "Decorators: @dataclass and @Override.\n");
  CHECK(targets(doc) == Targets{});
}

TEST_CASE("find_imports: not inside code spans") {
  const auto doc = imports_of("Write `@AGENTS.md` to import it.\n"
                              "Code `x` then @real.md\n"
                              "`a` `@not.md` @yes.md\n");
  CHECK(targets(doc) == Targets{"real.md", "yes.md"});
}

TEST_CASE("find_imports: not inside double-backtick code spans") {
  // Regression: code spans are tracked by counting backticks, so inside a span opened with `` (two backticks,
  // an even count) the line looks outside any span and the import is taken (parse_markdown itself reports the
  // span's content "@AGENTS.md" as inline code).
  const auto doc = imports_of("Write `` @AGENTS.md `` to import it.\n", true);
  CHECK(targets(doc) == Targets{});
}

TEST_CASE("find_imports: `` right before the @ hides it") {
  CHECK(targets(imports_of("Write ``@AGENTS.md`` to import it.\n")) == Targets{});
}

TEST_CASE("find_imports: not inside fenced code blocks, fences included") {
  const std::string content = "Intro @intro.md\n"
                              "\n"
                              "```markdown\n"
                              "@inside.md\n"
                              "@docs/inside.md\n"
                              "```\n"
                              "\n"
                              "~~~\n"
                              "@tilde.md\n"
                              "~~~\n"
                              "After @after.md\n";
  CHECK(targets(imports_of(content)) == Targets{"intro.md", "after.md"});
  CHECK(targets(imports_of(content, true)) == Targets{"intro.md", "after.md"});
}

TEST_CASE("find_imports: an unclosed fence hides everything after it") {
  const auto doc = imports_of("@before.md\n```\n@inside.md\n@also.md\n");
  CHECK(targets(doc) == Targets{"before.md"});
}

TEST_CASE("find_imports: a document without code blocks filled sees every line") {
  // find_imports relies on the caller having filled code_blocks; with none, a fenced line counts.
  Document doc;
  find_imports("```\n@x.md\n```\n", doc);
  CHECK(targets(doc) == Targets{"x.md"});
}

TEST_CASE("find_imports: empty and import-free documents") {
  CHECK(imports_of("").imports.empty());
  CHECK(imports_of("# Just a title\n\nNo imports here.\n").imports.empty());
  CHECK(imports_of("@\n@@\n@ x.md\n").imports.empty());
}

TEST_CASE("resolve_import: relative to the importing file, never outside the repository") {
  CHECK(resolve_import("CLAUDE.md", "AGENTS.md") == "AGENTS.md");
  CHECK(resolve_import("docs/agent.md", "style.md") == "docs/style.md");
  CHECK(resolve_import("docs/agent.md", "./style.md") == "docs/style.md");
  CHECK(resolve_import("docs/agent.md", "../AGENTS.md") == "AGENTS.md");
  CHECK(resolve_import("pkg/CLAUDE.md", "../../outside.md").empty());
  CHECK(resolve_import("CLAUDE.md", "~/.claude/notes.md").empty());
  CHECK(resolve_import("CLAUDE.md", "/etc/claude/shared.md").empty());
  CHECK(resolve_import("CLAUDE.md", "docs/<name>.md").empty());
}

TEST_CASE("resolve_import: Markdown escapes are not part of the path") {
  CHECK(resolve_import(".claude/docs.md", "../docs/\\_sidebar.yaml") == "docs/_sidebar.yaml");
}
