// Tests for the per-run file cache (facts/file_cache): a file is read once and each parse of it happens once,
// whoever asks and from however many threads; a read or parse error is kept like a result.

#include "../../../src/facts/json_scripts.hpp"
#include "../../../src/facts/yaml_util.hpp"

#include <tacit/facts/file_cache.hpp>
#include <tacit/util/parallel.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <map>
#include <string>
#include <vector>

using namespace tacit;

namespace {

// Files in memory, read through a reader that counts the reads of each path.
struct CountingFiles {
  std::map<std::string, std::string> content;
  mutable std::map<std::string, std::atomic<int>> reads;

  facts::ParsedFileCache cache(std::size_t cap = 1u << 20) const {
    for (const auto& [path, text] : content)
      reads[path] = 0;
    return facts::ParsedFileCache(
        [this](const repo::FileEntry& file) -> Result<repo::Content> {
          ++reads.at(file.path);
          const auto it = content.find(file.path);
          if (it == content.end() || it->second == "<unreadable>")
            return make_error(ErrorCode::io, "cannot read", file.path);
          return repo::Content{it->second, false};
        },
        cap);
  }
};

repo::FileEntry entry(std::string path) {
  return repo::FileEntry{std::move(path), 0100644, 0};
}

} // namespace

TEST_CASE("file cache: two callers get the same parse of a file read once") {
  CountingFiles files;
  files.content["package.json"] = R"({"name": "x", "scripts": {"test": "jest"}})";
  const auto cache = files.cache();
  // Two entries for one path: callers need not share the snapshot's entry.
  const auto first = entry("package.json");
  const auto second = entry("package.json");
  const auto& a = cache.package_json(first);
  const auto& b = cache.package_json(second);
  CHECK(&a == &b);
  CHECK(a.valid);
  CHECK(a.scripts.at("test").value == "jest");
  CHECK(&cache.json(first) == &cache.json(second));
  CHECK(cache(first) == files.content["package.json"]);
  CHECK(files.reads.at("package.json") == 1);
}

TEST_CASE("file cache: a parse error is kept, and the file is still read once") {
  CountingFiles files;
  files.content[".pre-commit-config.yaml"] = "repos: [\n";
  files.content["pyproject.toml"] = "[tool\n";
  const auto cache = files.cache();
  const auto yaml_file = entry(".pre-commit-config.yaml");
  const auto toml_file = entry("pyproject.toml");
  const auto& first = cache.yaml(yaml_file);
  const auto& second = cache.yaml(yaml_file);
  REQUIRE(!first);
  CHECK(&first == &second);
  CHECK(first.error().path == ".pre-commit-config.yaml");
  CHECK(first.error().line >= 1);
  CHECK(!cache.toml(toml_file));
  CHECK(&cache.toml(toml_file) == &cache.toml(toml_file));
  CHECK(!cache.json(yaml_file));
  CHECK(files.reads.at(".pre-commit-config.yaml") == 1);
  CHECK(files.reads.at("pyproject.toml") == 1);
}

TEST_CASE("file cache: an unreadable file is read once and reads as empty text") {
  CountingFiles files;
  files.content["broken.yml"] = "<unreadable>";
  const auto cache = files.cache();
  const auto file = entry("broken.yml");
  CHECK(!cache.content(file));
  CHECK(cache(file).empty());
  CHECK(cache.yaml(file).has_value()); // an empty document, as yaml::load("") gives
  CHECK(!cache.package_json(file).valid);
  CHECK(files.reads.at("broken.yml") == 1);
}

TEST_CASE("file cache: the extractors' text is capped, the content is not") {
  CountingFiles files;
  files.content["big.txt"] = std::string(100, 'a');
  const auto cache = files.cache(10);
  const auto file = entry("big.txt");
  CHECK(cache(file).size() == 10);
  REQUIRE(cache.content(file));
  CHECK(cache.content(file)->bytes.size() == 100);
  CHECK(cache.cached(file) == &cache.content(file));
  CHECK(cache.cached(entry("other.txt")) == nullptr);
  CHECK(files.reads.at("big.txt") == 1);
}

TEST_CASE("file cache: threads that ask at once share one read and one parse") {
  CountingFiles files;
  for (int i = 0; i < 8; ++i)
    files.content[fmt::format("dir/{}.yml", i)] = fmt::format("key: {}\nlist: [a, b]\n", i);
  const auto cache = files.cache();
  std::vector<const void*> seen(64);
  util::parallel_for(seen.size(), 4, [&](std::size_t i) {
    const auto file = entry(fmt::format("dir/{}.yml", i % 8));
    seen[i] = &cache.yaml(file);
  });
  for (std::size_t i = 8; i < seen.size(); ++i)
    CHECK(seen[i] == seen[i % 8]);
  for (int i = 0; i < 8; ++i)
    CHECK(files.reads.at(fmt::format("dir/{}.yml", i)) == 1);
}

TEST_CASE("file cache: a lambda over text is a reader, as the extractor tests use it") {
  int reads = 0;
  const facts::ParsedFileCache cache = [&reads](const repo::FileEntry& file) {
    ++reads;
    return file.path == "a.toml" ? std::string("x = 1\n") : std::string();
  };
  const auto file = entry("a.toml");
  REQUIRE(cache.toml(file));
  CHECK(cache.toml(file)->find("x")->scalar() == "1");
  CHECK(cache(file) == "x = 1\n");
  CHECK(reads == 1);
}
