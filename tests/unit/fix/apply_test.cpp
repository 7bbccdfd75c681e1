// The applier of fixes (src/fix/): positions against the file as it is, line ends, the final newline,
// conflicts (the first fix wins), shared headers, idempotence, encodings, atomic writes, the unified diff.

#include <tacit/fix/apply.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
using tacit::engine::Finding;
using tacit::engine::Fix;
using tacit::engine::TextEdit;
using tacit::fix::Outcome;

namespace {

using FileTexts = std::map<std::string, std::string>;

tacit::fix::Reader reader(const FileTexts& files) {
  return [&files](const std::string& path) -> tacit::Result<std::optional<std::string>> {
    const auto it = files.find(path);
    if (it == files.end())
      return std::optional<std::string>{};
    return std::optional<std::string>(it->second);
  };
}

TextEdit edit(std::string path, int line, int column, int end_line, int end_column, std::string original,
              std::string text, std::string header = {}) {
  return TextEdit{std::move(path),     {line, column},  {end_line, end_column},
                  std::move(original), std::move(text), std::move(header)};
}

Finding with_fix(std::vector<TextEdit> edits, std::string rule = "CTX010") {
  Finding finding;
  finding.rule_id = std::move(rule);
  finding.location.path = edits.front().path;
  finding.location.line = edits.front().begin.line;
  finding.fix = Fix{"test fix", std::move(edits)};
  return finding;
}

// Plans `findings` on `files` and returns the new content of `path` (the old one when it does not change).
std::string after(const FileTexts& files, const std::vector<Finding>& findings, const std::string& path,
                  tacit::fix::Plan* out = nullptr) {
  auto plan = tacit::fix::plan_fixes(findings, reader(files));
  std::string content = files.contains(path) ? files.at(path) : std::string();
  for (const auto& file : plan.files)
    if (file.path == path)
      content = file.after;
  if (out)
    *out = std::move(plan);
  return content;
}

} // namespace

TEST_CASE("a replacement edits the bytes at its line and column") {
  const FileTexts files{{"AGENTS.md", "# A\n\nRead /home/ann/p/src/a.c first.\n"}};
  const auto finding = with_fix({edit("AGENTS.md", 3, 6, 3, 25, "/home/ann/p/src/a.c", "src/a.c")});
  CHECK(after(files, {finding}, "AGENTS.md") == "# A\n\nRead src/a.c first.\n");
}

TEST_CASE("CRLF files keep CRLF line ends in what the fix inserts") {
  const FileTexts files{{"AGENTS.md", "# A\r\n\r\n## Build\r\n\r\nText.\r\n"}};
  const auto finding = with_fix({edit("AGENTS.md", 6, 1, 6, 1, "", "\n```sh\nmake\n```\n")});
  CHECK(after(files, {finding}, "AGENTS.md") ==
        "# A\r\n\r\n## Build\r\n\r\nText.\r\n\r\n```sh\r\nmake\r\n```\r\n");
}

TEST_CASE("a replacement on a CRLF line finds its column before the CR") {
  const FileTexts files{{"a.md", "x /home/ann/p/a.c\r\ny\r\n"}};
  const auto finding = with_fix({edit("a.md", 1, 3, 1, 18, "/home/ann/p/a.c", "a.c")});
  CHECK(after(files, {finding}, "a.md") == "x a.c\r\ny\r\n");
}

TEST_CASE("text added at the end of a file without a final newline leaves it without one") {
  const FileTexts files{{"AGENTS.md", "# A\n\nText."}};
  const auto finding = with_fix({edit("AGENTS.md", 3, 6, 3, 6, "", "\n```sh\nmake\n```\n", "\n## Build\n")});
  CHECK(after(files, {finding}, "AGENTS.md") == "# A\n\nText.\n\n## Build\n\n```sh\nmake\n```");
}

TEST_CASE("text added at the end of a file that ends with a blank line adds no second one") {
  const FileTexts files{{"AGENTS.md", "# A\n\nText.\n\n"}};
  const auto finding = with_fix({edit("AGENTS.md", 5, 1, 5, 1, "", "\n```sh\nmake\n```\n", "\n## Build\n")});
  CHECK(after(files, {finding}, "AGENTS.md") == "# A\n\nText.\n\n## Build\n\n```sh\nmake\n```\n");
}

