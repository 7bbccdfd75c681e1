// Headings of Markdown sections, or heading-like lines of reST, AsciiDoc and plain-text docs.

#include <tacit/doc/headings.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/utf8.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace tacit::doc {

namespace {

// The heading-like lines of a text doc: (line index, heading text, lines it takes).
struct HeadingLine {
  std::size_t index;
  std::string text;
  std::size_t height;
};

// With `strict` (for sections), lines in a fenced code block are not headings, and a `#` or `==` heading
// needs a space after its markers (`#. item` is a reST list item).
std::vector<HeadingLine> heading_lines(const std::vector<std::string_view>& lines, bool strict) {
  std::vector<HeadingLine> out;
  bool fenced = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = util::trim(lines[i]);
    if (strict && (line.starts_with("```") || line.starts_with("~~~"))) {
      fenced = !fenced;
      continue;
    }
    if (fenced)
      continue;
    const auto marks = line.find_first_not_of("#=");
    if (strict && (line.starts_with('#') || line.starts_with("==")) &&
        (marks == std::string_view::npos || line[marks] != ' '))
      continue;
    if (line.starts_with('#') || line.starts_with("==")) {
      out.push_back({i,
                     std::string(util::trim(line.substr(line.find_first_not_of("#=") == std::string_view::npos
                                                            ? line.size()
                                                            : line.find_first_not_of("#=")))),
                     1});
      continue;
    }
    // reST: a title line over an underline of =, -, ~, ^ or * at least as long.
    if (line.empty() || i + 1 >= lines.size())
      continue;
    const auto under = util::trim(lines[i + 1]);
    if (under.size() >= line.size() && under.size() >= 3 &&
        under.find_first_not_of(under.front()) == std::string_view::npos &&
        std::string_view("=-~^*").find(under.front()) != std::string_view::npos)
      out.push_back({i, std::string(line), 2});
  }
  return out;
}

} // namespace

std::vector<std::string> headings(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& section : doc.sections)
    if (section.level > 0)
      out.push_back(section.heading);
  if (doc.structural)
    return out;
  for (auto& heading : heading_lines(util::split_lines(doc.text), false))
    out.push_back(std::move(heading.text));
  return out;
}

std::string document_title(std::string_view text) {
  // Only the head: a title comes first, and this runs on every document.
  constexpr std::size_t k_head_lines = 40;
  auto lines = util::split_lines(text.substr(0, std::min<std::size_t>(text.size(), 4096)));
  if (lines.size() > k_head_lines)
    lines.resize(k_head_lines);
  if (!lines.empty() && util::trim(lines.front()) == "---") {
    for (std::size_t i = 1; i < lines.size() && util::trim(lines[i]) != "---"; ++i)
      if (lines[i].starts_with("title:")) {
        auto title = util::trim(lines[i].substr(6));
        if (title.size() >= 2 && (title.front() == '"' || title.front() == '\'') &&
            title.back() == title.front())
          title = title.substr(1, title.size() - 2);
        return std::string(title);
      }
  }
  const auto found = heading_lines(lines, true);
  return found.empty() ? std::string() : found.front().text;
}

std::vector<Section> sections(const Document& doc) {
  if (doc.structural)
    return doc.sections;
  std::vector<Section> out;
  const auto lines = util::split_lines(doc.text);
  const auto found = heading_lines(lines, true);
  for (std::size_t h = 0; h < found.size(); ++h) {
    const auto begin = found[h].index + found[h].height;
    const auto end = h + 1 < found.size() ? found[h + 1].index : lines.size();
    Section section;
    section.heading = found[h].text;
    section.level = 1;
    section.line_begin = static_cast<int>(found[h].index) + 1;
    section.line_end = static_cast<int>(end);
    for (auto i = begin; i < end; ++i) {
      section.body += lines[i];
      section.body += '\n';
    }
    out.push_back(std::move(section));
  }
  return out;
}

