// The command line a ruff or eslint user expects: severity words, `help` and `version`, --statistics,
// `rules --format json`, comma-separated formats, case-insensitive levels, "did you mean", and `tacit test`
// with nothing to test.

#include "bad_input.hpp"

using namespace tacit::test;

namespace {

// A repository with one CTX002 error (a broken link in AGENTS.md) and one CTX008 warning (a placeholder).
void two_findings(const Scratch& s) {
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [a](missing.md).\n\nTODO: fill in\n");
  s.sh("git add -A && git commit -qm x");
}

} // namespace

TEST_CASE("text output: every finding line carries its severity as a word, with or without colour") {
  Scratch s;
  two_findings(s);
  for (const auto* color : {"never", "always"}) {
    const auto run = s.tacit(fmt::format("check -q --select CTX002,CTX008 --color {}", color));
    CHECK(run.exit_code == 1);
    CHECK(has(run.out, "error"));
    CHECK(has(run.out, "warning"));
    for (auto line : tacit::util::split_lines(run.out))
      if (has(std::string(line), "CTX00") && !line.starts_with(" "))
        CHECK_MESSAGE((has(std::string(line), "error") || has(std::string(line), "warning")), line);
  }
  const auto plain = s.tacit("check -q --select CTX002 --color never");
  CHECK(has(plain.out, "AGENTS.md:3:9: error CTX002 "));
}

TEST_CASE("`tacit help [COMMAND]` and `tacit version`") {
  Scratch s;
  const auto help = s.tacit("help");
  CHECK(help.exit_code == 0);
  CHECK(has(help.out, "Subcommands:"));
  const auto check_help = s.tacit("help check");
  CHECK(check_help.exit_code == 0);
  CHECK(has(check_help.out, "--statistics"));
  CHECK(has(check_help.out, "--fail-on"));
  const auto unknown = s.tacit("help chek");
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "did you mean 'check'?"));
  const auto version = s.tacit("version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.starts_with("tacit "));
  CHECK(version.out == s.tacit("--version").out);
}

TEST_CASE("--statistics: one line per rule with its count, most first, the exit code is unchanged") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [a](missing.md) and [b](gone.md).\n\nTODO: fill in\n");
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("check --statistics --select CTX002,CTX008 --color never");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "2  CTX002  error    broken-path-reference\n1  CTX008  warning  placeholder-content\n"));
  CHECK_FALSE(has(run.out, "missing.md"));
  CHECK(has(run.out, "Found 3 findings"));
}

TEST_CASE("`tacit rules --format json` lists every rule with its metadata") {
  Scratch s;
  const auto run = s.tacit("rules --format json");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "\"schema_version\": 2"));
  CHECK(has(run.out, "\"id\": \"CTX002\""));
  CHECK(has(run.out, "\"name\": \"broken-path-reference\""));
  CHECK(has(run.out, "\"default_profile\": false"));
  CHECK(has(run.out, "\"options\": ["));
  CHECK(s.tacit("rules --format xml").exit_code == 2);
}

TEST_CASE("--format takes comma-separated lists, a comma inside a file name stays in it") {
  Scratch s;
  two_findings(s);
  const auto run = s.tacit("check -q --format text,json:out.json,sarif:a,b.sarif");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "error CTX002"));
  CHECK(has(slurp(s.dir / "out.json"), "\"rule\": \"CTX002\""));
  CHECK(has(slurp(s.dir / "a,b.sarif"), "\"ruleId\": \"CTX002\""));
  const auto unknown = s.tacit("check -q --format text,jsn");
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "unknown format 'jsn'"));
}

TEST_CASE("--fail-on is case-insensitive and takes warn, severity: warn works in .tacit.yaml") {
  Scratch s;
  two_findings(s);
  CHECK(s.tacit("check -q --select CTX008 --fail-on ERROR").exit_code == 0);
  CHECK(s.tacit("check -q --select CTX008 --fail-on Warn").exit_code == 1);
  const auto bad = s.tacit("check -q --fail-on loud");
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "'loud' is not a level"));
  write(s.dir / ".tacit.yaml", "version: 1\nseverity:\n  CTX002: warn\n");
  const auto configured = s.tacit("check -q --select CTX002 --color never");
  CHECK(configured.exit_code == 1);
  CHECK(has(configured.out, "warning CTX002"));
}

TEST_CASE("unknown options and commands: did you mean") {
  Scratch s;
  const auto option = s.tacit("check --fromat json");
  CHECK(option.exit_code == 2);
  CHECK(has(option.err, "unknown option '--fromat'"));
  CHECK(has(option.err, "did you mean '--format'?"));
  const auto command = s.tacit("chek");
  CHECK(command.exit_code == 2);
  CHECK(has(command.err, "did you mean 'check'?"));
  const auto sub = s.tacit("baseline wirte");
  CHECK(sub.exit_code == 2);
  CHECK(has(sub.err, "did you mean 'write'?"));
}

TEST_CASE("`tacit test` with no test cases says so and exits 2") {
  Scratch s;
  write(s.dir / "rules/ORG101.yaml", "id: ORG101\nname: org-thing\nseverity: info\nsummary: a thing\n"
                                     "check:\n  type: exists\n  any: [THING.md]\nmessage: no THING.md\n");
  const auto run = s.tacit("test rules");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "no test cases in 1 rule file"));
}

TEST_CASE("`tacit rule` for a repository's rule without docs has no empty heading") {
  Scratch s;
  s.git_repo();
  write(s.dir / ".tacit.yaml", "version: 1\nrule-dirs: [rules]\n");
  write(s.dir / "rules/ORG101.yaml",
        "id: ORG101\nname: org-thing\nseverity: info\nsummary: a thing is missing\n"
        "check:\n  type: exists\n  any: [THING.md]\nmessage: no THING.md\n");
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("rule ORG101");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "# ORG101 org-thing"));
  CHECK(has(run.out, "a thing is missing"));
  CHECK_FALSE(has(run.out, "## What it does"));
  CHECK_FALSE(has(run.out, "\n\n\n"));
}
