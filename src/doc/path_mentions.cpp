// Paths as docs mention them: link targets and inline code that is clearly a repository path.

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace tacit::doc {

namespace {

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// "user@example.org", "git+subscribe@vger.kernel.org": an e-mail address (an autolink `<user@host>` or a link
// that forgot its `mailto:`), not a file. The domain has a dot and ends in a letters-only label.
bool is_email_address(std::string_view text) {
  const auto at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto local = text.substr(0, at);
  const auto domain = text.substr(at + 1);
  const auto is_local = [](unsigned char c) {
    return std::isalnum(c) || std::string_view("._%+-").contains(c);
  };
  const auto is_domain = [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; };
  if (!std::ranges::all_of(local, is_local) || !std::ranges::all_of(domain, is_domain))
    return false;
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3)
    return false;
  // "logo@2x.png" is a file: a file extension is not a top-level domain.
  const auto top = util::to_lower(domain.substr(dot + 1));
  constexpr std::array<std::string_view, 12> k_file_extensions{"png", "jpg",  "jpeg", "gif", "svg",  "webp",
                                                               "md",  "html", "txt",  "pdf", "json", "yaml"};
  return std::ranges::all_of(top, [](unsigned char c) { return std::isalpha(c); }) &&
         std::ranges::find(k_file_extensions, top) == k_file_extensions.end();
}

} // namespace

// A link target that names a repository path: no scheme, not protocol-relative, not anchor-only.
std::string link_path(std::string_view target) {
  auto text = util::trim(target);
  if (text.starts_with('<') && text.ends_with('>'))
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.starts_with('#') || text.starts_with("//") || is_email_address(text))
    return {};
  // A scheme (http:, mailto:, vscode:...): letters then ':'; a Windows drive letter is not a repo path
  // either.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    if (c == ':')
      return {};
    if (!(std::isalnum(c) || c == '+' || c == '.' || c == '-'))
      break;
  }
  const auto cut = text.find_first_of("#?");
  return percent_decode(markdown_unescape(text.substr(0, cut)));
}

// Markdown backslash escapes (`docs/a\_b.md` is docs/a_b.md, `#output\_name` is #output_name).
std::string markdown_unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1])))
      ++i;
    out += text[i];
  }
  return out;
}

namespace {

// A name with a placeholder part: "0.MINOR.x.md", "v1.x.x", "NAME.md", "YYYY-MM-DD-title.md".
bool has_placeholder_part(std::string_view name) {
  constexpr std::array<std::string_view, 13> k_placeholders{
      "MAJOR", "MINOR", "PATCH", "VERSION", "NAME", "XXX", "XX", "YYYY", "MM", "DD", "NNNN", "N", "X"};
  std::size_t start = 0;
  bool lone_x = false;
  const auto parts = name.substr(0, name.rfind('.'));
  while (start <= parts.size()) {
    auto end = parts.find_first_of(".-_", start);
    if (end == std::string_view::npos)
      end = parts.size();
    const auto part = parts.substr(start, end - start);
    for (auto placeholder : k_placeholders)
      if (part == placeholder)
        return true;
    // `test_action_EventNameHere.py`, `your-component.tsx`, `YourService.java`: a name to fill in.
    if ((part.size() > 4 && part.ends_with("Here")) || part == "here" || part.starts_with("Your") ||
        part.starts_with("your"))
      return true;
    lone_x = lone_x || (part == "x" && start > 0);
    start = end + 1;
  }
  return lone_x;
}

// "v1.2.3", "1.x", "v1.x.x": a version or a version pattern, not a file name.
bool is_version_like(std::string_view name) {
  if (name.starts_with('v') || name.starts_with('V'))
    name.remove_prefix(1);
  if (name.empty() || !std::isdigit(static_cast<unsigned char>(name.front())))
    return false;
  return name.find_first_not_of("0123456789.xX*") == std::string_view::npos;
}

bool has_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= name.size() || name.size() - dot > 11)
    return false;
  for (auto c : name.substr(dot + 1))
    if (!std::isalnum(static_cast<unsigned char>(c)))
      return false;
  return true;
}

} // namespace

// Inline code that is clearly a repository path: a relative path with a directory part whose last part has
// an extension (or which ends with '/'), no spaces, no glob or placeholder characters.
std::string inline_code_path(std::string_view code) {
  auto text = util::trim(code);
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ':'))
    text.remove_suffix(1);
  // "src/main.cpp:42" points at a line.
  if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    const auto tail = text.substr(colon + 1);
    if (!tail.empty() && tail.find_first_not_of("0123456789") == std::string_view::npos)
      text = text.substr(0, colon);
  }
  if (text.empty() || text.find('/') == std::string_view::npos)
    return {};
  if (text.find_first_of(" \t*?[]{}<>$|;=`'\"\\@%!,()~^") != std::string_view::npos)
    return {};
  if (text.starts_with('/') || text.starts_with('-') || text.find("://") != std::string_view::npos ||
      text.find("...") != std::string_view::npos)
    return {};
  const auto lower = util::to_lower(text);
  if (lower.find("path/to") != std::string::npos || lower.find("your") != std::string::npos ||
      lower.starts_with("foo/") || lower.find("/foo") != std::string::npos)
    return {};
  // The reader's own project: `lib/my_app/application.ex`, `src/MyApp/Program.cs`, `my-plugin/index.js`.
  for (const auto part : util::split(lower, '/')) {
    static constexpr std::array<std::string_view, 8> k_mine{
        "myapp", "myproject", "mypackage", "mymodule", "myplugin", "mylib", "myservice", "mycompany"};
    if (part.starts_with("my_") || part.starts_with("my-") ||
        std::ranges::find(k_mine, part.substr(0, part.find('.'))) != k_mine.end())
      return {};
  }
  if (text.ends_with('/')) {
    const auto dir = util::base_name(text.substr(0, text.size() - 1));
    if (is_version_like(dir) || has_placeholder_part(std::string(dir) + ".d"))
      return {};
    return std::string(text);
  }
  const auto name = util::base_name(text);
  if (!has_extension(name) || is_version_like(name) || has_placeholder_part(name))
    return {};
  // Domain-like first segments (github.com/x/y.go) are not repository paths.
  const auto first = text.substr(0, text.find('/'));
  if (first.find('.') != std::string_view::npos && !first.starts_with('.'))
    return {};
  return std::string(text);
}

} // namespace tacit::doc
