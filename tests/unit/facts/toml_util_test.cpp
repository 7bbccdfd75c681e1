// Tests for the toml++ adapter (facts/toml_util): the plain tree, file order, marks, errors, hostile input.

#include "../../../src/facts/toml_util.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace tacit;
using namespace tacit::facts;

TEST_CASE("toml::load gives a plain tree in file order with marks") {
  const auto doc = toml::load("[tool.ruff]\nline-length = 100\n\n[project]\nname = \"x\"\n"
                              "scripts = { serve = \"x.main:run\" }\nclassifiers = [\"a\", \"b\"]\n",
                              "pyproject.toml");
  REQUIRE(doc.has_value());
  REQUIRE(doc->is_map());
  REQUIRE(doc->entries.size() == 2);
  CHECK(doc->entries[0].key == "tool"); // file order, not toml++'s sorted order
  CHECK(doc->entries[1].key == "project");
  const auto* ruff = doc->find("tool")->find("ruff");
  REQUIRE(ruff != nullptr);
  CHECK(ruff->find("line-length")->scalar() == "100");
  CHECK(ruff->find("line-length")->line == 2);
  const auto* project = doc->find("project");
  CHECK(project->find("name")->scalar() == "x");
  CHECK(project->find("scripts")->find("serve")->scalar() == "x.main:run");
  CHECK(project->find("scripts")->find("serve")->line == 6);
  REQUIRE(project->find("classifiers")->is_sequence());
  CHECK(project->find("classifiers")->items.size() == 2);
  CHECK(project->find("classifiers")->items[1].scalar() == "b");
}

TEST_CASE("toml::load reports syntax errors with path and line") {
  const auto doc = toml::load("[a]\nb = \n", "Cargo.toml");
  REQUIRE_FALSE(doc.has_value());
  CHECK(doc.error().code == ErrorCode::parse);
  CHECK(doc.error().path == "Cargo.toml");
  CHECK(doc.error().line == 2);
}

TEST_CASE("toml::load survives hostile nesting") {
  std::string text = "a = ";
  for (int i = 0; i < 100000; ++i)
    text += '[';
  const auto doc = toml::load(text, "x.toml");
  CHECK_FALSE(doc.has_value());
  const auto empty = toml::load("", "x.toml");
  REQUIRE(empty.has_value());
  CHECK(empty->is_map());
  CHECK(empty->entries.empty());
}
