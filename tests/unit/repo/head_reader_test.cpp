// Tests for Snapshot::head_reader: the first bytes of many files, from the worktree (directories kept open,
// symlinks never followed), the index, a revision and a plain directory.

#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

// "path=head " for each file (or "path! " for an error), in path order, read one by one; every `skip`th
// left out (0: none).
std::string heads_alone(const repo::Snapshot& snapshot, std::uint64_t max_bytes, std::size_t skip = 0) {
  auto reader = snapshot.head_reader(max_bytes);
  std::string out;
  std::size_t i = 0;
  for (const auto& file : snapshot.files()) {
    if (skip != 0 && i++ % skip == skip - 1)
      continue;
    auto head = reader->read(file);
    out += head ? file.path + "=" + std::string(*head) + " " : file.path + "! ";
  }
  return out;
}

// The same, the reader told every file ahead (HeadReader::expect: a worktree reader reads them in batches,
// through io_uring where the kernel allows) and asked for all but every `skip`th (0: none left out).
std::string heads_ahead(const repo::Snapshot& snapshot, std::uint64_t max_bytes, std::size_t skip = 0) {
  auto reader = snapshot.head_reader(max_bytes);
  std::vector<const repo::FileEntry*> files;
  for (const auto& file : snapshot.files())
    files.push_back(&file);
  reader->expect(files);
  std::string out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (skip != 0 && i % skip == skip - 1)
      continue;
    auto head = reader->read(*files[i]);
    out += head ? files[i]->path + "=" + std::string(*head) + " " : files[i]->path + "! ";
  }
  return out;
}

// Read alone and read ahead, which must agree: the heads read alone.
std::string heads(const repo::Snapshot& snapshot, std::uint64_t max_bytes) {
  const auto alone = heads_alone(snapshot, max_bytes);
  CHECK(heads_ahead(snapshot, max_bytes) == alone);
  return alone;
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

TEST_CASE(
    "Head reader, read ahead: the same bytes as one by one, in batches, whatever changed since the index") {
  TempDir tmp;
  const auto& repo = tmp.path();
  git(repo, "init -q");
  // 300 files in 12 folders (batches of at most 64 files and 256 kB), a file larger than the batch's bytes,
  // empty files, a file in the root.
  REQUIRE(run_in(repo,
                 "for d in $(seq 1 12); do mkdir -p dir$d/sub; for f in $(seq 1 25); do "
                 "printf 'file %s/%s\\n' $d $f > dir$d/f$f.txt; done; done && "
                 "head -c 400000 /dev/zero | tr '\\0' 'x' > dir5/big.txt && : > dir6/empty.txt && "
                 "echo root > root.txt && echo grow > dir7/grow.txt && echo shrinking > dir8/shrink.txt && "
                 "echo gone > dir9/gone.txt && echo d > dir10/now-a-dir.txt && echo p > dir11/pipe.txt") ==
          0);
  git(repo, "add -A");
  git(repo, "commit -q -m files");
  // Since the index: a file grew, one shrank, one is gone, one is a directory, one a FIFO.
  REQUIRE(run_in(repo, "echo 'grown by many more bytes' >> dir7/grow.txt && echo s > dir8/shrink.txt && "
                       "rm dir9/gone.txt dir10/now-a-dir.txt dir11/pipe.txt && mkdir dir10/now-a-dir.txt && "
                       "mkfifo dir11/pipe.txt") == 0);
  auto snapshot = open_ok(repo);
  for (std::uint64_t max_bytes : {8u, 64u, 1u << 20}) {
    CAPTURE(max_bytes);
    const auto alone = heads_alone(*snapshot, max_bytes);
    if (max_bytes >= 64)
      CHECK(alone.find("dir7/grow.txt=grow\ngrown by") != std::string::npos);
    CHECK(heads_ahead(*snapshot, max_bytes) == alone);
    // A caller that leaves files out (its cache holds them) reads the others as they are.
    CHECK(heads_ahead(*snapshot, max_bytes, 3) == heads_alone(*snapshot, max_bytes, 3));
  }
}

TEST_CASE("Head reader, read ahead: a FIFO someone writes to does not hang the read") {
  TempDir tmp;
  make_repo(tmp / "repo", {{"a.txt", "a\n"}, {"pipe.txt", "p\n"}, {"z.txt", "z\n"}});
  REQUIRE(run_in(tmp / "repo", "rm pipe.txt && mkfifo pipe.txt") == 0);
  // A writer holds the FIFO open and writes nothing: a blocking read would wait for it.
  const auto fifo = (tmp / "repo" / "pipe.txt").string();
  const int writer = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK);
  REQUIRE(writer >= 0);
  auto snapshot = open_ok(tmp / "repo");
  const auto alone = heads_alone(*snapshot, 64);
  CHECK(alone.starts_with("a.txt=a\n pipe.txt"));
  CHECK(heads_ahead(*snapshot, 64) == alone);
  ::close(writer);
}
