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
#include <memory>
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

TEST_CASE("file cache: a donor's parses are taken only for the same bytes at the same path") {
  CountingFiles head;
  head.content["ci.yml"] = "on: push\n";
  head.content["changed.yml"] = "on: push\n";
  head.content["package.json"] = R"({"scripts": {"test": "jest"}})";
  head.content["unread.toml"] = "a = 1\n";
  head.content["gone.yml"] = "x: 1\n";
  CountingFiles base;
  base.content["ci.yml"] = "on: push\n";
  base.content["changed.yml"] = "on: [push]\n";
  base.content["package.json"] = R"({"scripts": {"test": "jest"}})";
  base.content["unread.toml"] = "a = 1\n";
  base.content["gone.yml"] = "<unreadable>";
  const auto donor = head.cache();
  const auto cache = base.cache();
  CHECK_FALSE(cache.same_as_donor(entry("ci.yml"))); // no donor yet
  auto taker = base.cache();
  taker.reuse_from(&donor);
  for (const auto* path : {"ci.yml", "changed.yml", "gone.yml"})
    (void)donor.yaml(entry(path));
  (void)donor.package_json(entry("package.json"));

  // The same bytes: the donor's parse itself, read by neither cache again.
  CHECK(taker.same_as_donor(entry("ci.yml")));
  CHECK(&taker.yaml(entry("ci.yml")) == &donor.yaml(entry("ci.yml")));
  CHECK(&taker.package_json(entry("package.json")) == &donor.package_json(entry("package.json")));
  CHECK(head.reads.at("ci.yml") == 1);
  CHECK(base.reads.at("ci.yml") == 1); // compared, not parsed
  // Other bytes: its own parse of its own text.
  CHECK_FALSE(taker.same_as_donor(entry("changed.yml")));
  CHECK(&taker.yaml(entry("changed.yml")) != &donor.yaml(entry("changed.yml")));
  REQUIRE(taker.yaml(entry("changed.yml")).has_value());
  // Never read by the donor: nothing is read through it, the taker parses it.
  CHECK_FALSE(taker.same_as_donor(entry("unread.toml")));
  CHECK(head.reads.at("unread.toml") == 0);
  CHECK(taker.toml(entry("unread.toml")).has_value());
  // Unreadable on one side: not the same.
  CHECK_FALSE(taker.same_as_donor(entry("gone.yml")));
  CHECK(&taker.yaml(entry("gone.yml")) != &donor.yaml(entry("gone.yml")));
}

TEST_CASE("file cache: a file of the blob a donor read is the donor's, neither read nor compared") {
  const auto blob = [](std::uint8_t n) {
    repo::ObjectId id;
    id.raw.fill(n);
    return id;
  };
  // The donor's reads say their blob (repo::Content::blob); the taker knows its files' blobs unread.
  std::map<std::string, std::optional<repo::ObjectId>> donor_blobs{
      {"same.yml", blob(1)}, {"moved.yml", blob(2)}, {"unknown.yml", std::nullopt}};
  std::map<std::string, repo::ObjectId> taker_blobs{
      {"same.yml", blob(1)}, {"moved.yml", blob(3)}, {"unknown.yml", blob(4)}};
  std::map<std::string, int> donor_reads;
  std::map<std::string, int> taker_reads;
  const facts::ParsedFileCache donor(
      [&](const repo::FileEntry& file) -> Result<repo::Content> {
        ++donor_reads[file.path];
        return repo::Content{"on: push\n", false, donor_blobs.at(file.path)};
      },
      1u << 20);
  facts::ParsedFileCache taker(
      [&](const repo::FileEntry& file) -> Result<repo::Content> {
        ++taker_reads[file.path];
        return repo::Content{file.path == "moved.yml" ? "on: [push]\n" : "on: push\n", false, std::nullopt};
      },
      1u << 20);
  taker.reuse_from(&donor, [&](const repo::FileEntry& file) -> std::optional<repo::ObjectId> {
    return taker_blobs.at(file.path);
  });
  for (const auto* path : {"same.yml", "moved.yml", "unknown.yml"})
    (void)donor.yaml(entry(path));

  // The same blob: the donor's content and parse, nothing read.
  CHECK(&taker.content(entry("same.yml")) == &donor.content(entry("same.yml")));
  CHECK(taker.cached(entry("same.yml")) == &donor.content(entry("same.yml")));
  CHECK(taker.same_as_donor(entry("same.yml")));
  CHECK(&taker.yaml(entry("same.yml")) == &donor.yaml(entry("same.yml")));
  CHECK_FALSE(taker_reads.contains("same.yml"));
  // Another blob: read and compared (other bytes here).
  CHECK_FALSE(taker.same_as_donor(entry("moved.yml")));
  CHECK(taker_reads.at("moved.yml") == 1);
  // A donor read that knew no blob: read and compared byte for byte (the same bytes here).
  CHECK(taker.same_as_donor(entry("unknown.yml")));
  CHECK(taker_reads.at("unknown.yml") == 1);
  CHECK(donor_reads.at("same.yml") == 1);
  CHECK(taker.parse_failures().empty());
}

TEST_CASE(
    "YAML parsed ahead is taken for a file whose text is the text parsed, once, and parsed again else") {
  CountingFiles files;
  files.content = {{".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: x\n"},
                   {".github/workflows/lint.yml", "on: [push]\n"},
                   {"other.yml", "a: 1\n"}};
  auto ahead = std::make_shared<facts::PrefetchedYaml>();
  ahead->add(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: x\n");
  ahead->add(".github/workflows/lint.yml", "on: [pull_request]\n"); // the text changed since: not taken
  ahead->add("elsewhere.yml", "a: 1\n");                            // another path: not taken
  auto cache = files.cache();
  cache.take_yaml_from(ahead);
  const auto& ci = cache.yaml(entry(".github/workflows/ci.yml"));
  REQUIRE(ci.has_value());
  CHECK(ci->root().find("jobs") != nullptr);
  CHECK(ci->root().find("jobs")->line == 3); // the value's line: `test:`
  const auto& lint = cache.yaml(entry(".github/workflows/lint.yml"));
  REQUIRE(lint.has_value());
  REQUIRE(lint->root().find("on") != nullptr);
  CHECK(lint->root().find("on")->items.at(0).scalar() == "push"); // the file's text, not the one parsed ahead
  REQUIRE(cache.yaml(entry("other.yml")).has_value());
  CHECK(ahead->taken() == 1);
  CHECK(files.reads.at(".github/workflows/ci.yml") == 1); // read once, to compare

  // A second cache of the same parses finds the one taken gone and parses its own.
  auto again = files.cache();
  again.take_yaml_from(ahead);
  REQUIRE(again.yaml(entry(".github/workflows/ci.yml")).has_value());
  CHECK(again.yaml(entry(".github/workflows/ci.yml"))->root().find("jobs") != nullptr);
  CHECK(ahead->taken() == 1);
}
