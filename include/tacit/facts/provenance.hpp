#pragma once
// What every fact extractor shares: where a fact comes from, and how an extractor reads a file.

#include <tacit/repo/snapshot.hpp>

#include <functional>
#include <string>

namespace tacit::facts {

/// Where a fact comes from.
struct Provenance {
  std::string path;
  int line = 0;
  std::string note; ///< what this location shows ("add_test() registers a ctest test")
};

/// Reads a file of the snapshot for an extractor (capped; empty when unreadable).
using FileReader = std::function<std::string(const repo::FileEntry&)>;

} // namespace tacit::facts