namespace {

// The heading's text as rendered: links and images reduced to their text, HTML tags and code backticks
// removed; `{#id}` is taken out into `custom_id`.
std::string rendered_text(std::string_view heading, std::string& custom_id) {
  std::string text(util::trim(heading));
  if (text.ends_with('}'))
    if (const auto open = text.rfind("{#"); open != std::string::npos) {
      custom_id = text.substr(open + 2, text.size() - open - 3);
      text = std::string(util::trim(std::string_view(text).substr(0, open)));
    }
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') { // an HTML tag
      const auto close = text.find('>', i);
      if (close != std::string::npos) {
        i = close;
        continue;
      }
    }
    if (c == '!' && i + 1 < text.size() && text[i + 1] == '[')
      continue;
    if (c == ']' && i + 1 < text.size() && (text[i + 1] == '(' || text[i + 1] == '[')) {
      // [text](url) or [text][ref]: the text stays, the destination goes.
      const char closer = text[i + 1] == '(' ? ')' : ']';
      const auto close = text.find(closer, i + 2);
      if (close != std::string::npos) {
        i = close;
        continue;
      }
    }
    if (c == '`' || c == '[' || c == ']')
      continue;
    out += c;
  }
  return out;
}

// One UTF-8 code point at text[i] (advancing i), or the byte itself when the sequence is invalid.
char32_t decode(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const auto lead = byte(i);
  const int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (length == 1 || i + length > text.size()) {
    ++i;
    return lead;
  }
  char32_t code = lead & (0x7F >> length);
  for (int k = 1; k < length; ++k)
    code = (code << 6) | (byte(i + k) & 0x3F);
  i += length;
  return code;
}

// Lower case for the alphabets with case that docs are written in (Latin, Greek, Cyrillic).
char32_t to_lower(char32_t code) {
  if (code < 0x80)
    return static_cast<char32_t>(std::tolower(static_cast<int>(code)));
  if ((code >= 0xC0 && code <= 0xDE && code != 0xD7) || (code >= 0x391 && code <= 0x3AB && code != 0x3A2) ||
      (code >= 0x410 && code <= 0x42F))
    return code + 0x20;
  if (code >= 0x400 && code <= 0x40F)
    return code + 0x50;
  if (code >= 0x100 && code <= 0x17F && code % 2 == 0 && code != 0x130 && code != 0x138)
    return code + 1;
  return code;
}

// Punctuation and symbols beyond ASCII, which an anchor drops: Latin-1 signs, general punctuation, arrows,
// math and technical symbols, dingbats, CJK and full-width punctuation, emoji. Not the marks that follow an
// emoji (variation selectors such as U+FE0F in "❤️", combining marks for symbols such as the keycap
// U+20E3): GitHub keeps marks, so "# ❤️ Ways to Contribute" is `#️-ways-to-contribute` there.
bool is_symbol(char32_t code) {
  return (code >= 0xA0 && code <= 0xBF) || code == 0xD7 || code == 0xF7 ||
         (code >= 0x2000 && code <= 0x2BFF && !(code >= 0x20D0 && code <= 0x20FF)) ||
         (code >= 0x3000 && code <= 0x303F) || (code >= 0xFF01 && code <= 0xFF0F) ||
         (code >= 0xFF1A && code <= 0xFF20) || (code >= 0x1F000 && !(code >= 0xE0100 && code <= 0xE01EF));
}

// GitHub's slug of rendered text: lower-cased, letters, digits, '-' and '_' kept, spaces made '-', ASCII
// punctuation and symbols dropped; other characters beyond ASCII kept (`keep_unicode`) or dropped.
std::string slug(std::string_view text, bool keep_underscore, bool keep_unicode) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto code = decode(text, i);
    const char c = code < 0x80 ? static_cast<char>(code) : '\0';
    const auto u = static_cast<unsigned char>(c);
    if (code >= 0x80) {
      if (keep_unicode && !is_symbol(code))
        util::append_utf8(out, to_lower(code));
    } else if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (c == ' ' || c == '-') {
      out += '-';
    } else if (c == '_' && keep_underscore) {
      out += c;
    }
  }
  return out;
}

