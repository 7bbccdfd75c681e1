// Tests for scan_text (doc/text_scan): code blocks and inline code found in reStructuredText, AsciiDoc,
// plain text and Markdown scanned as text, with their lines and columns.

#include <tacit/doc/document.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace tacit::doc;

namespace {

Document scan(std::string_view content, DocFormat format) {
  Document doc;
  doc.path = "doc";
  doc.format = format;
  scan_text(content, doc);
  return doc;
}

} // namespace

TEST_CASE("scan_text: reST literal block after ::") {
  const auto doc = scan("Install\n"
                        "=======\n"
                        "\n"
                        "Run this::\n"
                        "\n"
                        "    pip install -e .\n"
                        "    pytest\n"
                        "\n"
                        "Then it works.\n",
                        DocFormat::restructured_text);
  REQUIRE(doc.code_blocks.size() == 1);
  const auto& block = doc.code_blocks[0];
  CHECK(block.info == "");
  CHECK(block.line == 6);
  CHECK(block.column == 5);
  CHECK(block.text.starts_with("pip install -e .\npytest\n"));
  CHECK(doc.inline_code.empty());
  CHECK_FALSE(doc.structural);
}

TEST_CASE("scan_text: reST code-block directive with options") {
  const auto doc = scan("Testing\n"
                        "-------\n"
                        "\n"
                        ".. code-block:: bash\n"
                        "   :linenos:\n"
                        "   :caption: Run the tests\n"
                        "\n"
                        "   make test\n"
                        "   make lint\n"
                        "\n"
                        "After the block.\n"
                        "\n"
                        ".. code:: console\n"
                        "\n"
                        "    $ tox -e py312\n",
                        DocFormat::restructured_text);
  REQUIRE(doc.code_blocks.size() == 2);
  CHECK(doc.code_blocks[0].info == "bash");
  CHECK(doc.code_blocks[0].line == 8);
  CHECK(doc.code_blocks[0].column == 4);
  CHECK(doc.code_blocks[0].text.starts_with("make test\nmake lint\n"));
  CHECK(doc.code_blocks[0].text.find("After") == std::string::npos);
  CHECK(doc.code_blocks[0].text.find(":linenos:") == std::string::npos);
  CHECK(doc.code_blocks[1].info == "console");
  CHECK(doc.code_blocks[1].line == 15);
  CHECK(doc.code_blocks[1].column == 5);
  CHECK(doc.code_blocks[1].text == "$ tox -e py312\n");
}

TEST_CASE("scan_text: reST sourcecode directive and a nested, indented :: block") {
  const auto doc = scan(".. sourcecode:: python\n"
                        "\n"
                        "   import os\n"
                        "\n"
                        "* A list item that shows a command::\n"
                        "\n"
                        "      make docs\n"
                        "\n"
                        "* Next item.\n",
                        DocFormat::restructured_text);
  REQUIRE(doc.code_blocks.size() == 2);
  CHECK(doc.code_blocks[0].info == "python");
  CHECK(doc.code_blocks[0].line == 3);
  CHECK(doc.code_blocks[0].text.starts_with("import os\n"));
  CHECK(doc.code_blocks[1].info == "");
  CHECK(doc.code_blocks[1].line == 7);
  CHECK(doc.code_blocks[1].column == 7);
  CHECK(doc.code_blocks[1].text.starts_with("make docs\n"));
}

TEST_CASE("scan_text: reST :: without an indented block, and other directives") {
  const auto doc = scan("Note this::\n"
                        "Not indented, so no literal block.\n"
                        "\n"
                        ".. note::\n"
                        "\n"
                        "   A note is prose, not code.\n"
                        "\n"
                        "The end::\n",
                        DocFormat::restructured_text);
  CHECK(doc.code_blocks.empty());
}

TEST_CASE("scan_text: reST ``inline`` literals, single backticks are not code") {
  const auto doc = scan("Run ``make docs`` and then ``make  check`` twice.\n"
                        "A `title reference` and :code:`x` are not literals.\n"
                        "An unclosed ``literal runs nowhere.\n"
                        "Empty ``  `` is skipped, ``  padded  `` is trimmed.\n",
                        DocFormat::restructured_text);
  REQUIRE(doc.inline_code.size() == 3);
  CHECK(doc.inline_code[0].text == "make docs");
  CHECK(doc.inline_code[0].line == 1);
  CHECK(doc.inline_code[0].column == 7);
  CHECK(doc.inline_code[1].text == "make  check");
  CHECK(doc.inline_code[1].line == 1);
  CHECK(doc.inline_code[1].column == 30);
  CHECK(doc.inline_code[2].text == "padded");
  CHECK(doc.inline_code[2].line == 4);
  CHECK(doc.inline_code[2].column == 30);
}

