#pragma once
// "Not ours": another project's code kept in this repository. One predicate that every rule and extractor
// honours (the context leaves these files out of scope; rules that resolve paths ask it too): vendored and
// third-party folders by name (vendor/, third_party/, third-party/, thirdparty/, 3rdparty/ at any depth;
// deps/, external/, extern/ at the root), git submodules (.gitmodules), paths the root .gitattributes marks
// linguist-vendored, and a folder that carries another project's own LICENSE and README next to its build
// file (its copyright holder is not the root LICENSE's, and no root workspace file names it).

#include <tacit/repo/snapshot.hpp>
#include <tacit/util/glob.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// True when a folder (a '/'-separated repository path, no trailing '/') holds vendored code by its name
/// alone: vendor/, third_party/... anywhere, deps/, external/, extern/ at the root.
bool is_vendored_dir(std::string_view dir);

/// True when a folder above `path` is vendored by its name (is_vendored_dir).
bool in_vendored_dir(std::string_view path);

/// The repository's vendored paths.
class ForeignCode {
public:
  using Reader = std::function<std::string_view(const repo::FileEntry&)>;

  /// Reads .gitmodules, the root .gitattributes and the LICENSE files of candidate folders of `files`
  /// (all tracked files, sorted by path) through `read`.
  static ForeignCode detect(const std::vector<repo::FileEntry>& files, const Reader& read);

  /// True when `path` (a file or folder) is another project's: in a vendored folder, a submodule, a
  /// linguist-vendored path or a folder with another project's LICENSE.
  bool contains(std::string_view path) const;

  /// contains(path) for a file whose folder's verdict, contains(dir_name(path)), the caller knows: what is
  /// left to decide is the file's own name. For callers that decide each folder once.
  bool contains_file(std::string_view path, bool folder_contained) const;

  /// The folders found besides the names (submodules, other projects' folders), sorted.
  const std::vector<std::string>& roots() const { return m_roots; }

private:
  std::vector<std::string> m_roots;
  util::IgnoreRules m_attributes;
};

} // namespace tacit::facts
