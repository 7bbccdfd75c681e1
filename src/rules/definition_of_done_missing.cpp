// QUAL203 definition-of-done-missing: no context file says what must pass before a change is done.

#include "fix_support.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "QUAL203",
    .name = "definition-of-done-missing",
    .category = "QUAL",
    .severity = engine::Severity::info,
    .summary = "no context file says what must pass before a change is done",
    .docs =
        {
            .what_it_does =
                "Reads the root agent context files, the files they import, and the docs they point the "
                "agent to "
                "(a link, an `@import`, or a doc named in the text: \"read CONTRIBUTING.md\"), and looks for "
                "a "
                "definition of done: a section whose heading says so (\"Before you commit\", \"Definition of "
                "done\", \"Checklist\", \"Verification\", \"Testing\", \"Pre-commit\", \"After task "
                "completion\", \"Commit only when\", \"Code Standards\", \"Quality checks\", "
                "\"Workflow\"...) "
                "and that shows a command that tests, lints or checks "
                "(`make test`, `pytest`, `npm run lint`), or a sentence that says what must pass before a "
                "change is "
                "finished (\"before committing\", \"before opening a PR\", \"must pass\", \"make sure ... "
                "passes\", \"not done until\", \"when you're done\") with a command on its line or in the "
                "code "
                "block right after "
                "it (inline code counts when it reads "
                "like a command, `make check` or `tox`, not `README.md`). A doc the context file points to "
                "counts "
                "when tacit reads its structure (CONTRIBUTING at the root, in docs/ or .github/, imported "
                "files). "
                "A checklist in "
                "CONTRIBUTING.md or in a pull request template counts only when a context file points the "
                "agent "
                "to it: the rule is about what an agent reads, and agents do not read PR templates. Applies "
                "only when a root context file exists (no context file at all is CTX001's finding) and the "
                "repository has tests or CI. A context file that only tells a review bot not to review "
                "(a copilot-instructions.md that mutes Copilot's pull request reviews) is not one, nor is a "
                "rule file that its front matter scopes to some files (a Cursor rule for `*.js,*.css`) or "
                "leaves to the agent's choice: it is not the project's context.",
            .why_it_matters =
                "An agent decides on its own when it is finished. Without a stated definition of "
                "done it stops when the code compiles, or runs a subset of the checks, and the "
                "failures surface in CI or in review.",
            .example =
                "AGENTS.md lists `make build` and `make test` under \"Commands\" but never says which checks "
                "must pass:\n\n"
                "```\nAGENTS.md:1:1: QUAL203 no context file says what must pass before a change is done\n"
                "  hint: add a \"Before you commit\" section to AGENTS.md ...\n```",
            .how_to_fix =
                "Add a short \"Before you commit\" section to the context file with the exact commands "
                "that must pass (tests, lint, format check, type check), in the order CI runs them.",
        },
    .fixable = true,
};

// Heading words, matched at the start of a word: "test" matches "Testing", not "contest".
constexpr std::array<std::string_view, 25> k_heading_words{
    "workflow",     "before",       "definition of done",
    "checklist",    "verification", "test",
    "pre-commit",   "precommit",    "pre-push",
    "presubmit",    "pre-submit",   "quality",
    "checks",       "done ",        "ci ",
    "lint",         "submitting",   "commit",
    "standards",    "completion",   "after task",
    "after making", "after each",   "after changes",
    "finishing"};

// What a change goes through after "before": "before committing", "before you open a PR".
constexpr std::array<std::string_view, 14> k_milestones{"commit", "push",   "submit",  "pr",   "pull request",
                                                        "merg",   "finish", "complet", "done", "send",
                                                        "review", "declar", "hand",    "open"};
constexpr std::array<std::string_view, 8> k_must_pass{"must pass",          "should pass",    "need to pass",
                                                      "needs to pass",      "not done until", "is done when",
                                                      "definition of done", "must be green"};
// "Use `./check.sh` when you're done", "After your changes are done, run `make format` ... then `make test`":
// what to run once the work is finished (apostrophes made plain first).
constexpr std::array<std::string_view, 10> k_when_done{
    "when you're done",     "when you are done",     "once you're done", "once you are done",
    "when you're finished", "when you are finished", "changes are done", "change is done",
    "changes are finished", "after you're done"};

bool contains_any(std::string_view text, auto words) {
  return std::any_of(words.begin(), words.end(), [&](auto word) { return util::contains(text, word); });
}

// "before" followed within a few words by a milestone, or a must-pass phrase, or "make sure/ensure ... pass".
bool says_done(std::string lower) {
  for (auto at = lower.find("\u2019"); at != std::string::npos; at = lower.find("\u2019", at))
    lower.replace(at, 3, "'");
  if (contains_any(lower, k_must_pass) || contains_any(lower, k_when_done))
    return true;
  for (auto at = lower.find("before"); at != std::string::npos; at = lower.find("before", at + 1)) {
    const std::string_view after = std::string_view(lower).substr(at + 6, 40);
    const auto words = util::split_words(after);
    // A milestone of two words ("pull request") starts at a word and runs on past it.
    for (std::size_t i = 0; i < std::min<std::size_t>(words.size(), 4); ++i)
      for (auto milestone : k_milestones)
        if (after.substr(static_cast<std::size_t>(words[i].data() - after.data())).starts_with(milestone))
          return true;
  }
  for (auto lead : {"make sure", "ensure", "verify that", "check that"})
    if (const auto at = lower.find(lead);
        at != std::string::npos && lower.find("pass", at) != std::string::npos)
      return true;
  return false;
}

