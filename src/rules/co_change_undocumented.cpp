// IMPL403 co-change-undocumented: files in different modules that keep changing together in the recent
// history (evolutionary coupling) while no doc names them together: "when you change A, also change B" is
// then known only to those who read the log.

#include <tacit/engine/change_sets.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/architecture.hpp>
#include <tacit/facts/co_change.hpp>
#include <tacit/facts/modules.hpp>
#include <tacit/repo/commits.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 4> k_co_change_options{{
    {"commits", "500", "the recent non-merge commits read (within two years of the newest)"},
    {"max-files", "50",
     "a commit that changes more files is a sweep (a reformat, a rename, a dependency update), not a "
     "coupling: left out"},
    {"min-commits", "5", "the commits that change both files, at least"},
    {"min-share", "0.6", "the share of the commits changing either file that change both, at least"},
}};

constexpr engine::RuleMeta k_co_change_meta{
    .id = "IMPL403",
    .name = "co-change-undocumented",
    .category = "IMPL",
    .severity = engine::Severity::info,
    .summary = "files in different modules change together in most commits that touch either, and no doc "
               "names them together",
    .docs =
        {
            .what_it_does =
                "Reads which files each of the last 500 non-merge commits changed (within two years of the "
                "newest; each commit compared with its first parent) and counts, for every two files of "
                "different modules (a top-level folder, or a child of src/, packages/, cmd/...; the root is "
                "a module too), the commits that change both against the commits that change either "
                "(evolutionary coupling, as code-maat's coupling analysis counts it). A pair is reported "
                "when both files still exist and they changed together in at least 5 commits and in at "
                "least 60% of the commits that changed either. Left out, because they say nothing about "
                "the code: a commit that changes more than 50 files (a sweep: a reformat, a rename, a "
                "vendored update), commits by bots, reverts and release or version-bump commits; "
                "lockfiles, changelogs and changelog fragments, files that only carry a version "
                "(`VERSION`, `_version.py`), generated files, vendored code, docs and every other prose "
                "file (a change to a doc is itself documentation), tests (a test changes with its code "
                "by convention, whatever folder it lives in), examples and dot folders (`.github/`). A "
                "pair is documented, and not reported, when one section of a doc, context file or "
                "CONTRIBUTING names both files (their paths or file names) or both modules' folders. One "
                "finding per pair of modules, at the most coupled pair, listing the others.\n\n"
                "Not in the default profile. On tacit's judged corpus (tests/corpus/, 58 repositories with "
                "their full histories) it reports 2 findings at its defaults (1 true: a rule catalogue and "
                "its message catalogue; 1 debatable: an API and its deprecated bridge, which the compiler "
                "also ties), too few to measure its precision; and reading the history adds a quarter to "
                "the default check on moby/moby (0.26G instructions over 1.0G; about 35 MB more memory). "
                "Run it with `--extend-select IMPL403`.",
            .why_it_matters =
                "A protocol file and its handler, a schema and its migration, a constant kept in two "
                "languages: when one must not change without the other, the only record of it is the "
                "history. An agent (or a newcomer) that edits one of them ships half a change; nothing "
                "in the tree tells it that the other exists.",
            .example =
                "```\napi/proto/billing.proto:1:1: IMPL403 `api/` and `server/` change together: "
                "api/proto/billing.proto and server/billing/handler.go changed together in 9 of 11 "
                "commits touching either\n  hint: when you change api/proto/billing.proto, also change "
                "server/billing/handler.go (together in 9 of 11 commits): say so in AGENTS.md, in a section "
                "on changing `api/`\n```",
            .how_to_fix =
                "Write the coupling down where the change starts: in the context file (AGENTS.md) or the "
                "module's README, under a section on changing the module, naming both files and why they "
                "move together (\"a new field in billing.proto needs its handler in "
                "server/billing/handler.go\"). Better still, remove the coupling (generate one from the "
                "other, or share the constant). The thresholds are options (`commits`, `max-files`, "
                "`min-commits`, `min-share`).",
        },
    .options = k_co_change_options,
    .in_default_profile = false,
};