// ":rocket: Start" without its emoji shortcodes.
std::string without_shortcodes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ':') {
      auto end = i + 1;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                                   text[end] == '+' || text[end] == '-'))
        ++end;
      if (end < text.size() && text[end] == ':' && end > i + 1) {
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// The values of `id="..."` and `name="..."` attributes in a document's HTML.
void add_html_ids(std::string_view text, std::vector<std::string>& out) {
  for (std::string_view attribute : {"id=", "name="}) {
    for (auto at = text.find(attribute); at != std::string_view::npos; at = text.find(attribute, at + 1)) {
      if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '-'))
        continue;
      auto start = at + attribute.size();
      if (start >= text.size() || (text[start] != '"' && text[start] != '\''))
        continue;
      const auto quote = text[start++];
      const auto end = text.find(quote, start);
      if (end != std::string_view::npos && end - start < 200)
        out.push_back(normalize_fragment(text.substr(start, end - start)));
    }
  }
}

// The anchors of the document's HTML headings (`<h1 align=center><code>just</code></h1>`): GitHub gives
// every heading of the rendered page one, from its text without the tags.
void add_html_headings(std::string_view text, std::vector<std::string>& out) {
  for (auto at = text.find("<h"); at != std::string_view::npos; at = text.find("<h", at + 2)) {
    if (at + 3 >= text.size() || text[at + 2] < '1' || text[at + 2] > '6' ||
        (text[at + 3] != '>' && text[at + 3] != ' ' && text[at + 3] != '\t'))
      continue;
    const auto open_end = text.find('>', at);
    const char closing[] = {'<', '/', 'h', text[at + 2], '\0'};
    const auto close = text.find(closing, at);
    if (open_end == std::string_view::npos || close == std::string_view::npos || close < open_end ||
        close - open_end > 300)
      continue;
    std::string inner;
    bool in_tag = false;
    for (const char c : text.substr(open_end + 1, close - open_end - 1)) {
      if (c == '<')
        in_tag = true;
      else if (c == '>')
        in_tag = false;
      else if (!in_tag)
        inner += c;
    }
    for (const bool unicode : {true, false})
      out.push_back(slug(util::trim(inner), true, unicode));
  }
}

} // namespace

std::string normalize_fragment(std::string_view fragment) {
  std::string out;
  for (std::size_t i = 0; i < fragment.size(); ++i) {
    if (fragment[i] == '%' && i + 2 < fragment.size() &&
        std::isxdigit(static_cast<unsigned char>(fragment[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(fragment[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(fragment.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += fragment[i];
    }
  }
  std::string lower;
  for (std::size_t i = 0; i < out.size();)
    util::append_utf8(lower, to_lower(decode(out, i)));
  out = std::move(lower);
  if (out.starts_with("user-content-"))
    out.erase(0, 13);
  return out;
}

std::vector<std::string> anchors(const Document& doc) {
  std::vector<std::string> out;
  if (!doc.structural)
    return out;
  // Each variant counts its own repeats: GitHub's "-1" suffix follows the slug it renders.
  std::map<std::string, int> seen[8];
  for (const auto& section : doc.sections) {
    if (section.level == 0)
      continue;
    std::string custom_id;
    const auto text = rendered_text(section.heading, custom_id);
    if (!custom_id.empty())
      out.push_back(normalize_fragment(custom_id));
    const std::string texts[2] = {text, without_shortcodes(text)};
    int variant = 0;
    for (const auto& t : texts)
      for (const bool underscore : {true, false})
        for (const bool unicode : {true, false}) {
          const auto base = slug(t, underscore, unicode);
          const int n = seen[variant++][base]++;
          out.push_back(n == 0 ? base : base + "-" + std::to_string(n));
        }
  }
  add_html_ids(doc.text, out);
  add_html_headings(doc.text, out);
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace tacit::doc
