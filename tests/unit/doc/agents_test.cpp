// Tests for doc/agents (the loading model as data) and doc/context_load (what each agent loads for a
// directory, and where a budget cuts).

#include <tacit/doc/agents.hpp>
#include <tacit/doc/context_load.hpp>

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace tacit::doc;

namespace {

// A repository of files with sizes and documents (text, front matter, imports).
struct Repo {
  std::vector<tacit::repo::FileEntry> files;
  std::map<std::string, Document, std::less<>> docs;

  void add(std::string path, std::string text, std::string front_matter = {}) {
    files.push_back({path, 0100644, text.size()});
    Document doc;
    doc.path = path;
    doc.text = std::move(text);
    doc.front_matter = std::move(front_matter);
    docs[path] = std::move(doc);
  }
  LoadSource source() {
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return {files, [this](std::string_view path) -> const Document* {
              const auto it = docs.find(path);
              return it == docs.end() ? nullptr : &it->second;
            }};
  }
};

std::string lines(int count, char fill) {
  std::string out;
  for (int i = 0; i < count; ++i)
    out += std::string(99, fill) + "\n"; // 100 bytes a line
  return out;
}

const AgentLoad& of(const std::vector<AgentLoad>& plans, std::string_view key) {
  for (const auto& plan : plans)
    if (plan.agent->key == key)
      return plan;
  FAIL("no plan for ", key);
  return plans.front();
}

} // namespace

TEST_CASE("agent_specs: every agent cites its documentation and loads something") {
  REQUIRE(agent_specs().size() >= 17);
  for (const auto& agent : agent_specs()) {
    INFO(agent.key);
    CHECK(agent.docs.starts_with("https://"));
    CHECK_FALSE(agent.files.empty());
    CHECK(find_agent(agent.key) == &agent);
    CHECK(find_agent(agent.name) == &agent);
  }
  CHECK(find_agent("CODEX")->max_chain_bytes == 32768);
  CHECK(find_agent("windsurf")->max_file_chars == 12000);
  CHECK(find_agent("claude")->import_hops == 5);
  CHECK(find_agent("nope") == nullptr);
}

TEST_CASE("front_matter_value: scalars, flow and block lists") {
  const std::string fm = "description: \"React, components\"\nglobs: src/**/*.ts, src/**/*.tsx\n"
                         "paths:\n  - \"a/**\"\n  - b/**\nalwaysApply: true\nlist: [x, 'y']\n";
  CHECK(front_matter_value(fm, "description") == "React, components");
  CHECK(front_matter_value(fm, "globs") == "src/**/*.ts, src/**/*.tsx");
  CHECK(front_matter_value(fm, "paths") == "a/**,b/**");
  CHECK(front_matter_value(fm, "list") == "x,y");
  CHECK(front_matter_value(fm, "alwaysApply") == "true");
  CHECK_FALSE(front_matter_value(fm, "missing").has_value());
}

TEST_CASE("read_activation: each agent's front matter") {
  using Mode = RuleActivation::Mode;
  CHECK(read_activation(Selector::cursor, "alwaysApply: true\n").mode == Mode::always);
  CHECK(read_activation(Selector::cursor, "globs: src/**\n").mode == Mode::glob);
  CHECK(read_activation(Selector::cursor, "description: migrations\n").mode == Mode::described);
  CHECK(read_activation(Selector::cursor, "").mode == Mode::manual);
  CHECK(read_activation(Selector::copilot, "applyTo: \"**/*.ts\"\n").globs ==
        std::vector<std::string>{"**/*.ts"});
  CHECK(read_activation(Selector::windsurf, "trigger: always_on\n").mode == Mode::always);
  CHECK(read_activation(Selector::windsurf, "trigger: model_decision\n").mode == Mode::described);
  CHECK(read_activation(Selector::kiro, "").mode == Mode::always);
  CHECK(read_activation(Selector::kiro, "inclusion: fileMatch\nfileMatchPattern: '*.php'\n").mode ==
        Mode::glob);
  CHECK(read_activation(Selector::kiro, "inclusion: manual\n").mode == Mode::manual);
  CHECK(read_activation(Selector::paths, "").mode == Mode::always);
  CHECK(read_activation(Selector::paths, "paths:\n  - src/**\n").mode == Mode::glob);
  CHECK(read_activation(Selector::augment, "").mode == Mode::manual);
  CHECK(read_activation(Selector::augment, "type: always_apply\n").mode == Mode::always);
  CHECK(read_activation(Selector::continue_dev, "").mode == Mode::always);
}

