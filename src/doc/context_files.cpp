#include <tacit/doc/agents.hpp>
#include <tacit/doc/context_files.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <deque>
#include <string>
#include <vector>

namespace tacit::doc {

namespace {

// The agent context files, derived from the loading model (doc/agents): a file that some agent loads
// always, for its directory, for the paths of its front matter, as a personal file or when configured to.
// Skills, commands and prompt files (on demand) are not classified as context files. Most specific first:
// personal files, then repository paths, then file names at the root, then the same names in any
// directory.
struct SpecTable {
  std::deque<std::string> strings; // storage for the views below
  std::vector<ContextFileSpec> specs;

  std::string_view keep(std::string text) { return strings.emplace_back(std::move(text)); }

  // Adds `pattern` for `agent`, or adds the agent to the row of that pattern.
  void add(std::string pattern, std::string_view agent, ContextScope scope, int hops) {
    for (auto& spec : specs)
      if (spec.pattern == pattern) {
        if (spec.agents.find(agent) == std::string_view::npos)
          spec.agents = keep(std::string(spec.agents) + ", " + std::string(agent));
        if (scope == ContextScope::directory && spec.scope == ContextScope::repository)
          spec.scope = scope; // a name loaded per directory applies to its directory
        spec.import_hops = std::max(spec.import_hops, hops);
        return;
      }
    const auto kept = keep(std::move(pattern));
    specs.push_back(ContextFileSpec{kept, keep(std::string(agent)), scope, hops});
  }