TEST_CASE("scan_text: reST inline literal on the line that opens a literal block") {
  // Regression: a line ending in "::" opens a block and is never scanned for ``inline`` literals.
  const auto doc = scan("Run ``tox -e lint`` first, then::\n"
                        "\n"
                        "    tox\n",
                        DocFormat::restructured_text);
  CHECK(doc.code_blocks.size() == 1);
  REQUIRE(doc.inline_code.size() == 1);
  CHECK(doc.inline_code[0].text == "tox -e lint");
}

TEST_CASE("scan_text: reST with CRLF line endings gives the same lines") {
  const auto lf = scan("Title\n\nDo::\n\n    make\n\nUse ``x``.\n", DocFormat::restructured_text);
  const auto crlf =
      scan("Title\r\n\r\nDo::\r\n\r\n    make\r\n\r\nUse ``x``.\r\n", DocFormat::restructured_text);
  REQUIRE(lf.code_blocks.size() == 1);
  REQUIRE(crlf.code_blocks.size() == 1);
  CHECK(crlf.code_blocks[0].line == lf.code_blocks[0].line);
  CHECK(crlf.code_blocks[0].text == lf.code_blocks[0].text);
  CHECK(crlf.code_blocks[0].text.find('\r') == std::string::npos);
  REQUIRE(crlf.inline_code.size() == 1);
  CHECK(crlf.inline_code[0].line == 7);
  CHECK(crlf.inline_code[0].column == lf.inline_code[0].column);
}

TEST_CASE("scan_text: AsciiDoc [source,bash] listing blocks and `code`") {
  const auto doc = scan("= Title\n"
                        "\n"
                        "[source,bash]\n"
                        "----\n"
                        "make build\n"
                        "make test\n"
                        "----\n"
                        "\n"
                        "Use `make lint` to lint.\n"
                        "\n"
                        "[source, shell, linenums]\n"
                        "----\n"
                        "./gradlew check\n"
                        "----\n"
                        "\n"
                        "....\n"
                        "a literal block\n"
                        "....\n",
                        DocFormat::asciidoc);
  REQUIRE(doc.code_blocks.size() == 3);
  CHECK(doc.code_blocks[0].info == "bash");
  CHECK(doc.code_blocks[0].line == 5);
  CHECK(doc.code_blocks[0].column == 1);
  CHECK(doc.code_blocks[0].text == "make build\nmake test\n");
  CHECK(doc.code_blocks[1].info == "shell");
  CHECK(doc.code_blocks[1].line == 13);
  CHECK(doc.code_blocks[1].text == "./gradlew check\n");
  CHECK(doc.code_blocks[2].info == "");
  CHECK(doc.code_blocks[2].line == 17);
  CHECK(doc.code_blocks[2].text == "a literal block\n");
  REQUIRE(doc.inline_code.size() == 1);
  CHECK(doc.inline_code[0].text == "make lint");
  CHECK(doc.inline_code[0].line == 9);
  CHECK(doc.inline_code[0].column == 6);
}

TEST_CASE("scan_text: AsciiDoc attribute lists, delimiter lengths, unclosed blocks") {
  const auto doc = scan("[,console]\n"
                        "------\n"
                        "$ make\n"
                        "----\n"
                        "still inside\n"
                        "------\n"
                        "[source]\n"
                        "----\n"
                        "plain\n"
                        "----\n"
                        "[source,bash]\n"
                        "\n"
                        "----\n"
                        "after a blank line\n"
                        "----\n"
                        "----\n"
                        "unclosed\n"
                        "to the end\n",
                        DocFormat::asciidoc);
  REQUIRE(doc.code_blocks.size() == 4);
  CHECK(doc.code_blocks[0].info == "console");
  CHECK(doc.code_blocks[0].text == "$ make\n----\nstill inside\n");
  CHECK(doc.code_blocks[1].info == "");
  CHECK(doc.code_blocks[1].text == "plain\n");
  CHECK(doc.code_blocks[2].line == 14);
  CHECK(doc.code_blocks[3].line == 17);
  CHECK(doc.code_blocks[3].text == "unclosed\nto the end\n");
  // Backticks inside a listing block are not inline code.
  const auto listing = scan("----\necho `date`\n----\n", DocFormat::asciidoc);
  CHECK(listing.inline_code.empty());
}

