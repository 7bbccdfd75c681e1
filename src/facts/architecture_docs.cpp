// Architecture docs: files that map the code (ARCHITECTURE.md, docs/architecture*, design and internals
// docs), sections about the code's architecture, structure or layout in the README, CONTRIBUTING and context
// files, and sections of those that list the top-level directories.

#include "doc_outline.hpp"

#include <tacit/facts/architecture.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace tacit::facts {

namespace {

using namespace std::string_view_literals;

constexpr std::array k_doc_extensions{".md"sv,   ".markdown"sv, ".mdx"sv, ".rst"sv,
                                      ".adoc"sv, ".txt"sv,      ".mdc"sv};

// File stems and folder names of docs that map the code.
constexpr std::array k_architecture_names{"architecture"sv,
                                          "design"sv,
                                          "internals"sv,
                                          "codemap"sv,
                                          "code-map"sv,
                                          "code_map"sv,
                                          "structure"sv,
                                          "project-structure"sv,
                                          "code-structure"sv,
                                          "codebase"sv,
                                          "layout"sv,
                                          "project-layout"sv,
                                          "repository-structure"sv,
                                          "overview"sv};

// Words of a heading about the code's structure, and headings that are one only as a whole ("Modules").
constexpr std::array k_heading_words{"architecture"sv,
                                     "structure"sv,
                                     "layout"sv,
                                     "organization"sv,
                                     "organisation"sv,
                                     "codebase"sv,
                                     "code base"sv,
                                     "code map"sv,
                                     "codemap"sv,
                                     "internals"sv,
                                     "how it works"sv,
                                     "source tree"sv,
                                     "where things live"sv,
                                     "repository map"sv,
                                     "project map"sv,
                                     "code tour"sv,
                                     "navigating"sv,
                                     "directory overview"sv,
                                     "code overview"sv,
                                     "source overview"sv,
                                     "technical overview"sv,
                                     "system overview"sv,
                                     "what's where"sv,
                                     "where to find"sv,
                                     "repo tour"sv,
                                     "design overview"sv,
                                     "high-level design"sv,
                                     "design and implementation"sv};
constexpr std::array k_whole_headings{"design"sv,     "modules"sv,     "packages"sv, "crates"sv,
                                      "components"sv, "directories"sv, "folders"sv,  "overview of the code"sv,
                                      "the code"sv,   "source code"sv};
// Structure of something else than the code: the docs, CPU architectures, data layouts, a README's or a
// commit message's sections, a report's, a prompt's, a request's.
constexpr std::array k_other_topics{
    "decision"sv,    "documentation"sv, "docs"sv,     "multi-arch"sv, "architectures"sv,  "keyboard"sv,
    "file format"sv, "readme"sv,        "message"sv,  "commit"sv,     "data structure"sv, "report"sv,
    "prompt"sv,      "request"sv,       "response"sv, "payload"sv,    "schema"sv};

// Files of the root, docs/, doc/ and .github/ whose sections describe the repository.
bool is_key_doc(std::string_view path) {
  const auto dir = util::dir_name(path);
  const auto name = util::to_lower(util::base_name(path));
  const bool doc_ext = std::any_of(k_doc_extensions.begin(), k_doc_extensions.end(),
                                   [&](auto ext) { return name.ends_with(ext); });
  const bool rules_file = name == ".cursorrules" || name == ".windsurfrules" || name == ".clinerules";
  if (!doc_ext && !rules_file)
    return false;
  // A changelog's "Internals" section lists what changed inside, not where the code lives; a research
  // report's "Repository structure" is about repositories in general; a backlog, roadmap or policy maps none.
  for (std::string_view other : {"changelog", "changes", "history", "news", "releases", "release-notes",
                                 "release_notes", "research", "report", "backlog", "roadmap", "todo",
                                 "bookmarks", "security", "code_of_conduct", "code-of-conduct", "license"})
    if (name.starts_with(other))
      return false;
  if (dir.empty() || util::iequals(dir, "docs") || util::iequals(dir, "doc") || dir == ".github")
    return true;
  return dir.starts_with(".cursor/rules") || dir.starts_with(".windsurf/rules") ||
         dir.starts_with(".clinerules") || dir == ".junie" || dir == ".claude";
}

bool is_record_path(std::string_view lower) {
  const auto name = util::base_name(lower);
  if (name.starts_with("adr-") || name.starts_with("adr_"))
    return true;
  for (auto part : util::split(util::dir_name(lower), '/'))
    if (part == "adr" || part == "adrs" || part == "decisions" || part == "decision-records" ||
        part == "architecture-decisions")
      return true;
  return false;
}

bool has_word(std::string_view stem) {
  return std::find(k_architecture_names.begin(), k_architecture_names.end(), stem) !=
         k_architecture_names.end();
}

bool is_architecture_file(std::string_view path) {
  const auto lower = util::to_lower(path);
  const auto name = util::base_name(lower);
  if (!std::any_of(k_doc_extensions.begin(), k_doc_extensions.end(),
                   [&](auto ext) { return name.ends_with(ext); }))
    return false;
  if (is_record_path(lower))
    return false;
  const auto stem = name.substr(0, name.find('.'));
  const auto dir = util::dir_name(lower);
  const bool in_docs = dir.empty() || dir.starts_with("docs") || dir.starts_with("doc/") || dir == "doc" ||
                       dir.starts_with(".github") || util::contains(dir, "/docs") ||
                       util::contains(dir, "documentation");
  // "overview" is the name of a code map only at the root or right in a docs folder: deeper in a docs site
  // (`www/docs/client/links/overview.md`) it introduces a topic.
  if (has_word(stem)) {
    const auto parent = util::base_name(dir);
    return stem != "overview" || dir.empty() || parent == "docs" || parent == "doc" ||
           parent == "documentation" || parent == ".github";
  }
  if (!in_docs)
    return false;
  for (auto part : util::split(dir, '/'))
    if (part == "architecture" || part == "internals" || part == "design")
      return true;
  return false;
}

// True when `phrase` occurs in `text` as whole words (a plural 's' allowed): "structure" in "Project
// structure", not in "Structured outputs".
bool has_phrase(std::string_view text, std::string_view phrase) {
  const auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (auto at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
    auto end = at + phrase.size();
    if (end < text.size() && text[end] == 's')
      ++end;
    if ((at == 0 || !letter(text[at - 1])) && (end == text.size() || !letter(text[end])))
      return true;
  }
  return false;
}

bool is_structure_heading(std::string_view heading) {
  const auto name = outline::normalize(heading);
  const auto has = [&](auto word) { return util::contains(name, word); };
  if (std::any_of(k_other_topics.begin(), k_other_topics.end(), has))
    return false; // "Architecture decisions" is a decision log; "Documentation structure" maps the docs
  const auto has_words = [&](auto phrase) { return has_phrase(name, phrase); };
  return std::any_of(k_heading_words.begin(), k_heading_words.end(), has_words) ||
         std::find(k_whole_headings.begin(), k_whole_headings.end(), name) != k_whole_headings.end();
}

bool is_path_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

// The path-like tokens of a line and where each starts: runs of [A-Za-z0-9_.-] joined by single slashes,
// with an optional trailing slash. One pass, no backtracking.
std::vector<std::pair<std::size_t, std::string>> path_tokens(std::string_view text) {
  std::vector<std::pair<std::size_t, std::string>> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_path_char(text[i])) {
      ++i;
      continue;
    }
    const auto begin = i;
    while (i < text.size() && is_path_char(text[i]))
      ++i;
    while (i + 1 < text.size() && text[i] == '/' && is_path_char(text[i + 1])) {
      ++i;
      while (i < text.size() && is_path_char(text[i]))
        ++i;
    }
    if (i < text.size() && text[i] == '/')
      ++i;
    out.emplace_back(begin, std::string(text.substr(begin, i - begin)));
  }
  return out;
}

