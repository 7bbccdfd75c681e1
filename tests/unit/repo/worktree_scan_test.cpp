// The worktree walk on several threads (src/repo/worktree_scan.cpp): on a worktree large enough to be
// split, every thread count lists the same files and gives the same notes in the same order as one thread:
// tracked files missing, untracked files ignored or not, new and nested folders, symlinks, a tracked folder
// replaced by a file, another repository inside, a folder the caller prunes, folders nested too deeply.

#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace tacit;
using namespace tacit::test;

namespace {

// Everything a worktree snapshot says: its files with their modes and sizes, then its notes.
std::string everything(const std::filesystem::path& repo, unsigned jobs) {
  repo::SnapshotOptions options;
  options.path = repo;
  options.jobs = jobs;
  options.skip_untracked_in = [](std::string_view dir) { return dir == "src/m9"; };
  auto snapshot = repo::Snapshot::open(options);
  REQUIRE(snapshot.has_value());
  std::string out;
  for (const auto& file : (*snapshot)->files())
    out += fmt::format("{} {:o} {}\n", file.path, file.mode, file.size);
  for (const auto& note : (*snapshot)->notes())
    out += "note: " + note + "\n";
  return out;
}

} // namespace

TEST_CASE("Worktree walk: any number of threads lists what one thread lists") {
  TempDir tmp;
  const auto& repo = tmp.path();
  git(repo, "init -q");
  // 5000 tracked files in 100 folders of 10 modules, each with a subfolder, a symlink and ignore rules.
  REQUIRE(run_in(repo, "printf '*.log\\nbuild/\\n' > .gitignore && "
                       "for a in 0 1 2 3 4 5 6 7 8 9; do for b in 0 1 2 3 4 5 6 7 8 9; do "
                       "d=src/m$a/p$b; mkdir -p $d/deep; echo z > $d/deep/z.md; "
                       "for c in $(seq 1 49); do echo $a$b$c > $d/f$c.txt; done; done; done && "
                       "ln -s f1.txt src/m0/p0/link") == 0);
  git(repo, "add -A");
  git(repo, "commit -q -m files");
  REQUIRE(run_in(repo, "rm src/m3/p4/f7.txt src/m5/p5/deep/z.md && "                      // missing
                       "echo n > src/m1/p2/new.txt && mkdir -p new/dir src/m5/newdir && " // untracked
                       "echo a > new/dir/a.md && echo b > src/m5/newdir/b.txt && "
                       "echo l > src/m2/p2/x.log && mkdir -p build/out src/m4/build && " // ignored
                       "echo o > build/out/o.txt && echo y > src/m4/build/y.txt && "
                       "ln -s ../elsewhere src/m6/p6/untracked-link && "              // untracked symlink
                       "rm -r src/m7/p7/deep && echo file > src/m7/p7/deep && "       // a folder now a file
                       "mkdir -p src/m8/other/.git && echo x > src/m8/other/x.md && " // another repository
                       "echo u > src/m9/untracked.txt") == 0);                        // pruned by the caller
  for (const char* top : {"src/m1", "src/m6"}) { // untracked folders nested too deeply, in two places
    std::string chain = std::string(top) + "/chain";
    for (int i = 0; i < 260; ++i)
      chain += "/d";
    std::filesystem::create_directories(repo / chain);
    write_file(repo / chain / "leaf.md", "leaf\n");
  }

  const std::string serial = everything(repo, 1);
  CHECK(serial.find("src/m1/p2/new.txt ") != std::string::npos);
  CHECK(serial.find("src/m5/newdir/b.txt ") != std::string::npos);
  CHECK(serial.find("new/dir/a.md ") != std::string::npos);
  CHECK(serial.find("src/m6/p6/untracked-link 120000") != std::string::npos);
  CHECK(serial.find("src/m0/p0/link 120000") != std::string::npos);
  CHECK(serial.find("src/m7/p7/deep 100644") != std::string::npos);
  CHECK(serial.find("src/m9/p0/f1.txt ") != std::string::npos);
  CHECK(serial.find(".log") == std::string::npos);
  CHECK(serial.find("build/") == std::string::npos);
  CHECK(serial.find("src/m8/other") == std::string::npos);
  CHECK(serial.find("src/m9/untracked.txt") == std::string::npos);
  CHECK(serial.find("src/m3/p4/f7.txt ") == std::string::npos);
  CHECK(serial.find("note: 3 tracked file(s) are missing from the worktree (deleted, not committed; first: "
                    "'src/m3/p4/f7.txt')") != std::string::npos);
  std::size_t deep_notes = 0;
  for (auto at = serial.find("is nested too deeply"); at != std::string::npos;
       at = serial.find("is nested too deeply", at + 1))
    ++deep_notes;
  CHECK(deep_notes == 2);
  for (const unsigned jobs : {2u, 3u, 8u}) {
    INFO("jobs " << jobs);
    CHECK(everything(repo, jobs) == serial);
  }
}
