#pragma once
// Private to src/repo: owning handles for libgit2 objects, the one-time library setup, and libgit2's last
// error as text. libgit2 is C and never throws; these wrappers only add ownership.

#include <git2.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tacit::repo::git {

template <typename T, void (*Free)(T*)> struct Deleter {
  void operator()(T* object) const noexcept {
    if (object != nullptr) {
      Free(object);
    }
  }
};

using RepositoryPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using IndexPtr = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using ConfigPtr = std::unique_ptr<git_config, Deleter<git_config, git_config_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using OdbPtr = std::unique_ptr<git_odb, Deleter<git_odb, git_odb_free>>;
using OdbObjectPtr = std::unique_ptr<git_odb_object, Deleter<git_odb_object, git_odb_object_free>>;
using OdbStreamPtr = std::unique_ptr<git_odb_stream, Deleter<git_odb_stream, git_odb_stream_free>>;

/// Owns a git_buf's memory.
struct Buf {
  git_buf value = GIT_BUF_INIT;
  Buf() = default;
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { git_buf_dispose(&value); }
};

/// Initialises libgit2 once per process with tacit's global options (owner validation off, the
/// worktreeConfig and partialClone extensions on). Safe to call from several threads.
void ensure_initialised();

/// Notes for stderr about the user's or system's git configuration that could not be read and was left out
/// (set once by ensure_initialised).
const std::vector<std::string>& config_notes();

/// Opens the repository that contains `path` (a file opens its folder's), discovering it upward; nullptr when
/// there is none. Calls ensure_initialised().
inline RepositoryPtr open_containing(const std::filesystem::path& path) {
  ensure_initialised();
  std::error_code ec;
  auto start = std::filesystem::absolute(path, ec);
  if (!ec && !std::filesystem::is_directory(start, ec))
    start = start.parent_path();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, start.c_str(), 0, nullptr) < 0)
    return nullptr;
  return RepositoryPtr(raw);
}

/// The message of the last libgit2 error on this thread, or `fallback` when there is none.
std::string last_error(const char* fallback = "unknown libgit2 error");

} // namespace tacit::repo::git