// The directories of `candidates` (top-level folders and source modules) a section names: `src/`,
// `internal/api/` in prose or code, tree lines (`├── api`, matched on a module's last segment too).
std::set<std::string> named_directories(const outline::Outline& doc, int begin, int end,
                                        const std::set<std::string>& candidates) {
  std::set<std::string> out;
  for (int line = begin; line <= end && line <= static_cast<int>(doc.lines.size()); ++line) {
    const std::string text(doc.lines[static_cast<std::size_t>(line - 1)].substr(0, 1000));
    const bool tree = util::contains(text, "\xE2\x94\x80\xE2\x94\x80") || util::contains(text, "|--") ||
                      util::contains(text, "`--");
    for (const auto& [at, path] : path_tokens(text)) {
      auto token = path;
      const bool slash = token.ends_with('/');
      if (slash)
        token.pop_back();
      const bool code = at > 0 && text[at - 1] == '`';
      if (!slash && !code && !tree)
        continue;
      if (candidates.contains(token)) {
        out.insert(token);
      } else if (tree) {
        for (const auto& candidate : candidates)
          if (candidate.ends_with("/" + token))
            out.insert(candidate);
      }
    }
  }
  return out;
}

// Per line of `doc`, whether it lies in a region a generator rewrites between comment markers
// (terraform-docs'
// `<!-- BEGIN_TF_DOCS -->` ... `<!-- END_TF_DOCS -->`, `<!-- BEGIN AUTO-GENERATED ... -->`): its "## Modules"
// table lists the module calls the generator found, no map of the code that a person keeps.
std::vector<bool> generated_lines(const outline::Outline& doc) {
  std::vector<bool> out(doc.lines.size(), false);
  bool inside = false;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const auto line = util::trim(doc.lines[i]);
    if (line.starts_with("<!--")) {
      const auto lower = util::to_lower(line.substr(0, 120));
      const bool generated = util::contains(lower, "tf_docs") || util::contains(lower, "terraform docs") ||
                             util::contains(lower, "generated");
      if (generated && (util::contains(lower, "begin") || util::contains(lower, "start")))
        inside = true;
      else if (generated && util::contains(lower, "end"))
        inside = false;
    }
    out[i] = inside;
  }
  return out;
}

} // namespace

