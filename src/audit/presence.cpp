// What an audit shows as present: the agent context files, the build/test/lint commands the docs give, and
// the decision log. Facts of the context only; no rule is asked.

#include <tacit/audit/audit.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace tacit::audit {

namespace {

// A documented command's procedure from its words (wrappers peeled), or "" for another command. A small
// table of the usual heads: enough to show what is written down, not to judge it (the rules do that).
std::string_view procedure_of(const std::vector<std::string>& words) {
  if (words.empty())
    return {};
  const auto& head = words.front();
  const std::string_view sub = words.size() > 1 ? std::string_view(words[1]) : std::string_view{};
  const auto sub_is = [&](std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), sub) != names.end();
  };
  static constexpr std::array<std::string_view, 12> k_test_tools{"pytest", "ctest", "jest",  "vitest",
                                                                 "tox",    "nox",   "rspec", "phpunit",
                                                                 "mocha",  "bats",  "prove", "unittest"};
  static constexpr std::array<std::string_view, 16> k_lint_tools{
      "ruff",   "eslint",        "prettier",   "clang-format", "clang-tidy", "black", "flake8", "mypy",
      "pylint", "golangci-lint", "shellcheck", "rubocop",      "pre-commit", "biome", "gofmt",  "stylelint"};
  static constexpr std::array<std::string_view, 8> k_build_tools{"cmake", "ninja", "bazel",      "bazelisk",
                                                                 "meson", "scons", "autoreconf", "configure"};
  const auto in = [&](auto& table) { return std::find(table.begin(), table.end(), head) != table.end(); };
  if (in(k_test_tools) || sub_is({"test", "tests", "check"}) || head == "test")
    return "test";
  if (in(k_lint_tools) || sub_is({"lint", "fmt", "format", "clippy", "vet", "check-format", "style"}))
    return "lint";
  if (in(k_build_tools) || sub_is({"build", "compile", "package", "all"}) ||
      ((head == "make" || head == "just" || head == "gradle" || head == "mvn") && words.size() == 1))
    return "build";
  return {};
}

} // namespace

Presence presence(const engine::Context& context) {
  Presence present;
  for (const auto* doc : context.root_context_files())
    present.root_context_files.push_back(doc->path);
  for (const auto& doc : context.documents())
    if (doc.kind == doc::DocKind::agent_context || doc.imported)
      present.context_files.push_back(doc.path);
  // The first three commands of each procedure, from the docs agents and contributors read.
  std::map<std::string_view, int> per_kind;
  std::set<std::string> seen;
  for (const auto& mention : context.knowledge().commands()) {
    const auto* doc = context.document(mention.doc);
    if (!doc || doc->kind == doc::DocKind::decision_record || doc->kind == doc::DocKind::other)
      continue;
    const auto& words = mention.peeled.empty() ? mention.words : mention.peeled;
    const auto kind = procedure_of(words);
    if (kind.empty() || per_kind[kind] >= 3)
      continue;
    auto text = util::join(mention.words, " ");
    if (!seen.insert(std::string(kind) + "\n" + text).second)
      continue;
    ++per_kind[kind];
    present.commands.push_back(
        DocumentedCommand{std::string(kind), std::move(text), mention.doc, mention.line});
  }
  std::stable_sort(present.commands.begin(), present.commands.end(),
                   [](const auto& a, const auto& b) { return a.kind < b.kind; });
  for (const auto& log : context.facts().decision_logs)
    present.decision_logs.push_back(log.dir.empty() ? std::string(".") : log.dir);
  present.decision_records = context.facts().decision_records.size();
  return present;
}

} // namespace tacit::audit
