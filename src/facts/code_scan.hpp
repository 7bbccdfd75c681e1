#pragma once
// What a code scan of its own needs (code_comments.cpp; env_reads.cpp has its collector): the files it may
// read, and one parallel pass over them in runs of neighbouring files, each run's results kept apart so that
// the order never depends on scheduling.

#include <tacit/facts/env_reads.hpp>
#include <tacit/facts/generated.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/parallel.hpp>

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// A file a code scan reads, and the grammar it is parsed with.
struct CodeFile {
  const repo::FileEntry* file;
  doc::Language language;
};

/// The files of `files` in a language the code readers know (env_read_language), not symbolic links, at most
/// `max_file` bytes, and kept by `keep(file, language)`.
template <typename Keep>
std::vector<CodeFile> code_files(const std::vector<const repo::FileEntry*>& files, std::size_t max_file,
                                 Keep keep) {
  std::vector<CodeFile> out;
  for (const auto* file : files) {
    if ((file->mode & 0170000) == repo::k_mode_symlink || file->size > max_file)
      continue;
    if (const auto language = env_read_language(file->path); language && keep(*file, *language))
      out.push_back({file, *language});
  }
  return out;
}

/// Reads `candidates` on `jobs` threads, 64 neighbouring files a run, and calls `each(candidate, text,
/// result)` for each one whose text is not empty and below `max_file` bytes. One `Result` per run, in the
/// files' order.
template <typename Result, typename Each>
std::vector<Result> scan_code_files(const std::vector<CodeFile>& candidates, const HeadReaders& readers,
                                    unsigned jobs, std::size_t max_file, Each each) {
  constexpr std::size_t k_files_per_run = 64;
  const std::size_t runs = (candidates.size() + k_files_per_run - 1) / k_files_per_run;
  std::vector<Result> results(runs);
  util::parallel_for(runs, jobs, [&](std::size_t run) {
    auto read = readers(max_file);
    const auto end = std::min(candidates.size(), (run + 1) * k_files_per_run);
    for (std::size_t i = run * k_files_per_run; i < end; ++i) {
      const auto text = read(*candidates[i].file);
      if (!text.empty() && text.size() < max_file)
        each(candidates[i], std::string_view(text), results[run]);
    }
  });
  return results;
}

} // namespace tacit::facts
