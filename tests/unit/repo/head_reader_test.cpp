// Tests for Snapshot::head_reader: the first bytes of many files, from the worktree (directories kept open,
// symlinks never followed), the index, a revision and a plain directory.

#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

// "path=head" for each file (or "path!" for an error), in path order.
std::string heads(const repo::Snapshot& snapshot, std::uint64_t max_bytes) {
  auto reader = snapshot.head_reader(max_bytes);
  std::string out;
  for (const auto& file : snapshot.files()) {
    auto head = reader->read(file);
    out += head ? file.path + "=" + std::string(*head) + " " : file.path + "! ";
  }
  return out;
}

} // namespace

TEST_CASE("Head reader: heads of files across directories, cut at the size asked for") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "alpha\n"},
                         {"d/b.txt", "bravo bravo\n"},
                         {"d/c.txt", "charlie\n"},
                         {"d/e/f.txt", "foxtrot\n"},
                         {"g.txt", ""}});
  for (auto source : {ContentSource::worktree, ContentSource::index, ContentSource::revision}) {
    auto snapshot = open_ok(tmp.path(), source, source == ContentSource::revision ? "HEAD" : "");
    CHECK(heads(*snapshot, 5) == "a.txt=alpha d/b.txt=bravo d/c.txt=charl d/e/f.txt=foxtr g.txt= ");
    CHECK(heads(*snapshot, 64) ==
          "a.txt=alpha\n d/b.txt=bravo bravo\n d/c.txt=charlie\n d/e/f.txt=foxtrot\n g.txt= ");
  }
}

TEST_CASE("Head reader: symlinks are their target, a FIFO is empty, missing files are not listed, no hang") {
  TempDir tmp;
  write_file(tmp / "outside/secret.txt", "secret\n");
  make_repo(tmp / "repo", {{"docs/guide.md", "guide\n"},
                           {"gone.txt", "x\n"},
                           {"pipe.txt", "p\n"},
                           {"sub/file.md", "sub\n"},
                           {"z.txt", "last\n"}});
  REQUIRE(run_in(tmp / "repo", "ln -s docs/guide.md AGENTS.md") == 0);
  git(tmp / "repo", "add AGENTS.md");
  git(tmp / "repo", "commit -q -m link");
  REQUIRE(run_in(tmp / "repo",
                 "rm gone.txt pipe.txt && mkfifo pipe.txt && rm -r sub && ln -s ../outside sub") == 0);
  auto snapshot = open_ok(tmp / "repo");
  CHECK(heads(*snapshot, 64) ==
        "AGENTS.md=docs/guide.md docs/guide.md=guide\n pipe.txt= sub=../outside z.txt=last\n ");
}

TEST_CASE("Head reader: sparse checkout entries come from the index, a plain directory is read too") {
  TempDir tmp;
  make_repo(tmp / "repo", {{"in/a.md", "a\n"}, {"out/b.md", "b\n"}});
  git(tmp / "repo", "sparse-checkout set --no-cone /in/");
  CHECK(heads(*open_ok(tmp / "repo"), 8) == "in/a.md=a\n out/b.md=b\n ");

  write_file(tmp / "plain/x/y.txt", "yankee\n");
  write_file(tmp / "plain/z.txt", "zulu\n");
  CHECK(heads(*open_ok(tmp / "plain"), 3) == "x/y.txt=yan z.txt=zul ");
}