constexpr std::size_t k_listed_pairs = 3;

// Tests and what serves them, beyond facts::is_test_path: a folder named for tests in any case or compound
// (jvmTest/, androidTest/, testsuite/, testing-support/, test-utils/), a top-level t/, a file of a test suite
// (od.tests).
bool is_test_material(std::string_view path) {
  if (facts::is_test_path(path))
    return true;
  const auto parts = util::split(path, '/');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto lower = util::to_lower(parts[i]);
    if (i + 1 == parts.size())
      return lower.ends_with(".tests") || lower.ends_with(".test");
    if ((i == 0 && lower == "t") || // git's and Perl's tests
        lower.starts_with("test") || lower.ends_with("test") || lower.ends_with("tests") ||
        util::contains(lower, "-test") || util::contains(lower, "_test") || util::contains(lower, "testing"))
      return true;
  }
  return false;
}

// True for a file whose changes are the project's code or configuration, as far as coupling goes.
bool counts_for_coupling(const engine::Context& context, std::string_view path) {
  if (facts::is_user_code_path(path) || is_test_material(path) || facts::is_bookkeeping_file(path) ||
      context.document(path) != nullptr)
    return false;
  const auto name = util::to_lower(util::base_name(path));
  for (std::string_view prose : {".md", ".rst", ".txt", ".adoc", ".markdown", ".ronn"})
    if (name.ends_with(prose))
      return false;
  // Manual pages (fzf.1, man/man5/x.conf.5): documentation, whatever their format.
  if (const auto dot = name.rfind('.');
      dot != std::string::npos && dot + 2 == name.size() && name.back() >= '1' && name.back() <= '9')
    return false;
  if (path.starts_with("man/") || util::contains(path, "/man/"))
    return false;
  return !name.starts_with("license") && !name.starts_with("readme");
}

// Where one doc section begins: a Markdown heading, or a line underlined with = - ~ ^ (Markdown setext,
// reStructuredText). Lines in fenced code blocks are never headings.
std::vector<std::string_view> doc_sections(std::string_view text) {
  std::vector<std::string_view> out;
  const auto lines = util::split_lines(text);
  std::size_t begin = 0;
  bool fenced = false;
  const auto cut = [&](std::size_t line) {
    if (line > begin)
      out.emplace_back(
          lines[begin].data(),
          static_cast<std::size_t>(lines[line - 1].data() + lines[line - 1].size() - lines[begin].data()));
    begin = line;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = util::trim(lines[i]);
    if (line.starts_with("```") || line.starts_with("~~~")) {
      fenced = !fenced;
      continue;
    }
    if (fenced)
      continue;
    if (line.starts_with('#') && line.find_first_not_of('#') != std::string_view::npos &&
        line[line.find_first_not_of('#')] == ' ')
      cut(i);
    else if (i + 1 < lines.size() && !line.empty()) {
      const auto next = util::trim(lines[i + 1]);
      if (next.size() >= 3 && next.find_first_not_of(next.front()) == std::string_view::npos &&
          std::string_view("=-~^").find(next.front()) != std::string_view::npos)
        cut(i);
    }
  }
  cut(lines.size());
  return out;
}

// What names a file in a doc: its path, its file name, its folder and its module's folder (and the
// module's own name, the last part of its path).
std::vector<std::string> names_of(std::string_view path, std::string_view module) {
  std::vector<std::string> out{std::string(path)};
  if (const auto name = util::base_name(path); name.find('.') != std::string_view::npos && name.size() >= 4)
    out.emplace_back(name);
  if (const auto dir = util::dir_name(path); !dir.empty())
    out.emplace_back(dir);
  if (!module.empty()) {
    out.emplace_back(module);
    out.emplace_back(util::base_name(module));
  }
  return out;
}

