// The applier's file I/O: reading a file under the repository root, writing a plan's files atomically.

#include <tacit/fix/apply.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace tacit::fix {

namespace fs = std::filesystem;

Reader disk_reader(const fs::path& root) {
  return [root](const std::string& path) -> Result<std::optional<std::string>> {
    const auto full = root / path;
    struct stat status {};
    if (::lstat(full.c_str(), &status) != 0) {
      if (errno == ENOENT)
        return std::optional<std::string>{};
      return make_error(ErrorCode::io, fmt::format("cannot read {}: {}", path, std::strerror(errno)), path);
    }
    if (S_ISLNK(status.st_mode))
      return make_error(ErrorCode::io, fmt::format("{} is a symbolic link: fix the file it points to", path),
                        path);
    if (!S_ISREG(status.st_mode))
      return make_error(ErrorCode::io, fmt::format("{} is not a regular file", path), path);
    std::ifstream in(full, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
      return make_error(ErrorCode::io, fmt::format("cannot read {}", path), path);
    return std::optional<std::string>(std::move(content));
  };
}

namespace {

// A temporary file next to the target, the old permissions, then a rename over it: a reader sees the old
// file or the new one, never half of it.
Result<void> write_atomically(const fs::path& full, const std::string& path, const std::string& content) {
  struct stat status {};
  const bool existed = ::stat(full.c_str(), &status) == 0;
  if (!existed) {
    std::error_code ec;
    fs::create_directories(full.parent_path(), ec);
    if (ec)
      return make_error(ErrorCode::io, fmt::format("cannot create the folder of {}: {}", path, ec.message()),
                        path);
  }
  const auto temporary =
      fmt::format("{}.tacit-fix.{}", full.string(), static_cast<unsigned long>(::getpid()));
  FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file)
    return make_error(ErrorCode::io, fmt::format("cannot write {}: {}", path, std::strerror(errno)), path);
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int write_errno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) {
    std::remove(temporary.c_str());
    return make_error(ErrorCode::io,
                      fmt::format("cannot write {}: {}", path, std::strerror(written ? errno : write_errno)),
                      path);
  }
  if (existed && ::chmod(temporary.c_str(), status.st_mode & 07777) != 0) {
    const int chmod_errno = errno;
    std::remove(temporary.c_str());
    return make_error(ErrorCode::io, fmt::format("cannot write {}: {}", path, std::strerror(chmod_errno)),
                      path);
  }
  if (std::rename(temporary.c_str(), full.c_str()) != 0) {
    const int rename_errno = errno;
    std::remove(temporary.c_str());
    return make_error(ErrorCode::io, fmt::format("cannot write {}: {}", path, std::strerror(rename_errno)),
                      path);
  }
  return {};
}

} // namespace

Result<void> write_plan(const Plan& plan, const fs::path& root) {
  for (const auto& file : plan.files)
    if (auto written = write_atomically(root / file.path, file.path, file.after); !written)
      return written;
  return {};
}

} // namespace tacit::fix
