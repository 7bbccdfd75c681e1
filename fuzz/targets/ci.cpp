// The CI workflow extractors (GitHub Actions, GitLab CI, CircleCI, Azure Pipelines), with the local files
// they follow (actions, reusable workflows, includes, templates). The input is one or more files (see
// split_files); the first is a GitHub workflow unless the input names another.

#include "../fuzz_target.hpp"

#include <tacit/facts/ci.hpp>
#include <tacit/facts/file_cache.hpp>

#include <algorithm>
#include <map>
#include <vector>

TACIT_FUZZ_TARGET(ci) {
  const auto files = tacit::fuzz::split_files(tacit::fuzz::as_text(data, size), ".github/workflows/ci.yml");
  std::map<std::string, std::string> content;
  for (const auto& [path, text] : files)
    content.emplace(path, text); // the first of two files with one name is kept
  std::vector<tacit::repo::FileEntry> entries;
  for (const auto& [path, text] : content)
    entries.push_back({path, 0100644, text.size()});
  std::vector<const tacit::repo::FileEntry*> pointers;
  for (const auto& entry : entries)
    pointers.push_back(&entry);
  tacit::facts::ParsedFileCache read(
      [&](const tacit::repo::FileEntry& file) { return content.at(file.path); });
  const auto ci = tacit::facts::extract_ci(pointers, read);
  tacit::facts::release_workflows(ci);
  return 0;
}
