#include "../../../src/init/markdown_writer.hpp"

#include <doctest/doctest.h>

using tacit::init::MarkdownWriter;
using tacit::init::wrap;

TEST_CASE("init wrap keeps lines within 80 columns and never splits a code span") {
  const std::string text = "Run `make test ARGS=--verbose` before you push, and then check that the "
                           "continuous integration pipeline of the repository passes again";
  const auto wrapped = wrap(text, "- ", "  ");
  std::size_t start = 0;
  while (start < wrapped.size()) {
    auto end = wrapped.find('\n', start);
    if (end == std::string::npos)
      end = wrapped.size();
    CHECK(end - start <= 80);
    start = end + 1;
  }
  CHECK(wrapped.starts_with("- Run `make test ARGS=--verbose` before"));
  CHECK(wrapped.find("\n  ") != std::string::npos);
}

TEST_CASE("init wrap leaves a word longer than the line on a line of its own") {
  const std::string long_word(100, 'x');
  CHECK(wrap("a " + long_word + " b", "", "") == "a\n" + long_word + "\nb");
}

TEST_CASE("init MarkdownWriter puts one blank line between blocks and none inside a list") {
  MarkdownWriter out;
  out.heading(1, "AGENTS.md");
  out.paragraph("Intro.");
  out.heading(2, "Setup");
  out.item("one");
  out.item("two");
  out.commands({"npm ci", "make\tall"});
  CHECK(out.str() == "# AGENTS.md\n\nIntro.\n\n## Setup\n\n- one\n- two\n\n```sh\nnpm ci\nmake all\n```\n");
}