TEST_CASE("scan_text: plain text shell prompt lines") {
  const auto doc = scan("HACKING\n"
                        "\n"
                        "To build:\n"
                        "\n"
                        "  $ ./configure && make\n"
                        "  % make check\n"
                        "$ make install\n"
                        "$5 is not a prompt, nor is `make` code here.\n"
                        "  $no space\n",
                        DocFormat::plain_text);
  REQUIRE(doc.code_blocks.size() == 3);
  CHECK(doc.code_blocks[0].info == "console");
  CHECK(doc.code_blocks[0].line == 5);
  CHECK(doc.code_blocks[0].column == 3);
  CHECK(doc.code_blocks[0].text == "$ ./configure && make\n");
  CHECK(doc.code_blocks[1].line == 6);
  CHECK(doc.code_blocks[1].text == "% make check\n");
  CHECK(doc.code_blocks[2].line == 7);
  CHECK(doc.code_blocks[2].column == 1);
  CHECK(doc.inline_code.empty());
}

TEST_CASE("scan_text: Markdown fences with ``` and ~~~, info strings") {
  const auto doc = scan("# Title\n"
                        "\n"
                        "```bash\n"
                        "make\n"
                        "```\n"
                        "\n"
                        "~~~ python title=\"x.py\"\n"
                        "print(1)\n"
                        "```\n"
                        "~~~\n"
                        "\n"
                        "  ```\n"
                        "  indented fence\n"
                        "    deeper\n"
                        "  ```\n",
                        DocFormat::markdown);
  REQUIRE(doc.code_blocks.size() == 3);
  CHECK(doc.code_blocks[0].info == "bash");
  CHECK(doc.code_blocks[0].line == 4);
  CHECK(doc.code_blocks[0].column == 1);
  CHECK(doc.code_blocks[0].text == "make\n");
  CHECK(doc.code_blocks[1].info == "python title=\"x.py\"");
  CHECK(doc.code_blocks[1].line == 8);
  CHECK(doc.code_blocks[1].text == "print(1)\n```\n");
  CHECK(doc.code_blocks[2].info == "");
  CHECK(doc.code_blocks[2].line == 13);
  CHECK(doc.code_blocks[2].column == 3);
  CHECK(doc.code_blocks[2].text == "indented fence\n  deeper\n");
}

TEST_CASE("scan_text: Markdown fence lengths and an unclosed fence") {
  const auto doc = scan("````md\n"
                        "```sh\n"
                        "make inner\n"
                        "```\n"
                        "````\n"
                        "`not code in prose`\n"
                        "```sh\n"
                        "make unclosed\n"
                        "`still code`\n",
                        DocFormat::markdown);
  REQUIRE(doc.code_blocks.size() == 2);
  CHECK(doc.code_blocks[0].info == "md");
  CHECK(doc.code_blocks[0].text == "```sh\nmake inner\n```\n");
  CHECK(doc.code_blocks[1].info == "sh");
  CHECK(doc.code_blocks[1].line == 8);
  CHECK(doc.code_blocks[1].text == "make unclosed\n`still code`\n");
  REQUIRE(doc.inline_code.size() == 1);
  CHECK(doc.inline_code[0].text == "not code in prose");
  CHECK(doc.inline_code[0].line == 6);
  CHECK(doc.inline_code[0].column == 2);
}

TEST_CASE("scan_text: a fence line with text after the closing run does not close the block") {
  const auto doc = scan("```\nmake\n```bash\nmore\n```\n", DocFormat::markdown);
  REQUIRE(doc.code_blocks.size() == 1);
  CHECK(doc.code_blocks[0].text == "make\n```bash\nmore\n");
}

