// Planning the fixes of a run: positions resolved against the files as they are now, conflicts settled
// (the first fix wins), line ends and the final newline kept, edits composed into each file's new content.

#include <tacit/fix/apply.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace tacit::fix {

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || (length == 2 && c < 0xc2) || i + length > text.size())
      return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
        return false;
    i += length;
  }
  return true;
}

// CRLF when most of the file's line ends are CRLF.
bool is_crlf(std::string_view content) {
  std::size_t lf = 0;
  std::size_t crlf = 0;
  for (std::size_t i = 0; i < content.size(); ++i)
    if (content[i] == '\n') {
      ++lf;
      if (i > 0 && content[i - 1] == '\r')
        ++crlf;
    }
  return crlf * 2 > lf;
}

std::string with_line_ends(std::string_view text, bool crlf) {
  if (!crlf)
    return std::string(text);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
      out += '\r';
    out += text[i];
  }
  return out;
}

struct Accepted {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  std::string header;
  std::size_t finding = 0;
};

struct FileState {
  std::optional<std::string> content; // nullopt: the file does not exist
  std::string error;                  // it cannot be read or edited
  bool crlf = false;
  bool utf8 = true;
  std::vector<std::size_t> line_starts;
  std::vector<Accepted> accepted;

  std::string_view text() const { return content ? std::string_view(*content) : std::string_view{}; }

  // The byte offset of a position, or nullopt when it is outside the file (past a line's end).
  std::optional<std::size_t> offset(engine::TextPosition position) const {
    if (position.line < 1 || position.column < 1 ||
        static_cast<std::size_t>(position.line) > line_starts.size())
      return std::nullopt;
    const auto index = static_cast<std::size_t>(position.line - 1);
    const auto start = line_starts[index];
    auto line_end = index + 1 < line_starts.size() ? line_starts[index + 1] - 1 : text().size();
    if (index + 1 < line_starts.size() && line_end > start && text()[line_end - 1] == '\r')
      --line_end;
    const auto at = start + static_cast<std::size_t>(position.column - 1);
    if (at > line_end)
      return std::nullopt;
    return at;
  }
};

FileState load(const Reader& read, const std::string& path) {
  FileState state;
  if (auto content = read(path); !content)
    state.error = content.error().message;
  else
    state.content = std::move(*content);
  const auto text = state.text();
  // Lone CRs end lines for the documents (classic Mac OS) but not here: such a file is left alone.
  for (std::size_t i = 0; i < text.size() && state.error.empty(); ++i)
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))
      state.error = fmt::format("{} ends lines with a lone CR, which fixes do not write", path);
  state.crlf = is_crlf(text);
  state.utf8 = is_valid_utf8(text);
  state.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      state.line_starts.push_back(i + 1);
  return state;
}

// Two edits overlap when their ranges share a byte, or one inserts strictly inside the other's range.
bool overlaps(std::size_t b1, std::size_t e1, std::size_t b2, std::size_t e2) {
  if (b1 == e1 && b2 == e2)
    return false;
  if (b1 == e1)
    return b2 < b1 && b1 < e2;
  if (b2 == e2)
    return b1 < b2 && b2 < e1;
  return std::max(b1, b2) < std::min(e1, e2);
}

std::string where(const engine::Finding& finding) {
  return fmt::format("{} at {}:{}", finding.rule_id, finding.location.path, finding.location.line);
}

// The file's new content: its accepted edits in order of position; insertions at one place in the order
// their fixes came, a shared header written once; text at the end of a file without a final newline goes
// on a new line and leaves the file without one; a file that ends with a blank line gets no second one.
std::string compose(const FileState& file) {
  const auto content = file.text();
  // Insertions at one place that share a header stay together, in the order their first one came.
  std::map<std::pair<std::size_t, std::string>, std::size_t> rank;
  for (const auto& edit : file.accepted)
    rank.try_emplace({edit.begin, edit.header}, rank.size());
  auto edits = file.accepted;
  std::stable_sort(edits.begin(), edits.end(), [&](const Accepted& a, const Accepted& b) {
    return std::tuple(a.begin, a.end, rank.at({a.begin, a.header})) <
           std::tuple(b.begin, b.end, rank.at({b.begin, b.header}));
  });
  const std::string eol = file.crlf ? "\r\n" : "\n";
  std::string out;
  std::string at_end;
  std::set<std::pair<std::size_t, std::string>> headers;
  std::size_t position = 0;
  for (const auto& edit : edits) {
    const bool header_due = !edit.header.empty() && headers.emplace(edit.begin, edit.header).second;
    if (edit.begin == content.size() && edit.end == content.size()) {
      if (header_due)
        at_end += edit.header;
      at_end += edit.text;
      continue;
    }
    out.append(content.substr(position, edit.begin - position));
    if (header_due)
      out += edit.header;
    out += edit.text;
    position = edit.end;
  }
  out.append(content.substr(position));
  if (!at_end.empty() && !content.empty() && !content.ends_with('\n')) {
    at_end.insert(0, eol);
    if (at_end.ends_with(eol))
      at_end.resize(at_end.size() - eol.size());
  } else if (content.ends_with(eol + eol) && at_end.starts_with(eol)) {
    at_end.erase(0, eol.size()); // the file already ends with a blank line
  }
  out += at_end;
  if (content.empty())
    while (out.starts_with(eol))
      out.erase(0, eol.size());
  return out;
}

