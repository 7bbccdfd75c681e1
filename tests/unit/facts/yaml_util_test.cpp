// Tests for the yaml-cpp adapter (facts/yaml_util): merge keys and their precedence, duplicate keys, marks,
// scalar lines of block scalars, and hostile input (syntax errors, recursive aliases, alias bombs, nesting).

#include "../../../src/facts/yaml_util.hpp"

#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit::facts;

namespace {

yaml::Document load_ok(std::string_view text) {
  auto loaded = yaml::load(text, "x.yml");
  REQUIRE_MESSAGE(loaded.has_value(), (loaded ? "" : loaded.error().message));
  return std::move(*loaded);
}

// "key=value" for each scalar entry of a map, in order.
std::vector<std::string> flat(const yaml::Node& map) {
  std::vector<std::string> out;
  for (const auto& entry : map.entries)
    out.push_back(entry.key + "=" + entry.value.value);
  return out;
}

std::vector<std::string> texts(const std::vector<yaml::ScalarLine>& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines)
    out.push_back(std::to_string(line.line) + ":" + std::to_string(line.column) + " " + line.text);
  return out;
}

std::vector<yaml::ScalarLine> lines_of(const std::string& text, std::string_view key) {
  static std::vector<yaml::Document> keep;
  keep.push_back(load_ok(text));
  const auto* node = keep.back().root().find(key);
  REQUIRE(node != nullptr);
  return yaml::scalar_lines(*node, tacit::util::split_lines(text));
}

} // namespace

TEST_CASE("yaml: marks are 1-based and a null value takes its key's line") {
  const auto doc = load_ok("a: 1\nb:\n  c: [x, y]\nd:\n");
  const auto& root = doc.root();
  REQUIRE(root.is_map());
  CHECK(root.find("a")->line == 1);
  CHECK(root.find("a")->column == 4);
  CHECK(root.find("b")->find("c")->items[1].column == 10);
  CHECK(root.find("d")->is_null());
  CHECK(root.find("d")->line == 4);
  CHECK(root.entries[2].line == 4);
  CHECK(root.find("missing") == nullptr);
}

TEST_CASE("yaml: a merge key takes the anchor's keys, explicit keys win") {
  const auto doc =
      load_ok(".base: &base\n  image: alpine\n  stage: test\njob:\n  <<: *base\n  stage: build\n");
  const auto* job = doc.root().find("job");
  CHECK(flat(*job) == std::vector<std::string>{"image=alpine", "stage=build"});
  // The merged value keeps the line where the anchor writes it.
  CHECK(job->find("image")->line == 2);
  CHECK(job->find("stage")->line == 6);
  CHECK(doc.issues.empty());
}

TEST_CASE("yaml: a list of merged maps: the earlier one wins, explicit keys win over all") {
  const auto doc = load_ok("a: &a {x: a, y: a}\n"
                           "b: &b {x: b, y: b, z: b}\n"
                           "c:\n  y: own\n  <<: [*a, *b]\n  w: own\n");
  CHECK(flat(*doc.root().find("c")) == std::vector<std::string>{"y=own", "x=a", "z=b", "w=own"});
}

TEST_CASE("yaml: merges resolve inside merged maps, and a quoted << is an ordinary key") {
  const auto doc = load_ok("a: &a {k: 1}\nb: &b\n  <<: *a\n  m: 2\nc:\n  <<: *b\n  \"<<\": text\n");
  CHECK(flat(*doc.root().find("c")) == std::vector<std::string>{"k=1", "m=2", "<<=text"});
}

TEST_CASE("yaml: a merge of something that is not a map is an issue, not an error") {
  const auto doc = load_ok("a:\n  <<: text\n  k: 1\n");
  CHECK(flat(*doc.root().find("a")) == std::vector<std::string>{"k=1"});
  REQUIRE(doc.issues.size() == 1);
  CHECK(doc.issues[0].line == 2);
}

TEST_CASE("yaml: duplicate keys are reported and the last one is used") {
  const auto doc = load_ok("job:\n  script: one\n  stage: x\n  script: two\n");
  CHECK(flat(*doc.root().find("job")) == std::vector<std::string>{"script=two", "stage=x"});
  REQUIRE(doc.issues.size() == 1);
  CHECK(doc.issues[0].line == 4);
  CHECK(doc.issues[0].message == "duplicate key 'script' (also on line 2); the last one is used");
}

