// A git index file's entries read from its bytes, as libgit2 1.5 reads them (see index_file.hpp). Each check
// below either mirrors libgit2's (src/libgit2/index.c: parse_index, read_entry, read_extension, read_reuc,
// read_conflict_names; tree-cache.c) or is stricter: what it refuses, libgit2 reads instead.

#include "index_file.hpp"

#include "git_raii.hpp"
#include "snapshot_impl.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <sys/mman.h>
#include <sys/stat.h>

namespace tacit::repo {

namespace {

constexpr std::size_t k_index_header = 12;
constexpr std::size_t k_index_trailer = 20; // SHA-1 (libgit2 1.5 reads no SHA-256 repository)
constexpr std::size_t k_short_entry = 62;   // times, dev, ino, mode, uid, gid, size, id, flags
constexpr std::size_t k_long_entry = 64;    // the same and the extended flags
constexpr std::uint16_t k_flag_extended = 0x4000;
constexpr std::uint16_t k_flag_name_mask = 0x0fff;
constexpr std::size_t k_max_v4_path = 4096; // libgit2's GIT_PATH_MAX, with the NUL
constexpr std::uint64_t k_max_index_file = std::uint64_t{1} << 32;

std::uint32_t index_be32(const char* at) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(at);
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
         bytes[3];
}

std::uint16_t index_be16(const char* at) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(at);
  return static_cast<std::uint16_t>((bytes[0] << 8) | bytes[1]);
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size())
    return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (c != prefix[i])
      return false;
  }
  return true;
}

// A component named like the repository's own folder on some file system (".git", ".GIT.", "git~1 ",
// ".git:stream", and with HFS+'s ignored code points in it): libgit2 refuses such an entry on read.
bool names_git_folder(std::string_view component) {
  std::string ascii;
  std::string_view plain = component;
  for (const char c : component) {
    if (static_cast<unsigned char>(c) >= 0x80) { // HFS+ ignores some code points: compare without any
      for (const char k : component)
        if (static_cast<unsigned char>(k) < 0x80)
          ascii += k;
      plain = ascii;
      break;
    }
  }
  for (const std::string_view reserved : {std::string_view(".git"), std::string_view("git~")}) {
    if (!starts_with_icase(plain, reserved))
      continue;
    const auto rest = plain.substr(reserved.size());
    if (reserved == "git~" || rest.empty() || rest.front() == ' ' || rest.front() == '.' ||
        rest.front() == '\\' || rest.front() == ':')
      return true;
  }
  return false;
}

// Whether libgit2 surely accepts `path` as an index entry's (index_entry_create: no "." or ".." component,
// no component that names the git folder); empty components are refused here too.
bool plain_entry_path(std::string_view path) {
  if (path.empty())
    return false;
  std::size_t start = 0;
  while (true) {
    const auto slash = path.find('/', start);
    const auto component = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (component.empty() || component == "." || component == "..")
      return false;
    if ((component.front() == '.' || component.front() == 'g' || component.front() == 'G' ||
         static_cast<unsigned char>(component.front()) >= 0x80) &&
        names_git_folder(component))
      return false;
    if (slash == std::string_view::npos)
      return true;
    start = slash + 1;
  }
}

// git's offset varint (libgit2's git_decode_varint); nullopt when it overflows or runs past `end`.
std::optional<std::uint64_t> index_varint(const char*& at, const char* end) {
  if (at >= end)
    return std::nullopt;
  auto c = static_cast<unsigned char>(*at++);
  std::uint64_t value = c & 127;
  while ((c & 128) != 0) {
    value += 1;
    if (value == 0 || (value >> 57) != 0 || at >= end)
      return std::nullopt;
    c = static_cast<unsigned char>(*at++);
    value = (value << 7) + (c & 127);
  }
  return value;
}

// The resolve-undo extension as libgit2's read_reuc accepts it: entries of a path, three octal modes
// (NUL-terminated) and an id for each mode that is not 0, with bytes left after the third mode.
bool valid_reuc(std::string_view data) {
  while (!data.empty()) {
    const auto nul = data.find('\0');
    if (nul == std::string_view::npos || data.size() <= nul + 1)
      return false;
    data.remove_prefix(nul + 1);
    int with_id = 0;
    for (int i = 0; i < 3; ++i) {
      const auto end = data.find('\0');
      if (end == std::string_view::npos || end == 0 || end > 11 || data.size() <= end + 1)
        return false;
      std::uint64_t mode = 0;
      for (const char c : data.substr(0, end)) {
        if (c < '0' || c > '7')
          return false;
        mode = mode * 8 + static_cast<std::uint64_t>(c - '0');
      }
      if (mode > std::numeric_limits<std::uint32_t>::max())
        return false;
      with_id += mode != 0 ? 1 : 0;
      data.remove_prefix(end + 1);
    }
    if (data.size() < static_cast<std::size_t>(with_id) * GIT_OID_RAWSZ)
      return false;
    data.remove_prefix(static_cast<std::size_t>(with_id) * GIT_OID_RAWSZ);
  }
  return true;
}