std::vector<ArchitectureDoc> extract_architecture_docs(const std::vector<const repo::FileEntry*>& files,
                                                       const FileReader& read, const SourceSize& size) {
  std::vector<ArchitectureDoc> out;
  // What a directory list names: the top-level folders and the source modules.
  std::set<std::string> candidates;
  std::set<std::string> sources;
  for (const auto* file : files)
    if (const auto slash = file->path.find('/'); slash != std::string::npos && !file->path.starts_with('.'))
      candidates.insert(file->path.substr(0, slash));
  for (const auto& module : size.modules) {
    candidates.insert(module.path);
    sources.insert(module.path);
    sources.insert(module.path.substr(0, module.path.find('/')));
  }
  const std::size_t needed = std::max<std::size_t>(2, std::min<std::size_t>(3, sources.size()));
  // A module's own README with a section about its structure ("Code Structure") maps that module; when such
  // sections cover at least half of the code, the modules' READMEs are the map.
  std::vector<ArchitectureDoc> module_sections;
  int covered = 0;
  int total = 0;
  for (const auto& module : size.modules)
    total += module.source_files;
  for (const auto* file : files) {
    const auto dir = util::dir_name(file->path);
    const auto name = util::to_lower(util::base_name(file->path));
    if (!name.starts_with("readme") || !name.ends_with(".md"))
      continue;
    const auto module = std::find_if(size.modules.begin(), size.modules.end(),
                                     [&](const SourceModule& m) { return m.path == dir; });
    if (module == size.modules.end())
      continue;
    const auto doc = outline::build(read(*file));
    for (const auto& heading : doc.headings)
      if (is_structure_heading(heading.text) && !outline::body_lines(doc, heading).empty()) {
        module_sections.push_back(ArchitectureDoc{file->path, heading.line, heading.text, "module-section"});
        covered += module->source_files;
        break;
      }
  }
  if (total > 0 && covered * 2 >= total)
    out.insert(out.end(), module_sections.begin(), module_sections.end());
  for (const auto* file : files) {
    if (is_architecture_file(file->path)) {
      out.push_back(ArchitectureDoc{file->path, 1, "", "file"});
      continue;
    }
    if (!is_key_doc(file->path))
      continue;
    const auto content = read(*file);
    const auto doc = outline::build(content);
    const auto generated = generated_lines(doc);
    for (const auto& heading : doc.headings) {
      if (heading.line >= 1 && static_cast<std::size_t>(heading.line) <= generated.size() &&
          generated[static_cast<std::size_t>(heading.line - 1)])
        continue;
      if (is_structure_heading(heading.text) && !outline::body_lines(doc, heading).empty()) {
        // Below the root, an "Architecture" section that names no folder is a topic's (the components of
        // docs/runtime-v2.md's runtime), not a map of the code.
        if (util::dir_name(file->path).empty() ||
            !named_directories(doc, heading.body_begin, heading.body_end, candidates).empty())
          out.push_back(ArchitectureDoc{file->path, heading.line, heading.text, "section"});
        continue;
      }
      const auto named = named_directories(doc, heading.body_begin, heading.body_end, candidates);
      const auto source_dirs =
          std::count_if(named.begin(), named.end(), [&](const auto& dir) { return sources.contains(dir); });
      if (named.size() >= needed && source_dirs >= 1)
        out.push_back(ArchitectureDoc{file->path, heading.line, heading.text, "directory-list"});
    }
  }
  return out;
}

} // namespace tacit::facts
