#include "ci_test_support.hpp"

#include <tacit/facts/facts.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

namespace {

using tacit::test::CiRepo;

std::string docs(const tacit::facts::Facts& facts) {
  std::string out;
  for (const auto& d : facts.architecture_docs)
    out += fmt::format("{}:{} {} {}\n", d.path, d.line, d.kind, d.heading);
  return out;
}

std::string modules(const tacit::facts::SourceSize& size) {
  std::string out;
  for (const auto& m : size.modules)
    out += fmt::format("{}={} ", m.path, m.source_files);
  return out;
}

} // namespace

TEST_CASE("source size: files by extension and top-level modules") {
  const CiRepo repo{
      {"src/api/server.go", ""}, {"src/api/routes.go", ""}, {"src/db/db.go", ""},
      {"src/main.go", ""},       {"cmd/tool/main.go", ""},  {"web/app.tsx", ""},
      {"tests/api_test.go", ""}, {"examples/demo.go", ""},  {"docs/snippet.py", ""},
      {".github/x.sh", ""},      {"vendor/lib/x.go", ""},   {"README.md", ""},
      {"build.sh", ""},          {"Makefile", ""},
  };
  const auto size = tacit::facts::extract_source_size(repo.files());
  CHECK(size.source_files == 7); // tests/api_test.go is a test
  CHECK(size.by_extension.at("go") == 5);
  CHECK(size.by_extension.at("tsx") == 1);
  CHECK(size.by_extension.at("sh") == 1);
  // src/ has a file of its own (src/main.go): it is one module, not a container.
  CHECK(modules(size) == "cmd/tool=1 src=4 web=1 ");
}

TEST_CASE("source size: the children of a container are the modules") {
  const CiRepo repo{
      {"src/cli/app.cpp", ""}, {"src/doc/a.cpp", ""}, {"src/test/t.cpp", ""}, {"include/x/a.hpp", ""}};
  CHECK(modules(tacit::facts::extract_source_size(repo.files())) == "include=1 src/cli=1 src/doc=1 ");
}

TEST_CASE("source size: source code only (not tests by folder or name, nor generated files)") {
  const CiRepo repo{
      {"pkg/a.go", ""},         {"pkg/a_test.go", ""},
      {"lib/x.js", ""},         {"lib/x.test.js", ""},
      {"lib/x.spec.ts", ""},    {"app/test_x.py", ""},
      {"app/conftest.py", ""},  {"app/y.py", ""},
      {"src/FooTest.java", ""}, {"src/Latest.java", ""},
      {"spec/z_spec.rb", ""},   {"e2e-tests/a.ts", ""},
      {"api/gen.pb.go", ""},    {"tests/snapshots/s.py", ""},
      {"lib/_vendor/v.py", ""},
  };
  const auto size = tacit::facts::extract_source_size(repo.files(), {"api/gen.pb.go"});
  CHECK(size.source_files == 4); // pkg/a.go, lib/x.js, app/y.py, src/Latest.java
}

TEST_CASE("source size: a single layout folder gives way to its subfolders") {
  const CiRepo repo{
      {"lib/ansible/cli/a.py", ""},     {"lib/ansible/cli/b.py", ""},    {"lib/ansible/executor/c.py", ""},
      {"lib/ansible/plugins/d.py", ""}, {"lib/ansible/__init__.py", ""},
  };
  CHECK(modules(tacit::facts::extract_source_size(repo.files())) ==
        "lib/ansible/cli=2 lib/ansible/executor=1 lib/ansible/plugins=1 ");
  // A flat package stays one module.
  const CiRepo flat{{"src/click/core.py", ""}, {"src/click/types.py", ""}, {"src/click/utils.py", ""}};
  CHECK(modules(tacit::facts::extract_source_size(flat.files())) == "src/click=3 ");
  // A Python src layout: a shim beside the packages does not make src/ one module.
  const CiRepo layout{{"src/py.py", ""},
                      {"src/_pytest/__init__.py", ""},
                      {"src/_pytest/main.py", ""},
                      {"src/pytest/__init__.py", ""}};
  CHECK(modules(tacit::facts::extract_source_size(layout.files())) == "src/_pytest=2 src/pytest=1 ");
  // git's t/ holds its tests.
  const CiRepo git{{"builtin/add.c", ""}, {"t/helper/test-tool.c", ""}, {"t/t0001.sh", ""}};
  CHECK(tacit::facts::extract_source_size(git.files()).source_files == 1);
}

TEST_CASE("architecture docs: files, sections and directory lists") {
  const CiRepo repo{
      {"ARCHITECTURE.md", "# Architecture\n"},
      {"docs/internals/parser.md", "# Parser\n"},
      {"docs/adr/0001-x.md", "# ADR\n"},
      {"README.md",
       "# Tool\n\n## Install\n\nrun it\n\n## Project structure\n\nThe code.\n\n## Empty design\n"},
      {"AGENTS.md",
       "# Agents\n\n## Where to look\n\n- `api/`: the HTTP API\n- `db/`: storage\n- `jobs/` workers\n\n"
       "## Tree\n\n```\n.\n├── api\n├── db\n└── jobs\n```\n\n## Paths\n\nEdit api/x.go and "
       "src/db/y.go.\n"},
      {"api/a.go", ""},
      {"db/b.go", ""},
      {"jobs/c.go", ""},
  };
  const auto facts = repo.facts();
  CHECK(docs(facts) == "AGENTS.md:1 directory-list Agents\n"
                       "AGENTS.md:3 directory-list Where to look\n"
                       "AGENTS.md:9 directory-list Tree\n"
                       "ARCHITECTURE.md:1 file \n"
                       "README.md:7 section Project structure\n"
                       "docs/internals/parser.md:1 file \n");
}

TEST_CASE("architecture docs: a decision folder named architecture is not a map") {
  const CiRepo repo{
      {"docs/architecture/adr-001-x.md", "# ADR 1\n"},
      {"README.md", "# X\n\n## Architecture decisions\n\nSee the ADRs.\n"},
  };
  CHECK(docs(repo.facts()).empty());
}