// The conflict-name extension as libgit2's read_conflict_names accepts it: NUL-terminated names, three
// per entry.
bool valid_conflict_names(std::string_view data) {
  while (!data.empty()) {
    for (int i = 0; i < 3; ++i) {
      const auto nul = data.find('\0');
      if (nul == std::string_view::npos)
        return false;
      data.remove_prefix(nul + 1);
    }
  }
  return true;
}

// A number of a cache-tree node as libgit2 reads it (32 bits, optionally negative) that ends with `stop`;
// stricter than libgit2 (no sign but '-', no blanks).
std::optional<std::int64_t> tree_number(std::string_view data, std::size_t& at, char stop) {
  const bool negative = at < data.size() && data[at] == '-';
  std::size_t cursor = at + (negative ? 1 : 0);
  std::int64_t value = 0;
  const std::size_t digits = cursor;
  while (cursor < data.size() && data[cursor] >= '0' && data[cursor] <= '9') {
    value = value * 10 + (data[cursor++] - '0');
    if (value > std::numeric_limits<std::int32_t>::max())
      return std::nullopt;
  }
  if (cursor == digits || cursor >= data.size() || data[cursor] != stop)
    return std::nullopt;
  at = cursor + 1;
  return negative ? -value : value;
}

// Whether libgit2 reads the cache-tree extension's `data` (tree-cache.c: read_tree_internal): nodes in
// pre-order, each `name NUL entries SP subtrees LF [id when entries >= 0]`, nothing after the root's.
bool valid_tree_extension(std::string_view data) {
  std::vector<std::int64_t> pending{1}; // nodes still to read at each open level
  std::size_t at = 0;
  while (!pending.empty()) {
    if (pending.back() == 0) {
      pending.pop_back();
      continue;
    }
    --pending.back();
    const auto nul = data.find('\0', at);
    if (nul == std::string_view::npos || nul + 1 >= data.size())
      return false;
    at = nul + 1;
    const auto entries = tree_number(data, at, ' ');
    const auto subtrees = entries ? tree_number(data, at, '\n') : std::nullopt;
    if (!subtrees || *subtrees < 0)
      return false;
    if (*entries >= 0) {
      if (data.size() - at < GIT_OID_RAWSZ)
        return false;
      at += GIT_OID_RAWSZ;
    }
    pending.push_back(*subtrees);
  }
  return at == data.size();
}

} // namespace

IndexFile::~IndexFile() {
  if (m_mapping != nullptr)
    ::munmap(m_mapping, m_data.size());
}

IndexFileEntry IndexFile::entry(std::size_t at) const {
  const char* entry = m_data.data() + m_offsets[at];
  IndexFileEntry out;
  out.mtime_seconds = static_cast<std::int32_t>(index_be32(entry + 8));
  out.mtime_nanoseconds = index_be32(entry + 12);
  out.mode = index_be32(entry + 24);
  out.file_size = index_be32(entry + 36);
  git_oid_fromraw(&out.id, reinterpret_cast<const unsigned char*>(entry + 40));
  out.flags = index_be16(entry + 60);
  const bool extended = (out.flags & k_flag_extended) != 0;
  if (extended)
    out.flags_extended = index_be16(entry + 62);
  if (m_version == 4) {
    out.path = std::string_view(m_paths).substr(m_path_starts[at], m_path_starts[at + 1] - m_path_starts[at]);
  } else {
    const char* name = entry + (extended ? k_long_entry : k_short_entry);
    const std::size_t length = out.flags & k_flag_name_mask;
    out.path = std::string_view(name, length < k_flag_name_mask ? length : std::strlen(name));
  }
  return out;
}

std::vector<CachedTree> IndexFile::trees() const {
  if (m_tree.data() == nullptr)
    return {};
  auto trees = parse_cache_tree(m_tree);
  return trees ? std::move(*trees) : std::vector<CachedTree>{};
}