TEST_CASE("overlapping edits: the first fix wins and the later one is a conflict") {
  const FileTexts files{{"a.md", "one two three\n"}};
  const auto first = with_fix({edit("a.md", 1, 1, 1, 8, "one two", "1 2")});
  const auto second = with_fix({edit("a.md", 1, 5, 1, 14, "two three", "2 3")}, "CTX003");
  tacit::fix::Plan plan;
  CHECK(after(files, {first, second}, "a.md", &plan) == "1 2 three\n");
  REQUIRE(plan.results.size() == 2);
  CHECK(plan.results[0].outcome == Outcome::applied);
  CHECK(plan.results[1].outcome == Outcome::conflict);
  CHECK(plan.results[1].reason.find("CTX010 at a.md:1") != std::string::npos);
  // An insertion strictly inside a replaced range conflicts too; one at its edge does not.
  const auto inside = with_fix({edit("a.md", 1, 3, 1, 3, "", "X")});
  const auto edge = with_fix({edit("a.md", 1, 8, 1, 8, "", "!")});
  CHECK(after(files, {first, inside, edge}, "a.md", &plan) == "1 2! three\n");
  CHECK(plan.results[1].outcome == Outcome::conflict);
  CHECK(plan.results[2].outcome == Outcome::applied);
}

TEST_CASE("a fix whose edits do not all apply writes none of them") {
  const FileTexts files{{"a.md", "one two three\n"}};
  const auto first = with_fix({edit("a.md", 1, 5, 1, 8, "two", "2")});
  const auto both = with_fix({edit("a.md", 1, 1, 1, 4, "one", "1"), edit("a.md", 1, 6, 1, 7, "w", "W")});
  tacit::fix::Plan plan;
  CHECK(after(files, {first, both}, "a.md", &plan) == "one 2 three\n");
  CHECK(plan.results[1].outcome == Outcome::conflict);
}

TEST_CASE("identical edits of two findings are written once") {
  const FileTexts files{{"a.md", "# A\n"}};
  const auto one = with_fix({edit("a.md", 2, 1, 2, 1, "", "\n```sh\nmake\n```\n", "\n## Build\n")});
  tacit::fix::Plan plan;
  CHECK(after(files, {one, one}, "a.md", &plan) == "# A\n\n## Build\n\n```sh\nmake\n```\n");
  CHECK(plan.applied() == 2);
}

TEST_CASE("insertions that share a header make one section, in the order the fixes came") {
  const FileTexts files{{"a.md", "# A\n"}};
  const auto build = with_fix({edit("a.md", 2, 1, 2, 1, "", "\n```sh\nmake\n```\n", "\n## Build\n")});
  const auto test = with_fix({edit("a.md", 2, 1, 2, 1, "", "\n```sh\nmake test\n```\n", "\n## Testing\n")});
  const auto build2 = with_fix({edit("a.md", 2, 1, 2, 1, "", "\n```sh\nmake docs\n```\n", "\n## Build\n")});
  CHECK(after(files, {build, test, build2}, "a.md") == "# A\n\n## Build\n\n```sh\nmake\n```\n\n```sh\nmake "
                                                       "docs\n```\n\n## Testing\n\n```sh\nmake test\n```\n");
}

TEST_CASE("a second run of the same fixes changes nothing") {
  const FileTexts files{{"a.md", "# A\n\nRead /home/ann/p/a.c.\n"}};
  const std::vector<Finding> findings{
      with_fix({edit("a.md", 3, 6, 3, 21, "/home/ann/p/a.c", "a.c")}),
      with_fix({edit("a.md", 4, 1, 4, 1, "", "\n```sh\nmake\n```\n", "\n## Build\n")}, "TASK101")};
  const auto once = after(files, findings, "a.md");
  CHECK(once == "# A\n\nRead a.c.\n\n## Build\n\n```sh\nmake\n```\n");
  // The replacement finds its text already there. The insertion's place moved down (the check that found
  // it would not fire again); at its old place the file must not change either.
  tacit::fix::Plan plan;
  const FileTexts fixed{{"a.md", once}};
  const std::vector<Finding> replay{findings.front()};
  CHECK(after(fixed, replay, "a.md", &plan) == once);
  CHECK(plan.files.empty());
  CHECK(plan.results.front().outcome == Outcome::already_applied);
}

TEST_CASE("a file that changed since the check is left alone") {
  const FileTexts files{{"a.md", "# A\n\nRead /home/bob/p/a.c.\n"}};
  tacit::fix::Plan plan;
  const auto finding = with_fix({edit("a.md", 3, 6, 3, 21, "/home/ann/p/a.c", "a.c")});
  CHECK(after(files, {finding}, "a.md", &plan) == files.at("a.md"));
  CHECK(plan.results.front().outcome == Outcome::stale);
  const auto outside = with_fix({edit("a.md", 9, 1, 9, 1, "", "x")});
  CHECK(after(files, {outside}, "a.md", &plan) == files.at("a.md"));
  CHECK(plan.results.front().outcome == Outcome::stale);
}

