#pragma once
// Facts about the code's structure: the docs that map it (architecture docs and sections) and how big the
// code is (source files by extension, top-level source modules).

#include <tacit/facts/provenance.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// A document that maps the code's structure: ARCHITECTURE.md, docs/architecture*, a section about the
/// architecture, structure, layout or design of the code in a README, CONTRIBUTING or context file, or a
/// context-file section that lists the top-level directories.
struct ArchitectureDoc {
  std::string path;
  int line = 1;        ///< the section's heading line; 1 for a whole file
  std::string heading; ///< the section's heading; "" for a whole file
  std::string kind; ///< file, section, directory-list, module-section (a module README's structure section,
                    ///< when those cover at least half of the code)
};

/// A top-level source module: a top-level directory that holds source files, or a child of src/,
/// packages/, crates/, cmd/, internal/, pkg/, apps/, libs/, services/.
struct SourceModule {
  std::string path;
  int source_files = 0;
};

/// How big the code is: source files by extension outside vendored, example, doc, fixture and test folders,
/// neither tests by name (x_test.go, test_x.py, x.spec.ts) nor generated.
struct SourceSize {
  int source_files = 0;
  std::map<std::string, int> by_extension; ///< "cpp" -> 120
  std::vector<SourceModule> modules;       ///< sorted by path
};

/// The source size extractor (source files by extension, top-level source modules; a single module that is
/// a layout folder, lib/ or src/<package>, is replaced by its subfolders). `generated`: paths of generated
/// files, not counted.
SourceSize extract_source_size(const std::vector<const repo::FileEntry*>& files,
                               const std::set<std::string, std::less<>>& generated = {});

/// True for a path of test code: a test file by its name (x_test.go, test_x.py, x.spec.ts, FooTest.java,
/// conftest.py) or a file under a test folder (tests/, __tests__/, e2e/, integration-tests/...).
bool is_test_path(std::string_view path);

/// The architecture doc extractor. Needs the source size (a context-file section that lists the top-level
/// directories counts).
std::vector<ArchitectureDoc> extract_architecture_docs(const std::vector<const repo::FileEntry*>& files,
                                                       const FileReader& read, const SourceSize& size);

} // namespace tacit::facts