  SpecTable() {
    enum Pass { personal, repository_paths, root_names, nested_names };
    for (int pass = personal; pass <= nested_names; ++pass) {
      if (pass == personal) {
        // Not an agent's documented name: the personal override file that several tools' docs suggest.
        add("AGENTS.local.md", "personal AGENTS.md overrides", ContextScope::personal, 0);
        add("**/AGENTS.local.md", "personal AGENTS.md overrides", ContextScope::personal, 0);
      }
      for (const auto& agent : agent_specs())
        for (const auto& file : agent.files) {
          const auto name = std::string(agent.name);
          const bool has_slash = file.pattern.find('/') != std::string_view::npos;
          const bool per_directory = file.place != Place::root;
          switch (file.activation) {
          case Activation::personal:
            if (pass == personal) {
              add(std::string(file.pattern), name + " (personal)", ContextScope::personal, 0);
              add("**/" + std::string(file.pattern), name + " (personal)", ContextScope::personal, 0);
            }
            break;
          case Activation::opt_in:
            if (pass == repository_paths)
              add(std::string(file.pattern), name + " (when configured to read it)", ContextScope::opt_in, 0);
            break;
          case Activation::always:
          case Activation::front_matter: {
            const auto scope = file.selector == Selector::copilot ? ContextScope::path_scoped
                               : per_directory && !has_slash      ? ContextScope::directory
                                                                  : ContextScope::repository;
            if ((pass == repository_paths && has_slash) || (pass == root_names && !has_slash))
              add(std::string(file.pattern), name, scope, agent.import_hops);
            if (pass == nested_names && per_directory)
              add("**/" + std::string(file.pattern), name, ContextScope::directory, agent.import_hops);
            break;
          }
          case Activation::on_demand:
          case Activation::skill:
            break;
          }
        }
    }
  }
};

const SpecTable& spec_table() {
  static const SpecTable table;
  return table;
}

bool has_extension(std::string_view name, std::string_view ext) {
  return name.size() > ext.size() && util::iequals(name.substr(name.size() - ext.size()), ext);
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && util::iequals(text.substr(0, prefix.size()), prefix);
}

// Files whose name says they are not documentation an agent learns procedures from.
bool is_non_doc_name(std::string_view name) {
  constexpr std::array k_prefixes{
      "CHANGELOG",     "CHANGES",       "HISTORY", "NEWS",         "LICENSE",         "LICENCE",
      "COPYING",       "NOTICE",        "AUTHORS", "CONTRIBUTORS", "CODE_OF_CONDUCT", "CODEOWNERS",
      "RELEASE-NOTES", "RELEASE_NOTES", "PATENTS", "THIRD_PARTY",  "THIRD-PARTY"};
  for (std::string_view prefix : k_prefixes)
    if (starts_with_ci(name, prefix))
      return true;
  return false;
}

bool in_docs_dir(std::string_view path) {
  for (auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    if (lower == "doc" || lower == "docs" || lower == "documentation" || lower == "wiki")
      return true;
  }
  return false;
}

bool is_decision_record(std::string_view path) {
  const auto lower = util::to_lower(path);
  const auto name = util::base_name(lower);
  if (name.starts_with("adr-") || name.starts_with("adr_"))
    return true;
  for (auto part : util::split(util::dir_name(lower), '/'))
    if (part == "adr" || part == "adrs" || part == "decisions" || part == "decision-records" ||
        part == "architecture-decisions")
      return true;
  return false;
}

} // namespace

std::span<const ContextFileSpec> context_file_specs() {
  return spec_table().specs;
}

const ContextFileSpec* match_context_file(std::string_view path) {
  // Most files are not context files: rule them out by name before trying every glob.
  const auto name = util::base_name(path);
  const bool candidate = name.ends_with(".md") || name.ends_with(".mdc") || name.starts_with('.') ||
                         path.starts_with(".clinerules") || path.starts_with(".roo/");
  if (!candidate)
    return nullptr;
  for (const auto& spec : spec_table().specs)
    if (util::glob_match(spec.pattern, path))
      return &spec;
  return nullptr;
}

std::optional<RuleActivation> front_matter_activation(std::string_view path, std::string_view front_matter) {
  for (const auto& agent : agent_specs())
    for (const auto& file : agent.files)
      if (file.activation == Activation::front_matter && file.place == Place::root &&
          util::glob_match(file.pattern, path))
        return read_activation(file.selector, front_matter);
  return std::nullopt;
}

namespace {

// Globs that select every file of the repository (`applyTo: "**"`, `globs: **/*`).
bool covers_everything(const std::vector<std::string>& globs) {
  return std::ranges::any_of(globs, [](const std::string& glob) {
    const std::string_view g = util::trim(glob);
    return g == "**" || g == "**/*" || g == "/**" || g == "/**/*" || g == "./**" || g == "./**/*";
  });
}

} // namespace

bool is_repository_wide_context(std::string_view path, std::string_view front_matter) {
  const auto* spec = match_context_file(path);
  if (!spec)
    return false;
  // A rule file whose front matter says when it applies: only when it applies always, or to every file.
  // One without front matter is a legacy rule loaded always (a path-scoped Copilot file then applies to
  // nothing).
  if (const auto activation = front_matter_activation(path, front_matter)) {
    if (front_matter.empty() && spec->scope != ContextScope::path_scoped)
      return true;
    using Mode = RuleActivation::Mode;
    return activation->mode == Mode::always ||
           (activation->mode == Mode::glob && covers_everything(activation->globs));
  }
  if (spec->scope == ContextScope::repository)
    return true;
  return spec->scope == ContextScope::directory && path.find('/') == std::string_view::npos;
}

// A plain-text README about one topic: README.privsep, README.pytest, README.platform (not README.html or
// a template such as README.md.in).
bool is_plain_readme(std::string_view name) {
  if (!starts_with_ci(name, "README.") || name.find('.', 7) != std::string_view::npos)
    return false;
  const auto extension = util::to_lower(name.substr(7));
  for (std::string_view other :
       {"html", "htm",   "xml", "json", "yml", "yaml", "in", "tmpl", "template", "pdf", "png",
        "svg",  "cmake", "py",  "sh",   "js",  "ts",   "c",  "h",    "go",       "rs"})
    if (extension == other)
      return false;
  return !extension.empty();
}

namespace {

// A test's input or expected output: a file in a data folder (`specs/`, `cases/`, `snapshots/`,
// `expected/`...) of a test folder (`tests/specs/markdown/code.md` of a Markdown formatter is what it
// formats, not a doc).
bool is_test_input(std::string_view path) {
  bool in_tests = false;
  for (const auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    if (in_tests)
      for (std::string_view data :
           {"specs", "spec", "cases", "testcases", "test-cases", "test_cases", "snapshots", "__snapshots__",
            "golden", "goldens", "expected", "inputs", "input", "data", "samples", "corpus", "resources"})
        if (lower == data)
          return true;
    in_tests = in_tests || lower == "test" || lower == "tests" || lower == "__tests__" || lower == "testing";
  }
  return false;
}

} // namespace

std::optional<DocClass> classify_document(std::string_view path) {
  if (const auto* spec = match_context_file(path)) {
    // .cursorrules, .windsurfrules and .clinerules have no extension but are written in Markdown.
    return DocClass{DocKind::agent_context, DocFormat::markdown, spec->agents};
  }
  const auto name = util::base_name(path);
  DocFormat format;
  if (has_extension(name, ".md") || has_extension(name, ".markdown") || has_extension(name, ".mdx"))
    format = DocFormat::markdown;
  else if (has_extension(name, ".rst"))
    format = DocFormat::restructured_text;
  else if (has_extension(name, ".adoc") || has_extension(name, ".asciidoc"))
    format = DocFormat::asciidoc;
  else if (has_extension(name, ".txt") || name.find('.') == std::string_view::npos || is_plain_readme(name)) {
    // Plain text counts only under a well-known doc name or in a docs folder: CMakeLists.txt and
    // requirements.txt are not docs.
    const bool doc_name = starts_with_ci(name, "README") || starts_with_ci(name, "CONTRIBUTING") ||
                          starts_with_ci(name, "HACKING") || starts_with_ci(name, "INSTALL") ||
                          starts_with_ci(name, "BUILDING") || starts_with_ci(name, "DEVELOPMENT") ||
                          starts_with_ci(name, "TESTING") || starts_with_ci(name, "LAYOUT") ||
                          starts_with_ci(name, "OVERVIEW") || starts_with_ci(name, "ABOUT_") ||
                          starts_with_ci(name, "DESIGN");
    if (!doc_name && !(in_docs_dir(path) && has_extension(name, ".txt")))
      return std::nullopt;
    if (starts_with_ci(name, "CMakeLists") || starts_with_ci(name, "requirements"))
      return std::nullopt;
    format = DocFormat::plain_text;
  } else {
    return std::nullopt;
  }
  // Only now, for the few files in a doc format: these look at every folder of the path.
  if (is_non_doc_name(name) || is_test_input(path))
    return std::nullopt;

  DocKind kind = DocKind::other;
  if (starts_with_ci(name, "README"))
    kind = DocKind::readme;
  else if (starts_with_ci(name, "CONTRIBUTING") || starts_with_ci(name, "HACKING") ||
           starts_with_ci(name, "DEVELOPMENT") || starts_with_ci(name, "DEVELOPING"))
    kind = DocKind::contributing;
  else if (starts_with_ci(name, "ARCHITECTURE"))
    kind = DocKind::architecture;
  else if (is_decision_record(path))
    kind = DocKind::decision_record;
  return DocClass{kind, format, {}};
}

namespace {

// The words of a lower-cased text (letters and digits; an apostrophe joins: "user's").
std::vector<std::string> lower_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : std::string(text) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c == '\'' && !word.empty())) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