struct Resolved {
  FileState* file = nullptr;
  Accepted edit;
  bool duplicate = false;
  bool present = false; // the file already holds the edit's text
};

} // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
  case Outcome::applied:
    return "applied";
  case Outcome::already_applied:
    return "already applied";
  case Outcome::conflict:
    return "conflict";
  case Outcome::stale:
    return "stale";
  case Outcome::unwritable:
    return "unwritable";
  }
  return "applied";
}

std::size_t Plan::applied() const {
  return static_cast<std::size_t>(std::count_if(
      results.begin(), results.end(), [](const FixResult& r) { return r.outcome == Outcome::applied; }));
}

Plan plan_fixes(const std::vector<engine::Finding>& findings, const Reader& read) {
  Plan plan;
  std::map<std::string, FileState> files;
  for (std::size_t index = 0; index < findings.size(); ++index) {
    const auto& finding = findings[index];
    if (!finding.fix || finding.fix->edits.empty())
      continue;
    FixResult result{index, Outcome::applied, {}};
    std::vector<Resolved> resolved;
    for (const auto& edit : finding.fix->edits) {
      auto it = files.find(edit.path);
      if (it == files.end())
        it = files.emplace(edit.path, load(read, edit.path)).first;
      auto& file = it->second;
      if (!file.error.empty()) {
        result = {index, Outcome::unwritable, file.error};
        break;
      }
      const auto begin = file.offset(edit.begin);
      if (!begin) {
        result = {index, Outcome::stale,
                  fmt::format("{}: the position {}:{} is outside the file (it changed since the check)",
                              edit.path, edit.begin.line, edit.begin.column)};
        break;
      }
      Resolved entry{&file, Accepted{*begin, *begin, with_line_ends(edit.text, file.crlf),
                                     with_line_ends(edit.header, file.crlf), index}};
      if (!file.utf8 && !is_ascii(entry.edit.text + entry.edit.header)) {
        result = {index, Outcome::unwritable,
                  fmt::format("{} is not UTF-8 and the fix would write non-ASCII text into it", edit.path)};
        break;
      }
      // Already there (a second run): the new text at the edit's place.
      const auto content = file.text();
      const auto here = content.substr(*begin);
      const auto& text = entry.edit.text;
      entry.present = !text.empty() && (here.starts_with(entry.edit.header + text) || here.starts_with(text));
      if (!entry.present) {
        const auto end = file.offset(edit.end);
        if (!end || *end < *begin ||
            content.substr(*begin, *end - *begin) != with_line_ends(edit.original, file.crlf)) {
          result = {index, Outcome::stale,
                    fmt::format("{}:{}:{} no longer holds what the check saw", edit.path, edit.begin.line,
                                edit.begin.column)};
          break;
        }
        entry.edit.end = *end;
      }
      resolved.push_back(std::move(entry));
    }
    // Conflicts with what earlier fixes (and this fix's own earlier edits) write.
    for (std::size_t i = 0; i < resolved.size() && result.outcome == Outcome::applied; ++i) {
      auto& entry = resolved[i];
      if (entry.present)
        continue;
      const auto check = [&](const Accepted& other, bool own) {
        const auto& e = entry.edit;
        if (!own && other.begin == e.begin && other.end == e.end && other.text == e.text &&
            other.header == e.header) {
          entry.duplicate = true;
          return;
        }
        if (overlaps(other.begin, other.end, e.begin, e.end))
          result = {index, Outcome::conflict,
                    own ? std::string("two of its own edits overlap")
                        : fmt::format("it overlaps the fix of {}, which goes first",
                                      where(findings[other.finding]))};
      };
      for (const auto& other : entry.file->accepted)
        if (result.outcome == Outcome::applied && !entry.duplicate)
          check(other, false);
      for (std::size_t j = 0; j < i && result.outcome == Outcome::applied; ++j)
        if (resolved[j].file == entry.file && !resolved[j].present)
          check(resolved[j].edit, true);
    }
    if (result.outcome == Outcome::applied) {
      if (std::all_of(resolved.begin(), resolved.end(), [](const Resolved& r) { return r.present; }))
        result.outcome = Outcome::already_applied;
      for (auto& entry : resolved)
        if (!entry.present && !entry.duplicate)
          entry.file->accepted.push_back(std::move(entry.edit));
    }
    plan.results.push_back(std::move(result));
  }
  for (const auto& [path, file] : files) {
    if (file.accepted.empty())
      continue;
    auto after = compose(file);
    if (file.content && after == *file.content)
      continue;
    plan.files.push_back(FileChange{path, std::string(file.text()), std::move(after), !file.content});
  }
  return plan;
}

} // namespace tacit::fix
