// Tests for the markdown format: counts by severity, the collapsible table, escaping of repository text
// (no markup, no @mentions, no broken tables) and the size cap for pull request comments.

#include "report_support.hpp"

#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace report_test;

TEST_CASE("render_markdown: no findings") {
  CHECK(report::render_markdown({}, info(9, 3)) == "### tacit\n\nNo findings (9 files checked, 3 rules).\n");
}

TEST_CASE("render_markdown: counts and the collapsible table") {
  auto a = finding("CTX002", Severity::error, "docs/a|b.md", 13, 24, "'x' is <b>missing</b> & @here");
  a.rule_name = "broken-path-reference";
  a.hint = "see `make test`\nthen *fix*";
  auto b = finding("TASK102", Severity::warning, "", 0, 0, "root [link](http://x)");
  const auto md = report::render_markdown({a, b}, info(9, 3));
  CHECK(md ==
        "### tacit\n\n"
        "Found **2 findings** in 9 files (3 rules).\n\n"
        "| severity | findings |\n|---|---:|\n| error | 1 |\n| warning | 1 |\n| info | 0 |\n\n"
        "<details>\n<summary>2 findings</summary>\n\n"
        "| location | rule | severity | message |\n|---|---|---|---|\n"
        "| docs/a\\|b.md:13:24 | CTX002 broken-path-reference | error | '"
        "x' is &lt;b&gt;missing&lt;/b&gt; &amp; @&#8203;here<br>hint: see `make test`<br>then \\*fix\\* |\n"
        "| . | TASK102 rule-name | warning | root \\[link\\](http://x) |\n"
        "\n</details>\n");
}

TEST_CASE("render_markdown: code spans stay code, an odd backtick is escaped") {
  auto a = finding("CTX002", Severity::error, "a.md", 1, 1, "run `a | b <c> @x` then *d*");
  auto b = finding("CTX002", Severity::error, "b.md", 1, 1, "odd ` tick | <x>");
  const auto md = report::render_markdown({a, b}, info());
  CHECK(contains(md, "| run `a \\| b <c> @x` then \\*d\\* |"));
  CHECK(contains(md, "| odd \\` tick \\| &lt;x&gt; |"));
}

TEST_CASE("render_markdown: invalid UTF-8 and control characters") {
  auto a = finding("CTX002", Severity::error, "bad\xFF.md", 1, 1, std::string("nul\0x\x07", 6));
  const auto md = report::render_markdown({a}, info());
  CHECK(util::is_valid_utf8(md));
  CHECK(contains(md, "bad\xEF\xBF\xBD.md:1:1"));
  CHECK(contains(md, "| nul x  |"));
}

TEST_CASE("render_markdown: the list stops before GitHub's comment limit and says how many it left out") {
  std::vector<Finding> findings;
  for (int i = 0; i < 2000; ++i)
    findings.push_back(finding("CTX002", Severity::warning, "docs/some/long/path/file.md", i + 1, 1,
                               "a message that is long enough to fill the comment quickly"));
  const auto md = report::render_markdown(findings, info());
  CHECK(md.size() < 65'536);
  CHECK(contains(md, "Found **2000 findings**"));
  CHECK(contains(md, "more findings not listed here"));
  CHECK(md.ends_with("\n</details>\n"));
}
