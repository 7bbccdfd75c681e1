// The diff-base cache: its file format round-trips any path and subject, refuses anything doubtful (another
// key, a file cut short, a miscount, an unknown escape), and the directory keeps a bounded number of entries
// and reads no symbolic link.

#include "../../../src/cli/diff_cache.hpp"
#include "../repo/repo_test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace {

using tacit::cli::BaseFindings;
using tacit::cli::DiffCache;

BaseFindings sample() {
  BaseFindings base;
  base.anchor = {"AGENTS.md", 1, 1, {}};
  tacit::engine::Finding odd;
  odd.rule_id = "TASK104";
  odd.location = {"dir with\ttab/and\nnewline%25.yml", 12, 7, {}};
  odd.subject = "make \xff\xfe lint\r\n100%";
  base.findings.push_back(odd);
  tacit::engine::Finding plain;
  plain.rule_id = "CTX001";
  plain.location = {"AGENTS.md", 1, 1, {}};
  base.findings.push_back(plain);
  return base;
}

} // namespace

TEST_CASE("diff cache: the file format round-trips paths and subjects byte for byte") {
  const auto base = sample();
  const auto text = tacit::cli::render_base_findings(base, "0123456789abcdef");
  const auto back = tacit::cli::parse_base_findings(text, "0123456789abcdef");
  REQUIRE(back);
  CHECK(back->anchor.path == "AGENTS.md");
  REQUIRE(back->findings.size() == 2);
  CHECK(back->findings[0].rule_id == "TASK104");
  CHECK(back->findings[0].location.path == base.findings[0].location.path);
  CHECK(back->findings[0].location.line == 12);
  CHECK(back->findings[0].location.column == 7);
  CHECK(back->findings[0].subject == base.findings[0].subject);
  CHECK(back->findings[1].subject.empty());
}

TEST_CASE("diff cache: another key, a cut file, a miscount or a bad escape is a miss") {
  const auto text = tacit::cli::render_base_findings(sample(), "0123456789abcdef");
  CHECK_FALSE(tacit::cli::parse_base_findings(text, "fedcba9876543210"));
  CHECK_FALSE(tacit::cli::parse_base_findings(text.substr(0, text.size() - 1), "0123456789abcdef"));
  CHECK_FALSE(
      tacit::cli::parse_base_findings(text.substr(0, text.find("finding\tCTX001")), "0123456789abcdef"));
  auto miscount = text;
  miscount.replace(miscount.find("end\t2"), 5, "end\t3");
  CHECK_FALSE(tacit::cli::parse_base_findings(miscount, "0123456789abcdef"));
  auto escape = text;
  escape.replace(escape.find("%09"), 3, "%4Z");
  CHECK_FALSE(tacit::cli::parse_base_findings(escape, "0123456789abcdef"));
  CHECK_FALSE(tacit::cli::parse_base_findings(text + "finding\tX\ta\t1\t1\t\n", "0123456789abcdef"));
  CHECK_FALSE(tacit::cli::parse_base_findings("", "0123456789abcdef"));
  CHECK_FALSE(tacit::cli::parse_base_findings("tacit-diff-base 1 0123456789abcdef\nend\t0\n",
                                              "0123456789abcdef")); // no anchor line
}

TEST_CASE("diff cache: a record of some rules says which, and a finding of another rule is a miss") {
  auto base = sample();
  CHECK_FALSE(tacit::cli::render_base_findings(base, "0123456789abcdef").contains("\nrules"));
  base.rules = std::vector<std::string>{"CTX001", "TASK104"};
  const auto text = tacit::cli::render_base_findings(base, "0123456789abcdef");
  CHECK(text.contains("\nrules\tCTX001\tTASK104\n"));
  const auto back = tacit::cli::parse_base_findings(text, "0123456789abcdef");
  REQUIRE(back);
  REQUIRE(back->rules);
  CHECK(*back->rules == std::vector<std::string>{"CTX001", "TASK104"});
  CHECK(back->findings.size() == 2);
  // No rule evaluated: an empty list, not "every rule".
  BaseFindings none;
  none.anchor = base.anchor;
  none.rules = std::vector<std::string>{};
  const auto empty = tacit::cli::parse_base_findings(tacit::cli::render_base_findings(none, "k"), "k");
  REQUIRE(empty);
  REQUIRE(empty->rules);
  CHECK(empty->rules->empty());
  // A finding of a rule the record does not list, an unsorted list, a second list: a miss.
  auto other = text;
  other.replace(other.find("\tTASK104\n"), 9, "\tTASK105\n");
  CHECK_FALSE(tacit::cli::parse_base_findings(other, "0123456789abcdef"));
  auto unsorted = text;
  unsorted.replace(unsorted.find("rules\tCTX001\tTASK104"), 20, "rules\tTASK104\tCTX001");
  CHECK_FALSE(tacit::cli::parse_base_findings(unsorted, "0123456789abcdef"));
  auto twice = text;
  twice.insert(twice.find("finding\t"), "rules\tCTX001\tTASK104\n");
  CHECK_FALSE(tacit::cli::parse_base_findings(twice, "0123456789abcdef"));
}

TEST_CASE("diff cache: the key is a stable hash of its material") {
  CHECK(tacit::cli::cache_key("") == "cbf29ce484222325");
  CHECK(tacit::cli::cache_key("a") == tacit::cli::cache_key("a"));
  CHECK(tacit::cli::cache_key("a") != tacit::cli::cache_key("b"));
  CHECK(tacit::cli::cache_key("select: [CTX]").size() == 16);
}

TEST_CASE("diff cache: store then load, bounded, never through a symbolic link") {
  tacit::test::TempDir scratch;
  const DiffCache cache(scratch / "git" / "tacit" / "diff-base");
  const std::string commit(40, 'a');
  CHECK_FALSE(cache.load(commit, "0123456789abcdef"));
  REQUIRE(cache.store(commit, "0123456789abcdef", sample()));
  const auto loaded = cache.load(commit, "0123456789abcdef");
  REQUIRE(loaded);
  CHECK(loaded->findings.size() == 2);
  CHECK_FALSE(cache.load(commit, "fedcba9876543210"));
  // Under some key: a run will likely find its base there (its key is known only later).
  CHECK(cache.knows(commit));
  CHECK_FALSE(cache.knows(std::string(40, 'd')));
  CHECK_FALSE(DiffCache(scratch / "none").knows(commit));

  // More commits than the cache keeps: the oldest files go.
  for (int i = 0; i < static_cast<int>(DiffCache::k_max_entries) + 4; ++i)
    REQUIRE(cache.store(std::string(39, 'b') + static_cast<char>('a' + i), "0123456789abcdef", sample()));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(cache.directory()))
    ++files;
  CHECK(files == DiffCache::k_max_entries);

  // A cache file that is a symbolic link is not read.
  const auto link = cache.directory() / (std::string(40, 'c') + "-0123456789abcdef");
  std::filesystem::create_symlink(cache.directory() / (std::string(39, 'b') + "t-0123456789abcdef"), link);
  CHECK_FALSE(cache.load(std::string(40, 'c'), "0123456789abcdef"));
  CHECK_FALSE(cache.knows(std::string(40, 'c')));

  // A git directory that cannot hold the cache: store says so, and nothing throws.
  const DiffCache blocked(scratch / "file-not-dir" / "diff-base");
  tacit::test::write_file(scratch / "file-not-dir", "x");
  CHECK_FALSE(blocked.store(commit, "0123456789abcdef", sample()));
}