TEST_CASE("a file that is not UTF-8 takes ASCII text only") {
  const FileTexts files{{"a.md", "caf\xe9 /home/ann/p/a.c\n"}};
  tacit::fix::Plan plan;
  const auto ascii = with_fix({edit("a.md", 1, 6, 1, 21, "/home/ann/p/a.c", "a.c")});
  CHECK(after(files, {ascii}, "a.md") == "caf\xe9 a.c\n");
  const auto accented = with_fix({edit("a.md", 1, 6, 1, 21, "/home/ann/p/a.c", "\xc3\xa9.c")});
  CHECK(after(files, {accented}, "a.md", &plan) == files.at("a.md"));
  CHECK(plan.results.front().outcome == Outcome::unwritable);
}

TEST_CASE("a file with lone CR line ends is left alone") {
  const FileTexts files{{"a.md", "# A\rText.\r"}};
  tacit::fix::Plan plan;
  CHECK(after(files, {with_fix({edit("a.md", 1, 1, 1, 1, "", "x")})}, "a.md", &plan) == files.at("a.md"));
  CHECK(plan.results.front().outcome == Outcome::unwritable);
}

TEST_CASE("a fix may create a file") {
  const FileTexts files;
  tacit::fix::Plan plan;
  const auto finding = with_fix({edit("AGENTS.md", 1, 1, 1, 1, "", "\n```sh\nmake\n```\n", "\n## Build\n")});
  CHECK(after(files, {finding}, "AGENTS.md", &plan) == "## Build\n\n```sh\nmake\n```\n");
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files.front().created);
}

TEST_CASE("the unified diff of a plan") {
  const FileTexts files{{"a.md", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, {"b.md", "x"}};
  const std::vector<Finding> findings{with_fix({edit("a.md", 2, 1, 2, 2, "2", "two")}),
                                      with_fix({edit("a.md", 10, 1, 10, 3, "10", "ten")}),
                                      with_fix({edit("b.md", 1, 2, 1, 2, "", "y\n")})};
  const auto plan = tacit::fix::plan_fixes(findings, reader(files));
  CHECK(tacit::fix::unified_diff(plan) ==
        "--- a/a.md\n+++ b/a.md\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
        "@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+ten\n"
        "--- a/b.md\n+++ b/b.md\n"
        "@@ -1 +1,2 @@\n-x\n\\ No newline at end of file\n+x\n+y\n\\ No newline at end of file\n");
  CHECK(tacit::fix::unified_diff("c.md", "", "new\n", true) ==
        "--- /dev/null\n+++ b/c.md\n@@ -0,0 +1 @@\n+new\n");
  CHECK(tacit::fix::unified_diff("c.md", "same\n", "same\n").empty());
}

TEST_CASE("written files are replaced whole and keep their permissions, symlinks are refused") {
  const auto root = fs::temp_directory_path() / fmt::format("tacit-fix-{}", ::getpid());
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / "AGENTS.md") << "# A\n";
  ::chmod((root / "AGENTS.md").c_str(), 0640);
  fs::create_symlink("AGENTS.md", root / "CLAUDE.md");
  const auto read = tacit::fix::disk_reader(root);
  CHECK(read("AGENTS.md").value() == std::optional<std::string>("# A\n"));
  CHECK(!read("missing.md").value().has_value());
  REQUIRE(!read("CLAUDE.md").has_value());
  CHECK(read("CLAUDE.md").error().message.find("symbolic link") != std::string::npos);
  const auto plan = tacit::fix::plan_fixes({with_fix({edit("AGENTS.md", 2, 1, 2, 1, "", "\nText.\n")}),
                                            with_fix({edit("docs/new.md", 1, 1, 1, 1, "", "New.\n")})},
                                           read);
  REQUIRE(tacit::fix::write_plan(plan, root).has_value());
  std::stringstream content;
  content << std::ifstream(root / "AGENTS.md").rdbuf();
  CHECK(content.str() == "# A\n\nText.\n");
  struct stat status {};
  REQUIRE(::stat((root / "AGENTS.md").c_str(), &status) == 0);
  CHECK((status.st_mode & 0777) == 0640);
  CHECK(fs::exists(root / "docs" / "new.md"));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(root))
    ++entries;
  CHECK(entries == 3); // AGENTS.md, CLAUDE.md, docs/: no temporary file left
  fs::remove_all(root);
}
