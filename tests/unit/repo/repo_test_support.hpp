#pragma once
// Helpers for the repo tests: temporary directories, real git repositories built by running `git`, and
// opening snapshots. Every repository lives in its own temporary directory, removed afterwards.

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

namespace tacit::test {

/// A fresh directory under the system temp dir, removed (recursively) on destruction.
class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tacit-repo-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) {
      std::error_code ec;
      m_path = std::filesystem::canonical(pattern, ec);
    }
    REQUIRE_FALSE(m_path.empty());
  }
  ~TempDir() {
    std::error_code ec;
    if (std::system(("chmod -R u+rwx '" + m_path.string() + "' 2>/dev/null").c_str()) != 0) {
      // best effort: the removal below reports nothing either
    }
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(std::string_view relative) const { return m_path / relative; }

private:
  std::filesystem::path m_path;
};

/// Runs a shell command in `dir`, output discarded; returns its exit status.
inline int run_in(const std::filesystem::path& dir, const std::string& command) {
  const std::string line = "cd '" + dir.string() + "' && { " + command + " ; } >/dev/null 2>&1";
  return std::system(line.c_str());
}

/// Runs git in `dir` with a neutral configuration and a fixed identity; fails the test when git fails.
inline void git(const std::filesystem::path& dir, const std::string& args) {
  const std::string command = "env GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -c user.name=tacit "
                              "-c user.email=tacit@example.com "
                              "-c commit.gpgsign=false -c core.autocrlf=false -c init.defaultBranch=main -c "
                              "protocol.file.allow=always " +
                              args;
  INFO("git " << args << " in " << dir.string());
  REQUIRE(run_in(dir, command) == 0);
}

/// Writes `content` to `path` byte for byte, creating parent directories.
inline void write_file(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  REQUIRE(out.good());
}

/// The bytes of the file at `path` ("" when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Creates a repository at `dir` with the given files committed in one commit.
inline void make_repo(const std::filesystem::path& dir,
                      std::initializer_list<std::pair<std::string_view, std::string_view>> files) {
  std::filesystem::create_directories(dir);
  git(dir, "init -q");
  for (const auto& [name, content] : files) {
    write_file(dir / name, content);
  }
  git(dir, "add -A");
  git(dir, "commit -q -m initial");
}

/// Creates a repository at `dir` whose merge of branch `side` into `main` stops on a conflict in c.txt;
/// `other` is a file both branches leave alone.
inline void make_merge_conflict(const std::filesystem::path& dir, std::string_view other = "other.txt") {
  make_repo(dir, {{"c.txt", "base\n"}, {other, "o\n"}});
  git(dir, "checkout -q -b side");
  write_file(dir / "c.txt", "side\n");
  git(dir, "commit -q -am side");
  git(dir, "checkout -q main");
  write_file(dir / "c.txt", "main\n");
  git(dir, "commit -q -am main");
  CHECK(run_in(dir, "git -c user.name=t -c user.email=t@t merge side") != 0);
}

/// Opens a snapshot, failing the test on an error.
inline std::unique_ptr<repo::Snapshot> open_ok(const std::filesystem::path& path,
                                               repo::ContentSource source = repo::ContentSource::worktree,
                                               std::string revision = {}, std::uint64_t cap = 8u << 20) {
  repo::SnapshotOptions options;
  options.path = path;
  options.source = source;
  options.revision = std::move(revision);
  options.max_read_bytes = cap;
  auto snapshot = repo::Snapshot::open(options);
  INFO("open " << path.string() << ": " << (snapshot ? std::string() : snapshot.error().message));
  REQUIRE(snapshot.has_value());
  return std::move(*snapshot);
}

/// Opens a snapshot that must fail, and returns the error.
inline Error open_error(const std::filesystem::path& path,
                        repo::ContentSource source = repo::ContentSource::worktree,
                        std::string revision = {}) {
  repo::SnapshotOptions options;
  options.path = path;
  options.source = source;
  options.revision = std::move(revision);
  auto snapshot = repo::Snapshot::open(options);
  REQUIRE_FALSE(snapshot.has_value());
  return snapshot.error();
}

/// Reads a file of the snapshot, failing the test on an error.
inline std::string read_ok(const repo::Snapshot& snapshot, std::string_view path) {
  const repo::FileEntry* file = snapshot.find(path);
  INFO("read " << path);
  REQUIRE(file != nullptr);
  auto content = snapshot.read(*file);
  INFO((content ? std::string() : content.error().message));
  REQUIRE(content.has_value());
  return content->bytes;
}

/// The paths of a snapshot's files, joined by spaces.
inline std::string listing(const repo::Snapshot& snapshot) {
  std::string out;
  for (const auto& file : snapshot.files()) {
    out += out.empty() ? "" : " ";
    out += file.path;
  }
  return out;
}

} // namespace tacit::test
