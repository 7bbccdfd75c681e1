#include "../../../src/init/plan.hpp"

#include <doctest/doctest.h>

using tacit::init::hinted_command;

TEST_CASE("init reads the command and the section of a procedure rule's hint") {
  const auto hint = hinted_command("add `go test ./...` to AGENTS.md under a \"Testing\" section");
  REQUIRE(hint);
  CHECK(hint->command == "go test ./...");
  CHECK(hint->section == "Testing");
  const auto either =
      hinted_command("add `pytest` (or `tox -e py`) to CLAUDE.md under a \"Testing\" section");
  REQUIRE(either);
  CHECK(either->command == "pytest");
}

TEST_CASE("init takes no command from a hint that asks for prose") {
  CHECK_FALSE(hinted_command("add a \"Releasing\" section to AGENTS.md: what to bump, what starts it"));
  CHECK_FALSE(hinted_command("say to install node 20 (.nvmrc) in AGENTS.md under a \"Setup\" section"));
  CHECK_FALSE(hinted_command("add `unterminated to AGENTS.md"));
}
