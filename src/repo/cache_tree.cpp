// The cache-tree extension of a git index file, read from its bytes (see cache_tree.hpp).

#include "cache_tree.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

namespace tacit::repo {

namespace {

constexpr std::size_t k_header = 12;
constexpr std::size_t k_checksum = 20;    // SHA-1 (libgit2 1.5 reads no SHA-256 repository)
constexpr std::size_t k_entry_fixed = 62; // times, dev, ino, mode, uid, gid, size, id, flags
constexpr std::uint16_t k_extended = 0x4000;
constexpr std::uint16_t k_name_mask = 0x0fff;

std::uint32_t big_endian32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::uint16_t big_endian16(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(bytes[at]) << 8) |
                                    static_cast<unsigned char>(bytes[at + 1]));
}

// Where the extensions start: past `count` entries from `at`, or nullopt when they do not fit before `end`.
std::optional<std::size_t> past_entries(std::string_view bytes, std::uint32_t version, std::uint32_t count,
                                        std::size_t end) {
  std::size_t at = k_header;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (end - at < k_entry_fixed)
      return std::nullopt;
    const std::uint16_t flags = big_endian16(bytes, at + k_entry_fixed - 2);
    std::size_t name = at + k_entry_fixed;
    if ((flags & k_extended) != 0) {
      if (version < 3 || end - name < 2)
        return std::nullopt;
      name += 2;
    }
    if (version == 4) {
      // A varint (how much of the previous path to drop), then the rest of the path and a NUL.
      while (name < end && (static_cast<unsigned char>(bytes[name]) & 0x80) != 0)
        ++name;
      if (name >= end)
        return std::nullopt;
      const auto nul = bytes.find('\0', name + 1);
      if (nul == std::string_view::npos || nul >= end)
        return std::nullopt;
      at = nul + 1;
      continue;
    }
    std::size_t length = flags & k_name_mask;
    if (length == k_name_mask) { // a longer path: up to its NUL
      const auto nul = bytes.find('\0', name);
      if (nul == std::string_view::npos || nul >= end)
        return std::nullopt;
      length = nul - name;
    }
    // The fixed part, the path and 1 to 8 NULs, to a multiple of 8 bytes.
    const std::size_t size = (name - at + length + 8) & ~std::size_t{7};
    if (end - at < size)
      return std::nullopt;
    at += size;
  }
  return at;
}

// A decimal number that ends at `stop`, from `at` (moved past `stop`); `negative_one` admits "-1".
std::optional<long long> decimal(std::string_view data, std::size_t& at, char stop, bool negative_one) {
  const auto end = data.find(stop, at);
  if (end == std::string_view::npos || end == at)
    return std::nullopt;
  const auto text = data.substr(at, end - at);
  at = end + 1;
  if (negative_one && text == "-1")
    return -1;
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < 0)
    return std::nullopt;
  return value;
}

// The TREE extension's data: nodes in pre-order, each `name NUL entries SP subtrees LF [id]`.
std::optional<std::vector<CachedTree>> parse_tree_extension(std::string_view data) {
  std::vector<CachedTree> out;
  std::vector<std::pair<std::string, long long>> open; // folders whose subtrees are still to come
  std::size_t at = 0;
  bool root = true;
  while (at < data.size()) {
    if (!root && open.empty())
      return std::nullopt; // bytes after the root's last subtree
    const auto nul = data.find('\0', at);
    if (nul == std::string_view::npos)
      return std::nullopt;
    const auto name = data.substr(at, nul - at);
    at = nul + 1;
    const auto entries = decimal(data, at, ' ', true);
    const auto subtrees = decimal(data, at, '\n', false);
    // libgit2 reads both counts as 32-bit numbers (a larger one is a damaged extension).
    if (!entries || !subtrees || *subtrees > static_cast<long long>(data.size()) ||
        *entries > std::numeric_limits<std::int32_t>::max())
      return std::nullopt;
    std::string path;
    if (root) {
      if (!name.empty())
        return std::nullopt;
    } else {
      if (name.empty() || name.find('/') != std::string_view::npos)
        return std::nullopt;
      path = open.back().first;
      path += name;
      path += '/';
      --open.back().second;
    }
    root = false;
    if (*entries >= 0) {
      if (data.size() - at < GIT_OID_RAWSZ)
        return std::nullopt;
      CachedTree& tree = out.emplace_back();
      tree.path = path;
      git_oid_fromraw(&tree.id, reinterpret_cast<const unsigned char*>(data.data() + at));
      tree.entries = static_cast<std::size_t>(*entries);
      at += GIT_OID_RAWSZ;
    }
    open.emplace_back(std::move(path), *subtrees);
    while (!open.empty() && open.back().second == 0)
      open.pop_back();
  }
  if (root || !open.empty())
    return std::nullopt; // empty, or cut short
  std::sort(out.begin(), out.end(), [](const CachedTree& a, const CachedTree& b) { return a.path < b.path; });
  if (std::adjacent_find(out.begin(), out.end(), [](const CachedTree& a, const CachedTree& b) {
        return a.path == b.path;
      }) != out.end())
    return std::nullopt;
  return out;
}

} // namespace

std::optional<std::vector<CachedTree>> read_cache_tree(std::string_view bytes) {
  if (bytes.size() < k_header + k_checksum || bytes.substr(0, 4) != "DIRC")
    return std::nullopt;
  const std::uint32_t version = big_endian32(bytes, 4);
  if (version < 2 || version > 4)
    return std::nullopt;
  const std::size_t end = bytes.size() - k_checksum;
  const auto extensions = past_entries(bytes, version, big_endian32(bytes, 8), end);
  if (!extensions)
    return std::nullopt;
  std::optional<std::string_view> tree;
  for (std::size_t at = *extensions; at < end;) {
    if (end - at < 8)
      return std::nullopt;
    const auto signature = bytes.substr(at, 4);
    const std::size_t size = big_endian32(bytes, at + 4);
    at += 8;
    if (end - at < size)
      return std::nullopt;
    if (signature == "link" || signature == "sdir")
      return std::nullopt; // a split or sparse index: its entries are not all in this file
    if (signature == "TREE")
      tree = bytes.substr(at, size);
    at += size;
  }
  if (!tree)
    return std::nullopt;
  return parse_tree_extension(*tree);
}

std::optional<std::vector<CachedTree>> parse_cache_tree(std::string_view data) {
  return parse_tree_extension(data);
}

} // namespace tacit::repo