TEST_CASE("plan_context: the Codex chain is cut at its budget, byte for byte") {
  Repo repo;
  repo.add("AGENTS.md", lines(200, 'r'));                 // 20,000 bytes
  repo.add("svc/AGENTS.md", lines(150, 's'));             // 15,000 bytes
  repo.add("svc/deep/AGENTS.md", lines(1, 'd'));          // never read
  repo.add("svc/deep/AGENTS.override.md", lines(1, 'o')); // replaces the AGENTS.md beside it
  const auto plans = plan_context(repo.source(), "svc/deep");
  const auto& codex = of(plans, "codex");
  REQUIRE(codex.always.size() == 3);
  CHECK(codex.always[2].path == "svc/deep/AGENTS.override.md");
  CHECK(codex.chain_bytes == 35100);
  REQUIRE(codex.cut.has_value());
  CHECK(codex.cut->path == "svc/AGENTS.md");
  CHECK(codex.cut->read_bytes == 32768 - 20000);
  CHECK(codex.cut->file_bytes == 15000);
  CHECK(codex.cut->last_line == 128); // bytes 12,701-12,768 are on line 128
  CHECK(codex.cut->never_read == std::vector<std::string>{"svc/deep/AGENTS.override.md"});
  // Under the budget: no cut.
  CHECK_FALSE(of(plan_context(repo.source(), ""), "codex").cut.has_value());
}

TEST_CASE("plan_context: an empty file costs nothing, a budget that is reached exactly cuts after a file") {
  Repo repo;
  repo.add("AGENTS.md", lines(100, 'r'));
  repo.add("a/AGENTS.md", "  \n\n");
  repo.add("a/b/AGENTS.md", lines(100, 'b'));
  tacit::doc::LoadOptions options;
  options.only = find_agent("codex");
  options.chain_budget = [](const AgentSpec&) { return 20000; }; // 4 bytes short if the empty file counted
  CHECK_FALSE(plan_context(repo.source(), "a/b", options).front().cut.has_value());
  options.chain_budget = [](const AgentSpec&) { return 10000; };
  const auto cut = plan_context(repo.source(), "a/b", options).front().cut;
  REQUIRE(cut.has_value());
  CHECK(cut->path == "AGENTS.md");
  CHECK(cut->read_bytes == cut->file_bytes);
  CHECK(cut->never_read == std::vector<std::string>{"a/AGENTS.md", "a/b/AGENTS.md"});
}

TEST_CASE("plan_context: imports, path-scoped rules, nested files, first-match lists, limits") {
  Repo repo;
  repo.add("AGENTS.md", "# Guide\n");
  repo.add("CLAUDE.md", "@AGENTS.md\n");
  repo.docs["CLAUDE.md"].imports.push_back({"AGENTS.md", 1, 1});
  repo.add("pkg/CLAUDE.md", "# pkg\n");
  repo.add(".cursor/rules/ts.mdc", "x", "globs: src/**/*.ts\n");
  repo.add(".cursor/rules/base.mdc", "x", "alwaysApply: true\n");
  repo.add(".rules", "zed first\n");
  repo.add(".windsurf/rules/long.md", std::string(12001, 'w'));
  const auto plans = plan_context(repo.source(), "");
  const auto& claude = of(plans, "claude");
  REQUIRE(claude.always.size() == 2);
  CHECK(claude.always[1].path == "AGENTS.md");
  CHECK(claude.always[1].how == "@import from CLAUDE.md");
  REQUIRE(claude.may.size() == 1);
  CHECK(claude.may[0].path == "pkg/CLAUDE.md");
  const auto& cursor = of(plans, "cursor");
  CHECK(cursor.always.back().path == ".cursor/rules/base.mdc");
  REQUIRE(cursor.may.size() == 1);
  CHECK(cursor.may[0].globs == std::vector<std::string>{"src/**/*.ts"});
  const auto& zed = of(plans, "zed");
  REQUIRE(zed.always.size() == 1); // the first name of its list wins
  CHECK(zed.always[0].path == ".rules");
  const auto& windsurf = of(plans, "windsurf");
  REQUIRE(windsurf.over_limit.size() == 1);
  CHECK(windsurf.over_limit[0].chars == 12001);
  CHECK(of(plans, "junie").always.empty());
}

TEST_CASE("context_directories: the root and every directory with a per-directory file") {
  const std::vector<tacit::repo::FileEntry> files{{"a/AGENTS.md", 0100644, 1},
                                                  {"a/b/c.txt", 0100644, 1},
                                                  {"d/CLAUDE.md", 0100644, 1},
                                                  {"e/GEMINI.md", 0100644, 1}};
  CHECK(context_directories(files) == std::vector<std::string>{"", "a", "d", "e"});
}