TEST_CASE("yaml: explicit tags are kept") {
  const auto doc = load_ok("s:\n  - !reference [.setup, script]\n  - plain\n");
  const auto& items = doc.root().find("s")->items;
  CHECK(items[0].tag == "!reference");
  CHECK(items[0].items.size() == 2);
  CHECK(items[1].tag.empty());
}

TEST_CASE("yaml: bad input is an error with a line, never an exception") {
  auto bad = yaml::load("a: [1, 2\nb: c\n", "bad.yml");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().path == "bad.yml");
  CHECK(bad.error().line >= 1);
  CHECK_FALSE(yaml::load("a: *undefined\n", "x.yml").has_value());
  CHECK_FALSE(yaml::load("a:\n\t- b\n", "x.yml").has_value());
  CHECK_FALSE(yaml::load(std::string(3000, '[') + std::string(3000, ']'), "x.yml").has_value());
}

TEST_CASE(
    "yaml: regression: a document that starts with ',' ends (yaml-cpp 0.7's LoadAll loops forever on it)") {
  CHECK_FALSE(yaml::load(",a: 1\n", "x.yml").has_value());
  auto later = yaml::load("a: 1\n---\n,tages: [build]\n", "x.yml");
  REQUIRE_FALSE(later.has_value());
  CHECK(later.error().line == 3);
}

TEST_CASE("yaml: a recursive alias and an alias bomb stop at the limits") {
  auto recursive = yaml::load("a: &r [*r]\n", "x.yml");
  REQUIRE_FALSE(recursive.has_value());
  CHECK(tacit::util::contains(recursive.error().message, "nested deeper"));
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'g'; ++c) {
    const char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i)
      bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
  }
  auto exploded = yaml::load(bomb, "x.yml");
  REQUIRE_FALSE(exploded.has_value());
  CHECK(tacit::util::contains(exploded.error().message, "aliases are expanded"));
}

TEST_CASE("yaml: empty files and several documents") {
  CHECK(load_ok("").root().is_null());
  CHECK(load_ok("# only a comment\n").root().is_null());
  const auto doc = load_ok("spec:\n  inputs: {}\n---\njob:\n  script: make\n");
  REQUIRE(doc.documents.size() == 2);
  CHECK(doc.documents[1].find("job")->find("script")->line == 5);
}

TEST_CASE("yaml: scalar lines of a literal block are at their own lines") {
  const std::string text = "run: |\n  make build\n\n    indented arg\n  make test  \nnext: x\n";
  CHECK(texts(lines_of(text, "run")) ==
        std::vector<std::string>{"2:3 make build", "4:3   indented arg", "5:3 make test  "});
}

TEST_CASE("yaml: scalar lines behind an anchor, a tag, a chomping indicator and CRLF") {
  CHECK(texts(lines_of("run: &cmd |-\n    one\n    two\n", "run")) ==
        std::vector<std::string>{"2:5 one", "3:5 two"});
  CHECK(texts(lines_of("run: !!str |+\r\n  one\r\n\r\n", "run")) == std::vector<std::string>{"2:3 one"});
  CHECK(texts(lines_of("run: |2\n    x\n", "run")) == std::vector<std::string>{"2:3   x"});
}

TEST_CASE("yaml: a folded block is folded into its logical lines") {
  const std::string text = "run: >\n  cmake -S .\n  -B build\n\n  ctest\n    --output-on-failure\nk: v\n";
  CHECK(texts(lines_of(text, "run")) ==
        std::vector<std::string>{"2:3 cmake -S . -B build", "5:3 ctest", "6:5 --output-on-failure"});
}

TEST_CASE("yaml: plain and quoted scalars are one line at the value") {
  CHECK(texts(lines_of("run: make test\n", "run")) == std::vector<std::string>{"1:6 make test"});
  CHECK(texts(lines_of("run: \"make 'x'\"\n", "run")) == std::vector<std::string>{"1:7 make 'x'"});
  CHECK(texts(lines_of("run: 'make'\n", "run")) == std::vector<std::string>{"1:7 make"});
  CHECK(lines_of("run: ''\n", "run").empty());
  CHECK(lines_of("run: |\nk: v\n", "run").empty());
}
