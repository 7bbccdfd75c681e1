#pragma once
// What the bad-input tests share: a scratch repository and a run of the tacit binary in it.

#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace tacit::test {

namespace fs = std::filesystem;

/// What one run of the binary gave.
struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// The whole content of a file.
inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Writes a file, creating its directories.
inline void write(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

/// A scratch directory removed at the end of the test.
struct Scratch {
  fs::path dir;
  Scratch() {
    dir = fs::temp_directory_path() / fmt::format("tacit-bad-input-{}-{}", ::getpid(), counter()++);
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  void sh(const std::string& command) const {
    const auto full = fmt::format("cd '{}' && ( {} ) >/dev/null 2>&1", dir.string(), command);
    REQUIRE_MESSAGE(std::system(full.c_str()) == 0, command);
  }
  void git_repo() const {
    sh("git -c init.defaultBranch=main init -q . && git config user.name t && git config user.email t@t && "
       "git "
       "config commit.gpgsign false");
  }
  /// Runs tacit with `args`, behind `prefix` (a command such as `env VAR=x`) when given.
  Run tacit(const std::string& args, const std::string& prefix = "") const {
    const auto out = dir / ".." / fmt::format("{}.out", dir.filename().string());
    const auto err = dir / ".." / fmt::format("{}.err", dir.filename().string());
    const auto command = fmt::format("cd '{}' && timeout 60 {}'{}' {} >'{}' 2>'{}'", dir.string(), prefix,
                                     TACIT_BINARY, args, out.string(), err.string());
    const int status = std::system(command.c_str());
    Run run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = slurp(out);
    run.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return run;
  }
};

/// True when `needle` occurs in `text`.
inline bool has(const std::string& text, std::string_view needle) {
  return tacit::util::contains(text, needle);
}

} // namespace tacit::test
