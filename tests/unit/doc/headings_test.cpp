// Tests for doc::sections (doc/headings): the sections of docs that are not parsed structurally, from their
// heading lines.

#include <tacit/doc/headings.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace tacit::doc;

namespace {

Document text_doc(std::string text) {
  Document doc;
  doc.path = "CONTRIBUTING.rst";
  doc.format = DocFormat::restructured_text;
  doc.text = std::move(text);
  return doc;
}

} // namespace

TEST_CASE("sections: a reST title over its underline, and the text up to the next one") {
  const auto doc =
      text_doc("Guide\n=====\n\nIntro.\n\nCode Style\n~~~~~~~~~~\n\nUse the tools.\nThey run in CI.\n");
  const auto found = sections(doc);
  REQUIRE(found.size() == 2);
  CHECK(found[0].heading == "Guide");
  CHECK(found[0].body == "\nIntro.\n\n");
  CHECK(found[1].heading == "Code Style");
  CHECK(found[1].line_begin == 6);
  CHECK(found[1].body == "\nUse the tools.\nThey run in CI.\n");
}

TEST_CASE("sections: Markdown scanned as text, fenced code and `#.` list items are not headings") {
  auto doc = text_doc(
      "# Contributing\n\n```sh\n# run the style checks\nmake lint\n```\n\n#. first item\n\n## Rules\n\n- "
      "Always x\n");
  doc.format = DocFormat::markdown;
  const auto found = sections(doc);
  REQUIRE(found.size() == 2);
  CHECK(found[0].heading == "Contributing");
  CHECK(found[1].heading == "Rules");
  CHECK(found[1].body == "\n- Always x\n");
}

TEST_CASE("document_title: front matter, Markdown, reST with an overline, none") {
  using tacit::doc::document_title;
  CHECK(document_title("---\ntitle: \"Testing your app\"\nsidebar: 2\n---\n\n# Other\n") ==
        "Testing your app");
  CHECK(document_title("Some intro.\n\n# Testing\n\ntext\n") == "Testing");
  CHECK(document_title(".. currentmodule:: flask\n\n=============\nTest Coverage\n=============\n") ==
        "Test Coverage");
  CHECK(document_title("Testing Flask Applications\n==========================\n") ==
        "Testing Flask Applications");
  CHECK(document_title("no heading here\n") == "");
}
