// Reads blobs from a repository's object store, capped: a big loose blob is streamed so that only the
// first max_bytes are inflated; a packed one (libgit2 cannot stream those) is read whole, then cut.
// Content comes back unfiltered: no CRLF conversion, and LFS files stay pointers.

#include "git_raii.hpp"
#include "snapshot_impl.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

namespace tacit::repo {

namespace {

constexpr std::size_t k_stream_chunk = 64u << 10;

std::optional<Content> read_blob_prefix(git_odb* odb, const git_oid& oid, std::uint64_t size,
                                        std::uint64_t max_bytes) {
  git_odb_stream* raw = nullptr;
  std::size_t length = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_odb_open_rstream(&raw, &length, &type, odb, &oid) < 0) {
    git_error_clear();
    return std::nullopt;
  }
  git::OdbStreamPtr stream(raw);
  Content content;
  const auto wanted = static_cast<std::size_t>(max_bytes);
  content.bytes.resize(wanted);
  std::size_t got = 0;
  while (got < wanted) {
    // Returns the number of bytes read (0 at the end), or a negative error.
    const int n =
        git_odb_stream_read(stream.get(), content.bytes.data() + got, std::min(wanted - got, k_stream_chunk));
    if (n < 0) {
      git_error_clear();
      return std::nullopt;
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  content.bytes.resize(got);
  content.truncated = size > got;
  return content;
}

} // namespace

Result<Content> read_blob(git_odb* odb, const git_oid& oid, std::string_view path, std::uint64_t max_bytes) {
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_odb_read_header(&size, &type, odb, &oid) < 0) {
    git_error_clear();
    return make_error(ErrorCode::io,
                      fmt::format("object {} is missing from the object store (a partial clone, or a damaged "
                                  "repository)",
                                  git_oid_tostr_s(&oid)),
                      std::string(path));
  }
  if (type != GIT_OBJECT_BLOB) {
    return make_error(
        ErrorCode::io,
        fmt::format("object {} is a {}, not a blob", git_oid_tostr_s(&oid), git_object_type2string(type)),
        std::string(path));
  }
  if (size > max_bytes) {
    if (auto streamed = read_blob_prefix(odb, oid, size, max_bytes)) {
      return std::move(*streamed);
    }
  }
  git_odb_object* raw = nullptr;
  if (git_odb_read(&raw, odb, &oid) < 0) {
    return make_error(ErrorCode::io,
                      fmt::format("cannot read object {}: {}", git_oid_tostr_s(&oid), git::last_error()),
                      std::string(path));
  }
  git::OdbObjectPtr object(raw);
  const auto length = static_cast<std::uint64_t>(git_odb_object_size(object.get()));
  Content content;
  content.bytes.assign(static_cast<const char*>(git_odb_object_data(object.get())),
                       static_cast<std::size_t>(std::min(length, max_bytes)));
  content.truncated = length > max_bytes;
  return content;
}

std::optional<std::string> unreadable_object(git_repository* repository, std::string_view message) {
  constexpr std::string_view k_marker = "no match for id (";
  const auto at = message.find(k_marker);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  const auto oid = message.substr(at + k_marker.size(), GIT_OID_HEXSZ);
  const std::string objects = fmt::format("{}objects", git_repository_path(repository));
  const std::string loose = fmt::format("{}/{}/{}", objects, oid.substr(0, 2), oid.substr(2));
  for (const auto& [path, flags] :
       {std::pair{loose, O_RDONLY}, std::pair{objects + "/pack", O_RDONLY | O_DIRECTORY}}) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd >= 0) {
      ::close(fd);
      return std::nullopt; // readable: the object is really missing, or corrupt (libgit2 says which)
    }
    if (errno != ENOENT) {
      return fmt::format("object {} cannot be read: '{}': {}", oid, path, std::strerror(errno));
    }
  }
  return fmt::format("object {} is missing from the object store (a damaged or partial clone?)", oid);
}

} // namespace tacit::repo
