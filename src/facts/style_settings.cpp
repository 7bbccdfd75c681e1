// The style settings of root configs (see style.hpp). The files are read as text, key by key: only plain
// numbers and booleans are taken, anything computed or unusual is left out.

#include "file_lookup.hpp"

#include <tacit/facts/file_cache.hpp>
#include <tacit/facts/style.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <cctype>

namespace tacit::facts {

namespace {

bool is_number(std::string_view text) {
  return !text.empty() && text.size() <= 3 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// `key` <sep> value on a line (sep ':' or '='), the value without quotes, a trailing comma or comment.
std::string value_of(std::string_view line, std::string_view key) {
  auto text = util::trim(line);
  if (!text.starts_with(key))
    return {};
  text = util::trim(text.substr(key.size()));
  if (text.starts_with('"') && key.front() != '"')
    return {};
  if (text.empty() || (text.front() != ':' && text.front() != '='))
    return {};
  text = util::trim(text.substr(1));
  if (const auto hash = text.find_first_of("#;"); hash != std::string_view::npos)
    text = util::trim(text.substr(0, hash));
  while (!text.empty() && (text.back() == ',' || text.back() == '"' || text.back() == '\''))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == '"' || text.front() == '\''))
    text.remove_prefix(1);
  return std::string(text);
}

struct Reader {
  const std::vector<const repo::FileEntry*>& files;
  const FileReader& read;
  std::vector<StyleSetting>& out;

  std::vector<std::string_view> lines(const repo::FileEntry& file) const {
    const auto& content = read.content(file);
    return content ? util::split_lines(content->bytes) : std::vector<std::string_view>{};
  }

  void add(std::string setting, std::string value, std::string_view tool, std::string scope,
           const repo::FileEntry& file, int line) {
    out.push_back(
        {std::move(setting), std::move(value), std::string(tool), std::move(scope), {file.path, line, {}}});
  }

  void editorconfig() {
    const auto* file = find_file(files, ".editorconfig");
    if (!file)
      return;
    std::string section;
    int number = 0;
    for (auto line : lines(*file)) {
      ++number;
      const auto text = util::trim(line);
      if (text.starts_with('[') && text.ends_with(']')) {
        section = std::string(text.substr(1, text.size() - 2));
        continue;
      }
      if (section.empty())
        continue;
      const auto scope = section == "*" ? std::string() : section;
      if (auto v = util::to_lower(value_of(text, "max_line_length")); is_number(v))
        add("line-length", v, "editorconfig", scope, *file, number);
      if (auto v = value_of(text, "indent_size"); is_number(v))
        add("indent-width", v, "editorconfig", scope, *file, number);
      if (auto v = util::to_lower(value_of(text, "indent_style")); v == "tab" || v == "space")
        add("indent-style", v, "editorconfig", scope, *file, number);
    }
  }

  void clang_format() {
    const auto* file = find_file(files, ".clang-format");
    if (!file)
      file = find_file(files, "_clang-format");
    if (!file)
      return;
    int number = 0;
    for (auto line : lines(*file)) {
      ++number;
      if (util::trim(line) == "---" && number > 1)
        break; // other languages' sections follow
      if (auto v = value_of(line, "ColumnLimit"); is_number(v) && v != "0")
        add("line-length", v, "clang-format", "", *file, number);
      if (auto v = value_of(line, "IndentWidth"); is_number(v))
        add("indent-width", v, "clang-format", "", *file, number);
      if (auto v = value_of(line, "UseTab"); !v.empty())
        add("indent-style", v == "Never" ? "space" : "tab", "clang-format", "", *file, number);
    }
  }

  // TOML: `key = N` in the sections given ("" the top level).
  void toml(std::string_view path, std::string_view tool, std::initializer_list<std::string_view> sections,
            std::string_view key, std::string_view setting) {
    const auto* file = find_file(files, path);
    if (!file)
      return;
    std::string section;
    int number = 0;
    for (auto line : lines(*file)) {
      ++number;
      const auto text = util::trim(line);
      if (text.starts_with('[')) {
        section = std::string(text.substr(1, text.find(']') - 1));
        continue;
      }
      if (std::find(sections.begin(), sections.end(), section) == sections.end())
        continue;
      if (auto v = value_of(text, key); is_number(v))
        add(std::string(setting), v, tool, "", *file, number);
    }
  }

  void prettier() {
    for (std::string_view name : {".prettierrc", ".prettierrc.json", ".prettierrc.yaml", ".prettierrc.yml"}) {
      const auto* file = find_file(files, name);
      if (!file)
        continue;
      int number = 0;
      for (auto line : lines(*file)) {
        ++number;
        for (std::string_view key : {"printWidth", "\"printWidth\""})
          if (auto v = value_of(line, key); is_number(v))
            add("line-length", v, "prettier", "", *file, number);
        for (std::string_view key : {"tabWidth", "\"tabWidth\""})
          if (auto v = value_of(line, key); is_number(v))
            add("indent-width", v, "prettier", "", *file, number);
        for (std::string_view key : {"useTabs", "\"useTabs\""})
          if (auto v = value_of(line, key); v == "true" || v == "false")
            add("indent-style", v == "true" ? "tab" : "space", "prettier", "", *file, number);
      }
      return;
    }
  }
};

} // namespace

std::vector<StyleSetting> extract_style_settings(const std::vector<const repo::FileEntry*>& files,
                                                 const FileReader& read) {
  std::vector<StyleSetting> out;
  Reader reader{files, read, out};
  reader.editorconfig();
  reader.clang_format();
  reader.toml("pyproject.toml", "ruff", {"tool.ruff"}, "line-length", "line-length");
  reader.toml("pyproject.toml", "black", {"tool.black"}, "line-length", "line-length");
  reader.toml("ruff.toml", "ruff", {""}, "line-length", "line-length");
  reader.toml(".ruff.toml", "ruff", {""}, "line-length", "line-length");
  reader.toml("rustfmt.toml", "rustfmt", {""}, "max_width", "line-length");
  reader.toml(".rustfmt.toml", "rustfmt", {""}, "max_width", "line-length");
  reader.toml("rustfmt.toml", "rustfmt", {""}, "tab_spaces", "indent-width");
  reader.toml(".rustfmt.toml", "rustfmt", {""}, "tab_spaces", "indent-width");
  reader.prettier();
  return out;
}

} // namespace tacit::facts
