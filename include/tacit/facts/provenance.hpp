#pragma once
// What every fact extractor shares: where a fact comes from, and how an extractor reads a file.

#include <tacit/facts/file_cache.hpp>
#include <tacit/repo/snapshot.hpp>

#include <string>

namespace tacit::facts {

/// Where a fact comes from.
struct Provenance {
  std::string path;
  int line = 0;
  std::string note; ///< what this location shows ("add_test() registers a ctest test")
};

/// What the extractors read files through: the run's cache, which reads each file once (capped; empty when
/// unreadable) and parses it once per format.
using FileReader = ParsedFileCache;

} // namespace tacit::facts