TEST_CASE("Index and revision reads: a file still as checked out is read from the worktree, the same bytes") {
  TempDir tmp;
  make_repo(tmp / "repo", {{".gitattributes", "*.txt text=auto\n"},
                           {"same.md", "as committed\n"},
                           {"crlf.txt", "one\r\ntwo\r\n"},
                           {"edited.md", "first\n"},
                           {"staged.md", "old\n"}});
  // Old modification times, then a fresh index: no entry is racy, every clean file is a candidate.
  REQUIRE(run_in(tmp / "repo", "touch -d '2020-01-01 00:00:00' same.md crlf.txt edited.md staged.md && "
                               "rm .git/index && git reset -q") == 0);
  // Staged, then changed again in the worktree: the index holds "new", the worktree "newer".
  write_file(tmp / "repo" / "staged.md", "new\n");
  git(tmp / "repo", "add staged.md");
  write_file(tmp / "repo" / "staged.md", "newer\n");
  write_file(tmp / "repo" / "edited.md", "second\n"); // same size as "first\n", a new mtime
  const auto index = open_ok(tmp / "repo", ContentSource::index);
  CHECK(read_ok(*index, "same.md") == "as committed\n");
  CHECK(read_ok(*index, "crlf.txt") == "one\ntwo\n"); // the blob's line ends (text=auto), not the worktree's
  CHECK(read_ok(*index, "edited.md") == "first\n");
  CHECK(read_ok(*index, "staged.md") == "new\n");
  CHECK(heads(*index, 64) == ".gitattributes=*.txt text=auto\n crlf.txt=one\ntwo\n edited.md=first\n "
                             "same.md=as committed\n staged.md=new\n ");
  const auto head = open_ok(tmp / "repo", ContentSource::revision, "HEAD");
  CHECK(read_ok(*head, "staged.md") == "old\n");
  CHECK(read_ok(*head, "same.md") == "as committed\n");
  CHECK(heads(*head, 3) == ".gitattributes=*.t crlf.txt=one edited.md=fir same.md=as  staged.md=old ");
}

TEST_CASE("Revision reads with the index another snapshot read: the same bytes, the index read once") {
  TempDir tmp;
  make_repo(tmp / "repo", {{".gitattributes", "*.txt text=auto\n"},
                           {"same.md", "as committed\n"},
                           {"crlf.txt", "one\r\ntwo\r\n"},
                           {"edited.md", "first\n"}});
  REQUIRE(run_in(tmp / "repo", "touch -d '2020-01-01 00:00:00' same.md crlf.txt edited.md && "
                               "rm .git/index && git reset -q") == 0);
  make_repo(tmp / "other", {{"crlf.txt", "x\n"}});
  write_file(tmp / "repo" / "edited.md", "second\n"); // same size, a new mtime: not as checked out
  const auto worktree = open_ok(tmp / "repo");
  const auto reading = worktree->index_reading();
  REQUIRE(reading != nullptr);
  CHECK(open_ok(tmp / "repo", ContentSource::revision, "HEAD")->index_reading() == nullptr);
  // The index changes after the worktree snapshot read it: the revision opened with that reading sees the
  // index as it was (crlf.txt's entry, with the checked-out size), one that reads the index sees it now.
  git(tmp / "repo", "rm -q --cached crlf.txt");
  const auto open_with = [&](std::shared_ptr<const repo::IndexReading> index) {
    repo::SnapshotOptions options;
    options.path = tmp / "repo";
    options.source = ContentSource::revision;
    options.revision = "HEAD";
    options.index = std::move(index);
    auto snapshot = repo::Snapshot::open(options);
    REQUIRE(snapshot.has_value());
    return std::move(*snapshot);
  };
  const auto lent = open_with(reading);
  const auto own = open_with(nullptr);
  const auto foreign = open_with(open_ok(tmp / "other")->index_reading()); // another repository's: ignored
  REQUIRE(lent->find("crlf.txt") != nullptr);
  CHECK(lent->find("crlf.txt")->size == 10); // the worktree's size, as the index recorded it
  CHECK(own->find("crlf.txt")->size == 8);   // the blob's size
  CHECK(foreign->find("crlf.txt")->size == 8);
  for (const auto* snapshot : {lent.get(), own.get(), foreign.get()}) {
    CHECK(read_ok(*snapshot, "same.md") == "as committed\n");
    CHECK(read_ok(*snapshot, "crlf.txt") == "one\ntwo\n");
    CHECK(read_ok(*snapshot, "edited.md") == "first\n");
    CHECK(heads(*snapshot, 64) == heads(*own, 64));
  }
}
