// Contribution procedure files: CONTRIBUTING guides, pull and merge request templates, CODEOWNERS, commit
// message checkers (commitlint, commitizen), and docs whose names say they are about commits, contributing
// or pull requests. Only the templates and those docs are read (their text, capped, is kept for rules that
// look for what they state); the rest is found by path.

#include "file_lookup.hpp"
#include "json_scripts.hpp"

#include <tacit/facts/contribution.hpp>
#include <tacit/util/strings.hpp>

#include <array>

namespace tacit::facts {

namespace {

using Files = std::vector<const repo::FileEntry*>;

constexpr std::size_t k_text_cap = 64u << 10;
constexpr std::size_t k_max_texts = 40; // docs read for their text, at most

constexpr std::array<std::string_view, 17> k_commit_checkers{"commitlint.config.js",
                                                             "commitlint.config.cjs",
                                                             "commitlint.config.mjs",
                                                             "commitlint.config.ts",
                                                             "commitlint.config.cts",
                                                             ".commitlintrc",
                                                             ".commitlintrc.json",
                                                             ".commitlintrc.yaml",
                                                             ".commitlintrc.yml",
                                                             ".commitlintrc.js",
                                                             ".commitlintrc.cjs",
                                                             ".commitlintrc.mjs",
                                                             ".commitlintrc.ts",
                                                             ".czrc",
                                                             ".cz.toml",
                                                             ".cz.json",
                                                             "cz.json"};

bool is_doc_extension(std::string_view name) {
  for (std::string_view ext : {".md", ".markdown", ".rst", ".adoc", ".txt"})
    if (name.ends_with(ext))
      return true;
  return false;
}

bool in_procedure_dir(std::string_view dir) {
  return dir.empty() || util::iequals(dir, ".github") || util::iequals(dir, "docs") ||
         util::iequals(dir, "doc");
}

// A folder of contributor docs: docs/contributing/, docs/development/contribute/...
bool in_contributing_folder(std::string_view dir) {
  for (auto part : util::split(dir, '/')) {
    const auto lower = util::to_lower(part);
    if (lower == "contributing" || lower == "contribute" || lower == "contributors" || lower == "contributor")
      return true;
  }
  return false;
}

bool is_pr_template(std::string_view path) {
  const auto lower = util::to_lower(path);
  const auto dir = util::dir_name(lower);
  const auto name = util::base_name(lower);
  if (!name.ends_with(".md") && !name.ends_with(".txt"))
    return false;
  if (name.starts_with("pull_request_template.") && (dir.empty() || dir == ".github" || dir == "docs"))
    return true;
  return dir == ".github/pull_request_template" || dir == ".gitlab/merge_request_templates";
}

// A folder where a project keeps its own docs (not, say, tldr's pages/ about `git commit`).
bool in_doc_place(std::string_view dir) {
  if (dir.empty() || dir == ".github")
    return true;
  for (auto part : util::split(dir, '/')) {
    const auto lower = util::to_lower(part);
    for (std::string_view place : {"doc", "docs", "documentation", "dev", "development", "contributing",
                                   "contribute", "wiki", "guides", "handbook", "process", ".github"})
      if (lower == place)
        return true;
  }
  return false;
}

// A doc whose name says it is about commits, contributing, patches, reviews or pull requests.
bool is_guide_name(std::string_view name) {
  const auto lower = util::to_lower(name);
  for (std::string_view word : {"commit", "contribut", "pull-request", "pull_request", "pullrequest",
                                "merge-request", "merge_request", "patches", "review", "git-workflow",
                                "git_workflow", "development-process", "dev-process"})
    if (lower.find(word) != std::string::npos)
      return true;
  return false;
}

std::string capped(std::string_view text) {
  return std::string(text.substr(0, k_text_cap));
}

} // namespace

std::vector<ContributionFile> extract_contribution_files(const Files& files, const FileReader& read) {
  std::vector<ContributionFile> out;
  std::size_t texts = 0;
  auto add = [&](std::string_view kind, const repo::FileEntry& file, bool keep_text) {
    ContributionFile entry{std::string(kind), file.path, {}};
    if (keep_text && (file.mode & 0170000) != repo::k_mode_symlink && texts < k_max_texts) {
      ++texts;
      entry.text = capped(read(file));
    }
    out.push_back(std::move(entry));
  };
  for (const auto* file : files) {
    const std::string_view path = file->path;
    const auto dir = util::dir_name(path);
    const auto name = util::base_name(path);
    if (util::iequals(name, "CODEOWNERS") &&
        (dir.empty() || dir == ".github" || dir == "docs" || dir == ".gitlab")) {
      add("codeowners", *file, false);
    } else if (is_pr_template(path)) {
      add("pr-template", *file, true);
    } else if (dir.empty() && std::find(k_commit_checkers.begin(), k_commit_checkers.end(), name) !=
                                  k_commit_checkers.end()) {
      add("commit-lint", *file, false);
    } else if (!is_doc_extension(util::to_lower(name)) && name.find('.') != std::string_view::npos) {
      continue;
    } else if (util::to_lower(name).starts_with("contributing") && in_procedure_dir(dir)) {
      add("contributing", *file, false); // a key document: rules read its text from the documents
    } else if (is_doc_extension(util::to_lower(name)) && in_contributing_folder(dir)) {
      add("contributing", *file, true);
    } else if (is_doc_extension(util::to_lower(name)) && is_guide_name(name) && in_doc_place(dir)) {
      add("guide", *file, true);
    }
  }
  if (const auto* package = find_file(files, "package.json")) {
    const auto& parsed = read.package_json(*package);
    if (parsed.valid && parsed.keys.contains("commitlint"))
      out.push_back(ContributionFile{"commit-lint", package->path, {}});
  }
  return out;
}

} // namespace tacit::facts
