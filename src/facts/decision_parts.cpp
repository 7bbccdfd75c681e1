#include "decision_parts.hpp"

#include "doc_outline.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>

namespace tacit::facts::decision {

namespace {

using namespace std::string_view_literals;

// Heading names of each part (after outline::normalize); a name ending in '*' matches as a prefix.
constexpr std::array k_status_names{"status"sv, "decision status"sv, "current status"sv, "state"sv};
constexpr std::array k_context_names{"context*"sv,    "problem statement"sv, "problem"sv, "the problem"sv,
                                     "background*"sv, "motivation*"sv,       "issue"sv,   "introduction"sv,
                                     "intro"sv,       "abstract"sv,          "summary"sv, "overview"sv,
                                     "forces"sv,      "situation"sv,         "why"sv,     "rationale"sv};
constexpr std::array k_decision_names{
    "decision"sv,          "decisions"sv,       "decision outcome*"sv, "decision:*"sv,
    "the decision"sv,      "our decision"sv,    "proposal"sv,          "proposals"sv,
    "proposed solution"sv, "proposed design"sv, "proposed change*"sv,  "proposed approach"sv,
    "solution"sv,          "design"sv,          "detailed design"sv,   "resolution"sv,
    "chosen option"sv,     "outcome"sv,         "decided"sv,           "we decided*"sv,
    "specification"sv,     "approach"sv};
constexpr std::array k_consequence_names{"consequence*"sv,
                                         "positive consequence*"sv,
                                         "negative consequence*"sv,
                                         "implication*"sv,
                                         "impact*"sv,
                                         "trade-off*"sv,
                                         "tradeoff*"sv,
                                         "trade off*"sv,
                                         "pros and cons*"sv,
                                         "drawback*"sv,
                                         "risks*"sv,
                                         "outcomes and consequences"sv};

// Words that name a part anywhere in a heading ("Background & Context", "Tendermint Proposal").
constexpr std::array k_context_words{"context"sv, "background"sv, "motivation"sv};
constexpr std::array k_decision_words{" proposal"sv};
constexpr std::array k_consequence_words{"consequence"sv};

template <std::size_t N, std::size_t W>
bool matches(const std::string& heading, const std::array<std::string_view, N>& names,
             const std::array<std::string_view, W>& words) {
  for (auto word : words)
    if (util::contains(heading, word))
      return true;
  for (auto name : names) {
    if (name.ends_with('*') ? heading.starts_with(name.substr(0, name.size() - 1)) : heading == name)
      return true;
  }
  return false;
}

// A `Label: value` line (`* Status: accepted`, `**Status**: Accepted`, `:Status: Draft`, `| Status | x |`):
// the label in lower case and the value, or an empty label.
std::pair<std::string, std::string> label_line(std::string_view line) {
  std::string text(util::trim(line));
  bool table = text.starts_with('|');
  std::erase_if(text, [](char c) { return c == '*' || c == '_'; });
  std::string_view view = util::trim(text);
  for (auto marker : {"- "sv, "+ "sv, ":"sv, "|"sv})
    if (view.starts_with(marker))
      view = util::trim(view.substr(marker.size()));
  const auto end = view.find_first_of(table ? "|" : ":");
  if (end == std::string_view::npos || end == 0 || end > 24)
    return {};
  auto label = util::to_lower(util::trim(view.substr(0, end)));
  auto value = util::trim(view.substr(end + 1));
  if (table && value.ends_with('|'))
    value = util::trim(value.substr(0, value.size() - 1));
  for (std::string_view known : {"status"sv, "context"sv, "decision"sv, "consequences"sv})
    if (label == known)
      return {label, std::string(value)};
  return {};
}

// The first mention decides (in a template, a heading marked optional keeps its part optional).
void mark(Part& part, int line, bool optional) {
  if (part.present)
    return;
  part.present = true;
  part.optional = optional;
  part.line = line;
}

// The text of a status value: without list markers, emphasis, brackets of a placeholder and comments.
std::string clean_value(std::string_view text) {
  std::string out(util::trim(text));
  if (const auto comment = out.find("<!--"); comment != std::string::npos)
    out.erase(comment);
  std::erase_if(out, [](char c) { return c == '*' || c == '`'; });
  std::string_view view = util::trim(out);
  for (auto marker : {"- "sv, "+ "sv})
    if (view.starts_with(marker))
      view = util::trim(view.substr(marker.size()));
  return std::string(view.substr(0, 200));
}

// Phrases that state a decision in a record's prose.
constexpr std::array k_decision_phrases{
    "we will "sv,       "we'll "sv,     "we decided"sv,       "we have decided"sv, "we chose"sv,
    "we have chosen"sv, "we decide "sv, "we are going to "sv, "decided to use"sv,  "we use "sv};

// A record without section headings (the title only) whose prose has two paragraphs or more, one of which
// states the decision: its paragraphs give the context and the decision.
bool is_prose_record(const outline::Outline& doc) {
  if (doc.headings.size() > 1)
    return false;
  int paragraphs = 0;
  bool in_paragraph = false;
  bool decided = false;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const auto text = util::trim(doc.lines[i]);
    const bool metadata = !label_line(text).first.empty() || util::to_lower(text).starts_with("- date:") ||
                          util::to_lower(text).starts_with("* date:");
    if (!doc.prose[i] || text.empty() || metadata) {
      in_paragraph = false;
      continue;
    }
    if (!in_paragraph)
      ++paragraphs;
    in_paragraph = true;
    const auto lower = util::to_lower(text);
    decided = decided || std::any_of(k_decision_phrases.begin(), k_decision_phrases.end(),
                                     [&](auto phrase) { return util::contains(lower, phrase); });
  }
  return decided && paragraphs >= 2;
}

} // namespace

