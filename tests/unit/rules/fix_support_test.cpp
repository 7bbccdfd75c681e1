// The fix builders the rules share: a new section in the file's own heading style, a block inserted under
// the right section (before its subsections), the end of a file as a position.

#include "../../../src/rules/fix_support.hpp"

#include <tacit/doc/document.hpp>

#include <doctest/doctest.h>

namespace fixes = tacit::rules::fixes;

namespace {

tacit::doc::Document markdown(std::string text) {
  tacit::doc::Document doc;
  doc.path = "AGENTS.md";
  doc.text = std::move(text);
  tacit::doc::parse_markdown(doc.text, doc);
  return doc;
}

constexpr std::string_view k_build[] = {"build", "develop"};

} // namespace

TEST_CASE("a new section takes the file's heading style") {
  CHECK(fixes::heading_line(markdown("# Title\n\n## Setup\n\nx\n"), "Build") == "## Build");
  CHECK(fixes::heading_line(markdown("# One\n\nx\n\n# Two\n\ny\n"), "Build") == "# Build");
  CHECK(fixes::heading_line(markdown("## One\n\n### Sub\n"), "Build") == "## Build");
  CHECK(fixes::heading_line(markdown("# Title #\n\n## Setup ##\n"), "Build") == "## Build ##");
  CHECK(fixes::heading_line(markdown("# Notes on C#\n\ntext\n"), "Build") == "## Build");
  CHECK(fixes::heading_line(markdown("Title\n=====\n\nSetup\n-----\n\nx\n"), "Build") == "Build\n-----");
  CHECK(fixes::heading_line(markdown("Just text.\n"), "Build") == "## Build");
}

TEST_CASE("a block goes under the matching section, before its subsections") {
  const auto doc = markdown("# A\n\n## Development\n\nRun things.\n\n### Details\n\nMore.\n");
  const auto fix = fixes::insert_block(doc, {"Build", k_build}, "```sh\nmake\n```\n", "add make");
  REQUIRE(fix.edits.size() == 1);
  const auto& edit = fix.edits.front();
  CHECK(edit.begin == tacit::engine::TextPosition{6, 1});
  CHECK(edit.end == edit.begin);
  CHECK(edit.header.empty());
  CHECK(edit.text == "\n```sh\nmake\n```\n");
}

TEST_CASE("a block before a heading that follows without a blank line gives it one") {
  const auto doc = markdown("# A\n## Build\nRun make.\n## Other\n");
  const auto fix = fixes::insert_block(doc, {"Build", k_build}, "```sh\nmake\n```\n", "add make");
  CHECK(fix.edits.front().begin == tacit::engine::TextPosition{4, 1});
  CHECK(fix.edits.front().text == "\n```sh\nmake\n```\n\n");
}

TEST_CASE("without a matching section a new one goes at the end of the file") {
  const auto doc = markdown("# A\n\n## Style\n\nShort lines.");
  const auto fix = fixes::insert_block(doc, {"Build", k_build}, "```sh\nmake\n```\n", "add make");
  const auto& edit = fix.edits.front();
  CHECK(edit.begin == tacit::engine::TextPosition{5, 13});
  CHECK(edit.header == "\n## Build\n");
  CHECK(edit.text == "\n```sh\nmake\n```\n");
  // A keyword matches the start of a word only: "Rebuilding" is no build section.
  const auto other = markdown("# A\n\n## Rebuilding trust\n\nx\n");
  CHECK(fixes::insert_block(other, {"Build", k_build}, "b\n", "d").edits.front().header == "\n## Build\n");
}

TEST_CASE("the end of a text as a position") {
  CHECK(fixes::end_of("") == tacit::engine::TextPosition{1, 1});
  CHECK(fixes::end_of("a\nb\n") == tacit::engine::TextPosition{3, 1});
  CHECK(fixes::end_of("a\nbc") == tacit::engine::TextPosition{2, 3});
}