using Names = std::set<std::string, std::less<>>;

// The sections of the docs that name each of `wanted` (a name: a path, a file name or a folder), from the
// words of path characters in each section's text.
class DocMentions {
public:
  DocMentions(const engine::Context& context, const Names& wanted) {
    const auto& cache = context.file_cache();
    std::size_t section = 0;
    for (const auto& doc : context.documents()) {
      const auto* file = context.snapshot().find(doc.path);
      if (file == nullptr)
        continue;
      for (const auto text : doc_sections(cache(*file))) {
        index(text, wanted, section);
        ++section;
      }
    }
  }

  // True when one section names one of `a` and one of `b`.
  bool together(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
    std::set<std::size_t> sections;
    for (const auto& name : a)
      if (const auto it = m_sections.find(name); it != m_sections.end())
        sections.insert(it->second.begin(), it->second.end());
    for (const auto& name : b)
      if (const auto it = m_sections.find(name); it != m_sections.end())
        for (const auto section : it->second)
          if (sections.contains(section))
            return true;
    return false;
  }

private:
  // The characters of a path word, as a table: this runs over every byte of every doc.
  static bool path_char(char c) {
    static constexpr auto k_table = [] {
      std::array<bool, 256> table{};
      for (int i = 0; i < 256; ++i)
        table[static_cast<std::size_t>(i)] = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') ||
                                             (i >= '0' && i <= '9') || i == '_' || i == '-' || i == '.' ||
                                             i == '/';
      return table;
    }();
    return k_table[static_cast<unsigned char>(c)];
  }

  // A word of path characters names, when it holds a '/', each of its leading runs of parts (a path names the
  // folders it starts with: `server/billing/h.go` names server/ and server/billing/) and its last part
  // (h.go); without a '/', only a file name (billing.proto) or a word written as code (`server`) names
  // anything: a folder's name in prose ("the server") does not, nor in the middle of a path
  // (docs/api/guide.md names docs/ and docs/api/, not api/).
  void index(std::string_view text, const Names& wanted, std::size_t section) {
    const auto note = [&](std::string_view name) {
      if (const auto it = wanted.find(name); it != wanted.end()) {
        auto& sections = m_sections[*it];
        if (sections.empty() || sections.back() != section)
          sections.push_back(section);
      }
    };
    std::size_t i = 0;
    while (i < text.size()) {
      if (!path_char(text[i])) {
        ++i;
        continue;
      }
      auto j = i;
      while (j < text.size() && path_char(text[j]))
        ++j;
      const bool code = i > 0 && text[i - 1] == '`' && j < text.size() && text[j] == '`';
      auto word = text.substr(i, j - i);
      i = j;
      const bool path = word.find('/') != std::string_view::npos;
      while (!word.empty() && (word.back() == '.' || word.back() == '/'))
        word.remove_suffix(1);
      while (word.starts_with("./") || word.starts_with("../") || word.starts_with('/'))
        word.remove_prefix(word.find('/') + 1);
      if (word.empty())
        continue;
      if (!path) {
        if (code || word.find('.') != std::string_view::npos)
          note(word);
        continue;
      }
      for (auto slash = word.find('/');; slash = word.find('/', slash + 1)) {
        note(word.substr(0, slash));
        if (slash == std::string_view::npos)
          break;
      }
      note(word.substr(word.rfind('/') + 1));
    }
  }

  std::unordered_map<std::string, std::vector<std::size_t>> m_sections;
};

std::string folder_of(std::string_view module) {
  return module.empty() ? std::string("the root") : fmt::format("`{}/`", module);
}

class CoChangeUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_co_change_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (!context.snapshot().is_git())
      return out.not_applicable("not a git repository");
    const auto max_commits = static_cast<std::size_t>(std::max<std::int64_t>(1, out.option_int("commits")));
    const auto max_files = static_cast<std::size_t>(std::max<std::int64_t>(2, out.option_int("max-files")));
    facts::CoChangeOptions options;
    options.min_together = static_cast<std::size_t>(std::max<std::int64_t>(1, out.option_int("min-commits")));
    options.min_share = out.option_number("min-share");
    const auto& sets = engine::change_sets(context, max_commits, max_files);
    if (sets.size() < options.min_together)
      return out.not_applicable(fmt::format("fewer than {} commits in the history", options.min_together));
    // Whether a changed path counts, decided once per path (only the history's paths: not every file).
    std::unordered_map<std::string_view, bool> counts;
    const auto& generated = context.facts().generated_files; // sorted by path
    const auto counted = [&](std::string_view path) {
      const auto [it, added] = counts.try_emplace(path, false);
      if (added)
        it->second =
            context.snapshot().find(path) != nullptr && !context.is_excluded(path) &&
            !std::ranges::binary_search(generated, path, {},
                                        [](const auto& file) -> std::string_view { return file.path; }) &&
            counts_for_coupling(context, path);
      return it->second;
    };
    std::vector<std::vector<std::string>> commits;
    for (const auto& set : sets) {
      if (set.sweep || repo::is_bot(set.commit) || repo::is_tool_subject(set.commit.subject) ||
          facts::is_release_subject(set.commit.subject))
        continue;
      std::vector<std::string> files;
      for (const auto& path : set.paths)
        if (counted(path))
          files.push_back(path);
      if (!files.empty())
        commits.push_back(std::move(files));
    }
    const auto& modules = context.facts().source_size.modules;
    const auto pairs = facts::find_co_changes(
        commits, [&](std::string_view path) { return facts::module_of(path, modules); }, options);
    if (pairs.empty())
      return;
    Names wanted;
    for (const auto& pair : pairs)
      for (const auto* names : {&pair.a, &pair.b})
        for (auto& name : names_of(*names, names == &pair.a ? pair.module_a : pair.module_b))
          wanted.insert(std::move(name));
    const DocMentions mentions(context, wanted);
    std::map<std::pair<std::string, std::string>, std::vector<const facts::CoChange*>> by_modules;
    for (const auto& pair : pairs)
      if (!mentions.together(names_of(pair.a, pair.module_a), names_of(pair.b, pair.module_b)))
        by_modules[{pair.module_a, pair.module_b}].push_back(&pair);
    for (const auto& [key, list] : by_modules)
      report(context, out, list);
  }

private:
  static void report(const engine::Context& context, engine::Emitter& out,
                     std::vector<const facts::CoChange*> pairs) {
    std::ranges::stable_sort(pairs, [](const auto* x, const auto* y) { return x->together > y->together; });
    const auto* top = pairs.front();
    std::vector<std::string> listed;
    for (std::size_t i = 0; i < pairs.size() && i < k_listed_pairs; ++i)
      listed.push_back(fmt::format("{} and {} changed together in {} of {} commits touching either",
                                   pairs[i]->a, pairs[i]->b, pairs[i]->together, pairs[i]->either));
    if (pairs.size() > k_listed_pairs)
      listed.push_back(fmt::format("and {} more pairs", pairs.size() - k_listed_pairs));
    auto& finding = out.emit(fmt::format("{} and {} change together: {}", folder_of(top->module_a),
                                         folder_of(top->module_b), util::join(listed, "; ")),
                             engine::Location{top->a, 1, 1, {}},
                             fmt::format("{} <-> {}", top->module_a.empty() ? "." : top->module_a,
                                         top->module_b.empty() ? "." : top->module_b));
    finding.related.push_back(engine::Location{top->b, 1, 1, "changes with it"});
    finding.hint = fmt::format(
        "when you change {}, also change {} (together in {} of {} commits): say so in {}, "
        "in a section on changing {}",
        top->a, top->b, top->together, top->either, context.primary_context_file(), folder_of(top->module_a));
  }
};

} // namespace

TACIT_RULE(CoChangeUndocumented)

} // namespace tacit::rules
