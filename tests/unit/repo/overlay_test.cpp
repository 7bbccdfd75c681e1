// Tests for repo::with_files: a snapshot with files written over it in memory (what `tacit init` checks
// before it writes).

#include "repo_test_support.hpp"

#include <tacit/repo/overlay.hpp>

#include <doctest/doctest.h>

using namespace tacit;
using namespace tacit::test;

TEST_CASE("overlay adds files in path order and reads them from memory") {
  TempDir dir;
  make_repo(dir.path(), {{"README.md", "# x\n"}, {"src/main.c", "int main(void) { return 0; }\n"}});
  const auto base = open_ok(dir.path());
  const auto overlay = repo::with_files(*base, {{"AGENTS.md", "# AGENTS.md\n"}, {"README.md", "# new\n"}});
  std::vector<std::string> paths;
  for (const auto& file : overlay->files())
    paths.push_back(file.path);
  CHECK(paths == std::vector<std::string>{"AGENTS.md", "README.md", "src/main.c"});
  CHECK(overlay->read(*overlay->find("AGENTS.md"))->bytes == "# AGENTS.md\n");
  CHECK(overlay->read(*overlay->find("README.md"))->bytes == "# new\n");
  CHECK(overlay->read(*overlay->find("src/main.c"))->bytes == "int main(void) { return 0; }\n");
  auto heads = overlay->head_reader(4);
  CHECK(*heads->read(*overlay->find("AGENTS.md")) == "# AG");
  CHECK(*heads->read(*overlay->find("src/main.c")) == "int ");
  // Nothing was written: the base and the disk are as they were.
  CHECK(base->find("AGENTS.md") == nullptr);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "AGENTS.md"));
  CHECK(overlay->is_git());
  CHECK(overlay->history({}).size() == 1);
}