bool has_word(const std::vector<std::string>& words, std::string_view prefix) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.starts_with(prefix); });
}

// A name or title that speaks to contributors ("Contributing", "Development guide", "Hacking on X").
bool speaks_to_contributors(std::string_view text) {
  const auto words = lower_words(text);
  for (std::string_view prefix : {"contribut", "develop", "hacking", "maintain", "internal"})
    if (has_word(words, prefix))
      return true;
  return false;
}

} // namespace

bool is_user_facing(std::string_view path, DocKind kind, std::string_view title) {
  if ((kind != DocKind::other && kind != DocKind::readme) || path.find('/') == std::string_view::npos)
    return false;
  // A release note's fragment (changesets, towncrier, reno) speaks to the users of the release.
  const auto top = util::to_lower(path.substr(0, path.find('/')));
  if (top == ".changeset" || top == ".changes" || top == "changelog.d" || top == "newsfragments" ||
      path.find("/newsfragments/") != std::string_view::npos || path.starts_with("releasenotes/notes/"))
    return true;
  // A release's notes, in a folder of them (`changelogs/drizzle-orm/0.29.1.md`) or named by the version
  // (`docs/releases/v2.1.0.md`): what the users of that release get and do.
  const auto stem = util::base_name(path).substr(0, util::base_name(path).rfind('.'));
  const auto named = stem.starts_with('v') || stem.starts_with('V') ? stem.substr(1) : stem;
  if (!named.empty() && std::isdigit(static_cast<unsigned char>(named.front())) &&
      named.find('.') != std::string_view::npos && std::ranges::all_of(named, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
      }))
    return true;
  if (speaks_to_contributors(util::base_name(path)) || speaks_to_contributors(title))
    return false;
  for (auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    for (std::string_view folder :
         {"changelog", "changelogs", "release-notes", "release_notes", "releasenotes"})
      if (lower == folder)
        return true;
    for (std::string_view folder :
         {"tutorial", "tutorials", "user-guide", "user_guide", "userguide", "users-guide", "user-manual",
          "cookbook", "cookbooks", "upgrading", "upgrade-guides", "migration-guides"})
      if (lower == folder)
        return true;
    // docs/migration/: how the users move their code to a new version (a code folder `migrations/` holds
    // a database's, and no docs).
    if ((lower == "migration" || lower == "migrations") && path.find("doc") != std::string_view::npos)
      return true;
  }
  const auto words = lower_words(title);
  const auto has = [&](std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  if (has_word(words, "tutorial") || has("cookbook") ||
      ((has("user") || has("user's") || has("users")) && (has("guide") || has("manual"))))
    return true;
  // "Upgrading from v1.x to v2", "Migrating to 3.0", "Migration guide": the users' code moves to a new
  // version
  // ("Upgrading the library dependencies" is the maintainers').
  const bool version = std::ranges::any_of(title, [](char c) { return c >= '0' && c <= '9'; });
  if (((has("upgrading") || has("migrating")) && version) ||
      ((has("migration") || has("upgrade")) && has("guide")))
    return true;
  // "Testing Flask Applications", "Testing your app", "How to test an application": the users' own code.
  return has_word(words, "test") && (has("app") || has("apps") || has("application") || has("applications"));
}

bool is_key_kind(DocKind kind) {
  return kind == DocKind::agent_context || kind == DocKind::readme || kind == DocKind::contributing ||
         kind == DocKind::architecture;
}

bool is_structural(std::string_view path, DocKind kind) {
  if (kind == DocKind::agent_context)
    return true;
  if (!is_key_kind(kind))
    return false;
  const auto dir = util::dir_name(path);
  return dir.empty() || util::iequals(dir, "docs") || util::iequals(dir, "doc") || dir == ".github";
}

std::string_view to_string(DocKind kind) {
  switch (kind) {
  case DocKind::agent_context:
    return "agent context";
  case DocKind::readme:
    return "readme";
  case DocKind::contributing:
    return "contributing";
  case DocKind::architecture:
    return "architecture";
  case DocKind::decision_record:
    return "decision record";
  case DocKind::other:
    break;
  }
  return "doc";
}

} // namespace tacit::doc
