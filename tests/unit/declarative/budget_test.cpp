// Hostile rule files cannot hang tacit: regexes run in linear time (RE2) and tree-sitter queries have a CPU
// time budget whose overrun is reported as a finding.

#include "../repo/repo_test_support.hpp"

#include <tacit/declarative/rules.hpp>
#include <tacit/doc/languages.hpp>
#include <tacit/engine/context.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>

namespace {

using namespace std::chrono;

std::unique_ptr<tacit::engine::Context> analyze(const std::filesystem::path& root) {
  auto snapshot = tacit::test::open_ok(root, tacit::repo::ContentSource::worktree, {}, 16u << 20);
  std::vector<std::string> notes;
  auto context = tacit::engine::analyze(std::move(snapshot), {1}, notes);
  REQUIRE(context.has_value());
  return std::move(*context);
}

std::unique_ptr<tacit::declarative::DeclarativeRule> load(const std::string& text,
                                                          const tacit::engine::Config& config) {
  tacit::declarative::LoadOptions options;
  options.filesets = &config.filesets;
  auto rule = tacit::declarative::load_rule_file(text, "rules/r.yaml", options);
  INFO((rule ? std::string() : tacit::to_string(rule.error())));
  REQUIRE(rule.has_value());
  return std::move(*rule);
}

// Runs the rule on the context; returns its findings and the best CPU time of three runs.
std::pair<std::vector<tacit::engine::Finding>, nanoseconds> timed(const tacit::engine::Rule& rule,
                                                                  const tacit::engine::Context& context) {
  nanoseconds best = nanoseconds::max();
  std::vector<tacit::engine::Finding> findings;
  for (int run = 0; run < 3; ++run) {
    tacit::engine::Emitter out(rule.meta());
    const auto start = tacit::doc::thread_cpu_time();
    rule.check(context, out);
    best = std::min(best, tacit::doc::thread_cpu_time() - start);
    findings = std::move(out.findings());
  }
  return {findings, best};
}

constexpr std::string_view k_header = "id: ORG901\nname: probe\nseverity: warning\nsummary: probe\nmessage: "
                                      "'{{path}}'\n";

} // namespace

TEST_CASE("a catastrophic-backtracking pattern over 10 MB runs in linear time (RE2)") {
  tacit::test::TempDir dir;
  tacit::test::make_repo(dir.path(), {{".tacit.yaml", "version: 1\nfilesets:\n  big: [big.txt]\n"},
                                      {"big.txt", std::string(10u << 20, 'a')}});
  const auto context = analyze(dir.path());
  const auto regex = load(std::string(k_header) + "check:\n  type: content\n  in: big\n  must-not-contain: "
                                                  "'(a+)+$'\n",
                          context->config());
  // The plain scan: the same file read through the snapshot and counted byte by byte (a metric check).
  const auto plain =
      load(std::string(k_header) + "check:\n  type: metric\n  in: big\n  max-words: 0\n", context->config());
  // And the same search with a pattern that cannot backtrack at all (`a+$`): the nesting costs nothing.
  const auto simple = load(std::string(k_header) + "check:\n  type: content\n  in: big\n  must-not-contain: "
                                                   "'a+$'\n",
                           context->config());
  const auto [regex_findings, regex_time] = timed(*regex, *context);
  const auto [plain_findings, plain_time] = timed(*plain, *context);
  const auto [simple_findings, simple_time] = timed(*simple, *context);
  CHECK(simple_findings.size() == 1);
  CHECK(regex_time < 2 * simple_time + milliseconds(20));
  REQUIRE(regex_findings.size() == 1);
  CHECK(regex_findings.front().location.path == "big.txt");
  CHECK(plain_findings.size() == 1);
  MESSAGE("regex: " << duration_cast<milliseconds>(regex_time).count()
                    << " ms, plain scan: " << duration_cast<milliseconds>(plain_time).count()
                    << " ms, simple regex: " << duration_cast<milliseconds>(simple_time).count() << " ms");
  // Under twice the plain scan, with slack for a busy machine; a backtracking engine takes hours here.
  CHECK(regex_time < 2 * plain_time + milliseconds(50));
}

TEST_CASE("a tree-sitter query that exceeds its time budget is reported, not waited for") {
  tacit::test::TempDir dir;
  std::string code;
  for (int i = 0; i < 40000; ++i)
    code += "value_" + std::to_string(i) + " = compute(flags.enabled(\"f" + std::to_string(i) +
            "\"), [1, 2, 3])\n";
  tacit::test::make_repo(dir.path(), {{"app.py", code}, {"README.md", "# app\n"}});
  const auto context = analyze(dir.path());
  const auto rule = load(std::string(k_header) +
                             "check:\n  type: mentions\n  in: docs\n  source:\n    language: python\n"
                             "    budget-ms: 1\n    query: '(call arguments: (argument_list (_) @item))'\n",
                         context->config());
  tacit::engine::Emitter out(rule->meta());
  const auto start = steady_clock::now();
  rule->check(*context, out);
  CHECK(steady_clock::now() - start < seconds(5));
  const auto& findings = out.findings();
  const auto over = std::find_if(findings.begin(), findings.end(), [](const auto& finding) {
    return finding.message.find("time budget") != std::string::npos;
  });
  REQUIRE(over != findings.end());
  CHECK(over->location.path == "app.py");
  CHECK(over->message.find("ORG901") != std::string::npos);
  CHECK(over->severity == tacit::engine::Severity::error);
}