Parts find_parts(std::string_view content, bool template_file) {
  Parts parts;
  const auto doc = outline::build(content);
  for (const auto& heading : doc.headings) {
    const auto name = outline::normalize(heading.text);
    if (parts.title.empty())
      parts.title = heading.text;
    if (name == "context and problem statement" || name.starts_with("decision outcome") ||
        name == "considered options")
      parts.madr = true;
    const auto body = outline::body_lines(doc, heading);
    if (!template_file && body.empty())
      continue;
    if (matches(name, k_status_names, std::array<std::string_view, 0>{})) {
      mark(parts.status, heading.line, heading.optional);
      if (!body.empty() && parts.status.value.empty())
        parts.status.value = clean_value(doc.lines[static_cast<std::size_t>(body.front() - 1)]);
    } else if (matches(name, k_context_names, k_context_words)) {
      mark(parts.context, heading.line, heading.optional);
    } else if (matches(name, k_decision_names, k_decision_words)) {
      mark(parts.decision, heading.line, heading.optional);
    } else if (matches(name, k_consequence_names, k_consequence_words)) {
      mark(parts.consequences, heading.line, heading.optional);
    }
  }
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (!doc.prose[i])
      continue;
    const int line = static_cast<int>(i) + 1;
    const bool optional = util::contains(util::to_lower(doc.lines[i]), "optional");
    const auto [label, value] = label_line(doc.lines[i]);
    if (label == "status" && (template_file || !clean_value(value).empty())) {
      // MADR 2 writes its metadata as a list (`* Status: accepted`, `* Date: ...`); Nygard has a section.
      const auto trimmed = util::trim(doc.lines[i]);
      parts.madr = parts.madr || trimmed.starts_with("* ") || trimmed.starts_with("- ");
      mark(parts.status, line, optional);
      if (parts.status.value.empty())
        parts.status.value = clean_value(value);
    } else if (label == "context" && (template_file || !value.empty())) {
      mark(parts.context, line, optional);
    } else if (label == "decision" && (template_file || !value.empty())) {
      mark(parts.decision, line, optional);
    } else if (label == "consequences" && (template_file || !value.empty())) {
      mark(parts.consequences, line, optional);
    }
    const auto lower = util::to_lower(util::trim(doc.lines[i]));
    if (!template_file && (lower.starts_with("* good, because") || lower.starts_with("- good, because") ||
                           lower.starts_with("* bad, because") || lower.starts_with("- bad, because")))
      mark(parts.consequences, line, false);
  }
  // MADR's front matter: `status: accepted` (commented out in a template: optional).
  int fm_line = doc.front_matter_line;
  for (auto raw : util::split_lines(doc.front_matter)) {
    const auto line = util::trim(raw);
    const bool commented = line.starts_with('#');
    const auto key = util::trim(commented ? line.substr(1) : line);
    if (raw.starts_with("status:") || (commented && key.starts_with("status:"))) {
      auto value = clean_value(key.substr(7));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front())
        value = value.substr(1, value.size() - 2);
      if (template_file || !value.empty()) {
        parts.madr = true;
        mark(parts.status, fm_line, commented);
        parts.status.value = value;
      }
    }
    ++fm_line;
  }
  return parts;
}

DecisionRecord parse_record(const std::string& path, std::string_view content) {
  DecisionRecord record;
  record.path = path;
  const auto parts = find_parts(content, false);
  record.title = parts.title;
  record.layout = parts.madr ? "madr" : "nygard";
  record.has_status = parts.status.present;
  record.status = parts.status.value;
  record.status_line = parts.status.line;
  record.has_context = parts.context.present;
  record.has_decision = parts.decision.present;
  record.has_consequences = parts.consequences.present;
  const auto doc = outline::build(content);
  record.prose_only = is_prose_record(doc);
  const bool rest_syntax = path.ends_with(".rst");
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    if (doc.prose[i])
      scan_links(record, doc.lines[i], static_cast<int>(i) + 1, rest_syntax);
  // A relation in the front matter's status ("superseded by ADR-0123").
  if (!doc.front_matter.empty() && record.status_line > 0) {
    const auto index = static_cast<std::size_t>(record.status_line - 1);
    if (index < doc.lines.size() && !doc.prose[index])
      scan_links(record, doc.lines[index], record.status_line, rest_syntax);
  }
  return record;
}

} // namespace tacit::facts::decision
