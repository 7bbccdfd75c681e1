// `@path` memory imports of CLAUDE.md / GEMINI.md style context files.

#include <tacit/doc/document.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace tacit::doc {

namespace {

bool looks_like_import_target(std::string_view target) {
  if (target.starts_with("./") || target.starts_with("../") || target.starts_with("~/") ||
      target.starts_with('/'))
    return target.size() > 2;
  // Otherwise the last segment needs an extension: "@AGENTS.md", "@docs/testing.md"; not "@octocat" or
  // "@types/node".
  const auto name = util::base_name(target);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size())
    return false;
  return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(dot) + 1, name.end(),
                     [](unsigned char c) { return std::isalnum(c); });
}

} // namespace

void find_imports(std::string_view content, Document& doc) {
  const auto lines = util::split_lines(content);
  // Lines that belong to code blocks (fences included), marked once: linear in lines plus blocks, however
  // many blocks a file holds (200k fenced blocks took 47 s as a check of every block on every line).
  std::vector<bool> in_code(lines.size() + 2, false);
  for (const auto& block : doc.code_blocks) {
    const auto count = static_cast<std::size_t>(std::count(block.text.begin(), block.text.end(), '\n'));
    const auto first = static_cast<std::size_t>(std::max(block.line - 1, 0));
    for (auto line = first; line <= first + count + 1 && line < in_code.size(); ++line)
      in_code[line] = true;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    if (in_code[i + 1])
      continue;
    const auto line = lines[i];
    std::size_t open_run = 0; // length of the backtick run that opened the current code span; 0 outside
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (line[k] == '`') {
        std::size_t run = 0;
        while (k + run < line.size() && line[k + run] == '`')
          ++run;
        if (open_run == 0) {
          // Opens a span only if a closing run of the same length follows.
          const auto closer = line.find(std::string(run, '`'), k + run);
          if (closer != std::string_view::npos)
            open_run = run;
        } else if (run == open_run) {
          open_run = 0;
        }
        k += run - 1;
        continue;
      }
      if (line[k] != '@' || open_run > 0)
        continue;
      if (k > 0 && !std::isspace(static_cast<unsigned char>(line[k - 1])) && line[k - 1] != '(')
        continue;
      auto end = k + 1;
      while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end])) && line[end] != ')' &&
             line[end] != '`')
        ++end;
      auto target = line.substr(k + 1, end - k - 1);
      while (!target.empty() &&
             (target.back() == '.' || target.back() == ',' || target.back() == ';' || target.back() == ':'))
        target.remove_suffix(1);
      if (looks_like_import_target(target))
        doc.imports.push_back(Import{std::string(target), line_no, static_cast<int>(k) + 1});
      k = end - 1;
    }
  }
}

std::string resolve_import(std::string_view doc_path, std::string_view written) {
  // A Markdown escape is not part of the path: `@docs/\_sidebar.yaml` names docs/_sidebar.yaml.
  std::string target;
  for (std::size_t i = 0; i < written.size(); ++i)
    if (written[i] != '\\' || i + 1 == written.size() ||
        std::isalnum(static_cast<unsigned char>(written[i + 1])))
      target += written[i];
  if (target.empty() || target.starts_with('~') || target.starts_with('/') ||
      target.find_first_of("{}<>$*") != std::string::npos)
    return {};
  const auto dir = util::dir_name(doc_path);
  bool escaped = false;
  auto path =
      util::normalize_path(dir.empty() ? std::string(target) : fmt::format("{}/{}", dir, target), &escaped);
  return escaped ? std::string{} : path;
}

} // namespace tacit::doc