// A command that tests, lints or checks: `make test`, `go test ./...`, `npm run lint`, `hack/validate/all`.
bool is_check_command(std::string_view text) {
  for (const auto& words : doc::split_commands(text)) {
    // A program and its arguments, not a directory tree (`├── tests/`) or a lone name.
    const auto& program = words.front();
    if (!(std::isalnum(static_cast<unsigned char>(program.front())) || program.starts_with("./")) ||
        (words.size() < 2 && program != "pytest" && program != "tox" && program != "nox" &&
         program != "ctest"))
      continue;
    for (std::size_t i = 0; i < std::min<std::size_t>(words.size(), 3); ++i) {
      const auto word = util::to_lower(words[i]);
      if (word.find_first_of("$(\"'= ") != std::string::npos || word.ends_with('/'))
        continue;
      for (auto check : {"test", "lint", "check", "validate", "verify", "clippy", "pytest", "tox", "nox"})
        if (util::contains(word, check))
          return true;
    }
  }
  return false;
}

// A command on lines [first, last] (with `checks_only`, one that tests, lints or checks): a code block, or
// one that starts up to `block_slack` lines after `last` (the block a sentence introduces), or inline code
// that reads like a command: `make check`, `tox`, `./test.sh`; not `README.md` or `--help`.
bool has_command_between(const doc::Document& doc, int first, int last, bool checks_only, int block_slack) {
  for (const auto& block : doc.code_blocks) {
    if (block.line < first || block.line > last + block_slack)
      continue;
    for (auto line : util::split_lines(block.text))
      if (checks_only ? is_check_command(line) : !util::trim(line).empty())
        return true;
  }
  for (const auto& code : doc.inline_code) {
    const auto& text = code.text;
    if (code.line < first || code.line > last || text.empty())
      continue;
    const bool command = text.starts_with("./") ||
                         (std::isalnum(static_cast<unsigned char>(text.front())) &&
                          (util::contains(text, " ") || text.find_first_of("./") == std::string::npos));
    if (command && (!checks_only || is_check_command(text)))
      return true;
  }
  return false;
}

// The line where `doc` states a definition of done, or 0.
int states_done(const doc::Document& doc) {
  for (const auto& section : doc.sections) {
    if (section.level == 0)
      continue;
    auto heading = " " + util::to_lower(section.heading) + " ";
    std::replace_if(
        heading.begin(), heading.end(), [](unsigned char c) { return !std::isalnum(c) && c != '-'; }, ' ');
    if (std::any_of(k_heading_words.begin(), k_heading_words.end(),
                    [&](auto word) { return util::contains(heading, fmt::format(" {}", word)); }) &&
        has_command_between(doc, section.line_begin, section.line_end, true, 0))
      return section.line_begin;
  }
  const auto lines = util::split_lines(doc.text);
  // "Always ensure code compiles and tests pass locally before pushing": the sentence names what must pass,
  // and the doc gives its commands elsewhere (a "Build Commands" block above it).
  std::optional<bool> gives_checks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    const auto lower = util::to_lower(lines[i]);
    if (!says_done(lower))
      continue;
    if (has_command_between(doc, line, line, false, 2))
      return line;
    // "Run the following commands before creating a pull request:" and the list of checks below it.
    if (util::trim(lower).ends_with(':') && has_command_between(doc, line + 1, line + 6, true, 0))
      return line;
    if (!contains_any(lower, std::array<std::string_view, 4>{"tests pass", "compiles", "lint", "type check"}))
      continue;
    if (!gives_checks)
      gives_checks = has_command_between(doc, 1, static_cast<int>(lines.size()), true, 0);
    if (*gives_checks)
      return line;
  }
  return 0;
}

// A context file that only tells a review bot not to review (a copilot-instructions.md that mutes Copilot's
// pull request reviews): it says nothing about how to work, so it is no place to send people.
bool is_review_only(const doc::Document& doc) {
  std::size_t lines = 0;
  for (auto line : util::split_lines(doc.text)) {
    const auto lower = util::to_lower(util::trim(line));
    if (lower.empty() || lower.starts_with('#'))
      continue;
    ++lines;
    if (!util::contains(lower, "review") && !util::contains(lower, "comment"))
      return false;
  }
  return lines > 0;
}

