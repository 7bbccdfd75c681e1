#pragma once
// Facts: what the repository really does, derived from its machine-readable sources, each with
// provenance. Extractors are independent and cheap; each says which files it reads.

#include <tacit/repo/snapshot.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// Where a fact comes from.
struct Provenance {
  std::string path;
  int line = 0;
  std::string note; ///< what this location shows ("add_test() registers a ctest test")
};

/// A test suite that a known runner can run.
struct TestSuite {
  std::string runner;            ///< ctest, pytest, npm, pnpm, yarn, bun, go, cargo, maven, gradle
  std::string project_dir;       ///< the directory of the project ("" for the root)
  std::string suggested_command; ///< what a doc should tell an agent to run
  std::string script;            ///< the command the project's own test script runs (package.json), if any
  std::vector<Provenance> evidence;
};

/// Everything the extractors found.
struct Facts {
  std::vector<TestSuite> test_suites;
};

/// Reads a file of the snapshot for an extractor (capped; empty when unreadable).
using FileReader = std::function<std::string(const repo::FileEntry&)>;

/// Runs every extractor over the in-scope files.
Facts extract_facts(const std::vector<const repo::FileEntry*>& files, const FileReader& read);

/// The test-suite extractor (CMake/ctest, pytest, npm/pnpm/yarn/bun, go, cargo, Maven, Gradle).
std::vector<TestSuite> extract_test_suites(const std::vector<const repo::FileEntry*>& files,
                                           const FileReader& read);

} // namespace tacit::facts