TEST_CASE("scan_text: Markdown inline spans, double backticks") {
  const auto doc = scan("Use ``a `b` c`` and `d`.\n"
                        "Run `npm test`, then `` `npm run lint` ``.\n"
                        "Unclosed `span here.\n",
                        DocFormat::markdown);
  REQUIRE(doc.inline_code.size() == 4);
  CHECK(doc.inline_code[0].text == "a `b` c");
  CHECK(doc.inline_code[0].line == 1);
  CHECK(doc.inline_code[0].column == 7);
  CHECK(doc.inline_code[1].text == "d");
  CHECK(doc.inline_code[1].column == 22);
  CHECK(doc.inline_code[2].text == "npm test");
  CHECK(doc.inline_code[2].line == 2);
  CHECK(doc.inline_code[2].column == 6);
  CHECK(doc.inline_code[3].text == "`npm run lint`");
  CHECK(doc.inline_code[3].line == 2);
  CHECK(doc.inline_code[3].column == 25);
}

TEST_CASE("scan_text: an unmatched backtick run is literal text, later spans still count") {
  // Regression: scan_spans stops at the first run of backticks without a closer, so the rest of the line is
  // lost. CommonMark: an unclosed backtick string is literal text and scanning goes on after it.
  const auto doc = scan("Type ``` to open a fence; run `make` after.\n", DocFormat::markdown);
  REQUIRE(doc.inline_code.size() == 1);
  CHECK(doc.inline_code[0].text == "make");
}

TEST_CASE("scan_text: an empty document and a document without code") {
  for (auto format :
       {DocFormat::markdown, DocFormat::restructured_text, DocFormat::asciidoc, DocFormat::plain_text}) {
    const auto empty = scan("", format);
    CHECK(empty.code_blocks.empty());
    CHECK(empty.inline_code.empty());
    const auto prose = scan("Just prose.\nNothing else.\n", format);
    CHECK(prose.code_blocks.empty());
    CHECK(prose.inline_code.empty());
  }
}

TEST_CASE("scan_text: never hangs on odd input") {
  std::string ticks(5000, '`');
  std::string colons(5000, ':');
  std::string dashes = "----\n" + std::string(5000, '-') + "\n";
  for (auto format :
       {DocFormat::markdown, DocFormat::restructured_text, DocFormat::asciidoc, DocFormat::plain_text}) {
    scan(ticks, format);
    scan(colons + "\n    x\n", format);
    scan(dashes, format);
    scan("```", format);
    scan("::", format);
    scan("\n\n\n", format);
    scan("\r\n\r", format);
  }
  CHECK(true);
}

TEST_CASE("scan_text: Markdown links, reference definitions and footnotes") {
  tacit::doc::Document doc;
  doc.format = tacit::doc::DocFormat::markdown;
  tacit::doc::scan_text("See [a](docs/a.md \"t\") and ![logo](img/l.png), `[not](a/link.md)`.\n"
                        "[ref]: docs/ref.md\n"
                        "[^note]: a footnote, not a link\n"
                        "<!-- [hidden](gone.md)\n"
                        "[also hidden](gone2.md) -->\n",
                        doc);
  REQUIRE(doc.links.size() == 3);
  CHECK(doc.links[0].target == "docs/a.md");
  CHECK(doc.links[0].line == 1);
  CHECK(doc.links[0].column == 9);
  CHECK(doc.links[1].target == "img/l.png");
  CHECK(doc.links[1].image);
  CHECK(doc.links[2].target == "docs/ref.md");
  CHECK(doc.links[2].line == 2);
  CHECK(doc.links[2].column == 8);
}

TEST_CASE("scan_text: plain text commands indented, after a '>' prompt, or in quotes") {
  const auto doc = scan("INSTALL\n"
                        "\n"
                        "  make menuconfig     # This creates a file called \".config\"\n"
                        "  make sure that the compiler is recent.\n"
                        "To enable all features, use \"make defconfig\", which is the largest.\n"
                        "  2. Type \xe2\x80\x98make tests\xe2\x80\x99 to run the test suite.\n"
                        "Old style: type `make install' as root.\n"
                        "> pytest\n"
                        "> As the manual says, go read it.\n"
                        "We use \"go fmt all the files\" and \"the make tool\".\n",
                        DocFormat::plain_text);
  std::vector<std::string> texts;
  for (const auto& block : doc.code_blocks)
    texts.push_back(std::to_string(block.line) + ":" + std::to_string(block.column) + " " + block.text);
  INFO(tacit::util::join(texts, "|"));
  CHECK(texts == std::vector<std::string>{"3:3 make menuconfig\n", "5:30 make defconfig\n",
                                          "6:14 make tests\n", "7:18 make install\n", "8:3 pytest\n"});
}