// Reads m_data: false when libgit2 is to read it instead.
bool IndexFile::parse() {
  const std::string_view data = m_data;
  if (data.size() < k_index_header + k_index_trailer || data.substr(0, 4) != "DIRC" ||
      data.size() >= k_max_index_file)
    return false;
  m_version = index_be32(data.data() + 4);
  const std::uint32_t count = index_be32(data.data() + 8);
  if (m_version < 2 || m_version > 4 || count > (data.size() - k_index_header) / k_short_entry)
    return false;
  const char* const base = data.data();
  // Entries end where the trailer starts at the latest (libgit2: an entry must leave the trailer's bytes).
  const std::size_t end = data.size() - k_index_trailer;
  m_offsets.resize(count);
  std::string last; // version 4: the previous entry's path
  if (m_version == 4)
    m_path_starts.reserve(std::size_t{count} + 1);
  std::size_t at = k_index_header;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (end - at < k_short_entry)
      return false;
    m_offsets[i] = static_cast<std::uint32_t>(at);
    const char* entry = base + at;
    const std::uint16_t flags = index_be16(entry + 60);
    std::size_t fixed = k_short_entry;
    if ((flags & k_flag_extended) != 0) {
      // libgit2 reads extended flags in a version 2 file too; cache_tree.cpp reads no cache tree then
      if (m_version < 3 || end - at < k_long_entry)
        return false;
      fixed = k_long_entry;
    }
    const char* name = entry + fixed;
    std::string_view path;
    std::size_t size = 0;
    if (m_version < 4) {
      const std::size_t length = flags & k_flag_name_mask;
      const char* nul = static_cast<const char*>(std::memchr(name, '\0', end - at - fixed));
      // The path must be the length its flags say (libgit2 and git would disagree on it otherwise).
      if (nul == nullptr || (length < k_flag_name_mask && static_cast<std::size_t>(nul - name) != length) ||
          (length == k_flag_name_mask && static_cast<std::size_t>(nul - name) < length))
        return false;
      path = std::string_view(name, static_cast<std::size_t>(nul - name));
      size = (fixed + path.size() + 8) & ~std::size_t{7};
    } else {
      const char* cursor = name;
      const auto strip = index_varint(cursor, base + end);
      if (!strip || *strip > last.size())
        return false;
      const char* nul =
          static_cast<const char*>(std::memchr(cursor, '\0', static_cast<std::size_t>(base + end - cursor)));
      if (nul == nullptr)
        return false;
      const auto suffix = static_cast<std::size_t>(nul - cursor);
      const std::size_t prefix = last.size() - static_cast<std::size_t>(*strip);
      if (prefix + suffix + 1 > k_max_v4_path)
        return false;
      last.resize(prefix);
      last.append(cursor, suffix);
      m_path_starts.push_back(static_cast<std::uint32_t>(m_paths.size()));
      m_paths += last;
      path = last;
      size = static_cast<std::size_t>(nul + 1 - entry);
    }
    if (end - at < size || !plain_entry_path(path))
      return false;
    at += size;
  }
  if (m_version == 4)
    m_path_starts.push_back(static_cast<std::uint32_t>(m_paths.size()));
  // The extensions, to the trailer: optional ones (an upper-case first letter) only.
  while (at < end) {
    if (end - at < 8)
      return false;
    const auto signature = data.substr(at, 4);
    const std::size_t size = index_be32(base + at + 4);
    at += 8;
    if (end - at < size)
      return false;
    const auto extension = data.substr(at, size);
    at += size;
    if (signature[0] < 'A' || signature[0] > 'Z')
      return false; // required: libgit2 knows none ("link": a split index, "sdir": a sparse one)
    if ((signature == "TREE" && !valid_tree_extension(extension)) ||
        (signature == "REUC" && !valid_reuc(extension)) ||
        (signature == "NAME" && !valid_conflict_names(extension)))
      return false;
    if (signature == "TREE")
      m_tree = extension;
  }
  return true;
}

std::unique_ptr<IndexFile> parse_index_file(std::string bytes) {
  auto file = std::make_unique<IndexFile>();
  file->m_bytes = std::move(bytes);
  file->m_data = file->m_bytes;
  return file->parse() ? std::move(file) : nullptr;
}

std::unique_ptr<IndexFile> read_index_file(const std::filesystem::path& path) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat info {};
  if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::uint64_t>(info.st_size) >= k_max_index_file ||
      static_cast<std::size_t>(info.st_size) < k_index_header + k_index_trailer) {
    return nullptr;
  }
  // Mapped (git maps it too): reading 13 MB into fresh memory costs ten times more. git replaces the file
  // (a rename of index.lock), never rewrites it in place.
  const auto size = static_cast<std::size_t>(info.st_size);
  void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
  if (mapping == MAP_FAILED) {
    return nullptr;
  }
  auto file = std::make_unique<IndexFile>();
  file->m_mapping = mapping;
  file->m_data = std::string_view(static_cast<const char*>(mapping), size);
  file->m_time = static_cast<std::int64_t>(info.st_mtim.tv_sec);
  return file->parse() ? std::move(file) : nullptr;
}

std::filesystem::path index_file_path(git_repository* repository) {
  if (const char* named = std::getenv("GIT_INDEX_FILE"); named != nullptr && named[0] != '\0') {
    std::error_code ec;
    auto path = std::filesystem::absolute(named, ec);
    return ec ? std::filesystem::path(named) : path;
  }
  return std::filesystem::path(git_repository_path(repository)) / "index";
}

std::shared_ptr<const IndexFile> read_own_index(git_repository* repository,
                                                const std::filesystem::path& file) {
  git_config* config = nullptr;
  if (git_repository_config_snapshot(&config, repository) < 0) {
    git_error_clear();
    return nullptr;
  }
  const git::ConfigPtr owned(config);
  int ignore_case = 0;
  const int rc = git_config_get_bool(&ignore_case, config, "core.ignorecase");
  git_error_clear();
  if ((rc < 0 && rc != GIT_ENOTFOUND) || (rc == 0 && ignore_case != 0)) {
    return nullptr;
  }
  return read_index_file(file.empty() ? std::filesystem::path(git_repository_path(repository)) / "index"
                                      : file);
}

} // namespace tacit::repo