// What a context file imports, and with `names` the docs it links or names ("Read CONTRIBUTING.md").
std::vector<std::string> named_docs(const doc::Document& doc, bool names) {
  std::vector<std::string> out;
  for (const auto& import : doc.imports)
    out.push_back(import.target);
  if (!names)
    return out;
  std::string token;
  for (const char c : doc.text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '_' || c == '-') {
      token += c;
      continue;
    }
    while (!token.empty() && (token.back() == '.' || token.back() == '/'))
      token.pop_back();
    for (auto ext : {".md", ".rst", ".adoc", ".txt"})
      if (token.size() > 4 && token.ends_with(ext))
        out.push_back(token);
    token.clear();
  }
  for (const auto& link : doc.links)
    out.push_back(link.target.substr(0, link.target.find('#')));
  return out;
}

class DefinitionOfDoneMissing final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    auto roots = context.root_context_files();
    std::erase_if(roots, [](const doc::Document* doc) { return is_review_only(*doc); });
    if (roots.empty())
      return out.not_applicable("no root context file to state it");
    const auto& ci = context.ci();
    const auto& suites = context.facts().test_suites;
    if (suites.empty() && ci.commands.empty())
      return out.not_applicable("no test suite and no CI run step");
    for (const auto* doc : reachable(context, roots))
      if (states_done(*doc) > 0)
        return;
    auto& finding = out.emit("no context file says what must pass before a change is done",
                             context.repository_anchor(), "definition-of-done");
    finding.hint = fmt::format("add a \"Before you commit\" section to {} with the commands that must pass "
                               "(tests, lint, format check, type check)",
                               context.primary_context_file());
    // The root project's tests first: a workspace's editor extension is not the repository's suite.
    const auto suite =
        std::find_if(suites.begin(), suites.end(), [](const auto& t) { return t.project_dir.empty(); });
    if (!suites.empty()) {
      const auto& shown = suite != suites.end() ? *suite : suites.front();
      if (!shown.evidence.empty())
        finding.related.push_back(engine::Location{shown.evidence.front().path, shown.evidence.front().line,
                                                   1, fmt::format("tests run with {}", shown.runner)});
    }
    // A CI step that gates changes: one whose program or subcommand tests, lints or checks.
    const auto gate = std::find_if(ci.commands.begin(), ci.commands.end(), [](const auto& c) {
      return !c.plumbing && !c.foreign && is_check_command(c.text);
    });
    finding.fix = done_fix(context, suite != suites.end() ? &*suite : nullptr);
    if (gate != ci.commands.end())
      finding.related.push_back(
          engine::Location{gate->path, gate->line, gate->column,
                           fmt::format("CI runs `{}`", gate->text.substr(0, gate->text.find('\n')))});
  }

private:
  // A "Before you commit" section with what CI runs to gate changes (the commands that test, lint or check,
  // in CI order, each once), else the root test suite's command; nothing when the repository gives none.
  static std::optional<engine::Fix> done_fix(const engine::Context& context, const facts::TestSuite* suite) {
    const auto* doc = fixes::context_file(context);
    if (!doc)
      return std::nullopt;
    std::vector<std::string> commands;
    for (const auto& command : context.ci().commands) {
      const auto text = std::string(util::trim(command.text));
      if (command.plumbing || command.foreign || !command.working_directory.empty() ||
          !is_check_command(text) || text.find('\n') != std::string::npos ||
          text.find('$') != std::string::npos ||
          std::find(commands.begin(), commands.end(), text) != commands.end())
        continue;
      if (commands.size() == 6)
        break;
      commands.push_back(text);
    }
    if (commands.empty() && suite && !suite->suggested_command.empty() &&
        is_check_command(suite->suggested_command))
      commands.push_back(suite->suggested_command);
    if (commands.empty())
      return std::nullopt;
    static constexpr std::string_view k_keywords[] = {"before you commit", "definition of done",
                                                      "before commit"};
    return fixes::insert_block(*doc, {"Before you commit", k_keywords},
                               "These must pass before a change is done:\n\n" +
                                   fixes::command_block(util::join(commands, "\n")),
                               fmt::format("add a \"Before you commit\" section to {}", doc->path));
  }

  // The root context files, what they import (up to the hops agents follow) and the docs they point to.
  static std::vector<const doc::Document*> reachable(const engine::Context& context,
                                                     const std::vector<const doc::Document*>& roots) {
    std::vector<const doc::Document*> out;
    std::set<const doc::Document*> seen;
    std::vector<const doc::Document*> frontier;
    for (const auto* root : roots)
      if (seen.insert(root).second)
        frontier.push_back(root);
    for (int hop = 0; hop <= doc::k_max_import_hops && !frontier.empty(); ++hop) {
      std::vector<const doc::Document*> next;
      for (const auto* doc : frontier) {
        out.push_back(doc);
        for (const auto& name : named_docs(*doc, hop == 0))
          for (const auto& path : {doc::resolve_import(doc->path, name), util::normalize_path(name)})
            if (const auto* target = path.empty() ? nullptr : context.document(path))
              if (seen.insert(target).second)
                next.push_back(target);
      }
      frontier = std::move(next);
    }
    return out;
  }
};

} // namespace

TACIT_RULE(DefinitionOfDoneMissing)

} // namespace tacit::rules
