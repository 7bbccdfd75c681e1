// Decision records: which files are records (and which are a log's index or template), what parts each one
// has, its status and its links to other records.

#include "decision_parts.hpp"

#include <tacit/facts/facts.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>

namespace tacit::facts {

namespace {

using Files = std::vector<const repo::FileEntry*>;

constexpr std::array<std::string_view, 5> k_log_dirs{"adr", "adrs", "decisions", "decision-records",
                                                     "architecture-decisions"};
constexpr std::array<std::string_view, 6> k_doc_extensions{".md",  ".markdown", ".mdx",
                                                           ".rst", ".adoc",     ".txt"};
constexpr std::array<std::string_view, 6> k_index_stems{"readme", "index",   "_index",
                                                        "toc",    "summary", "contents"};
// Folders and files that hold decisions in another form than ADRs (for ARCH302): design docs and RFCs,
// anywhere (rfcs/, proposals/, docs/design*/)...
constexpr std::array<std::string_view, 12> k_design_dirs{
    "rfcs",      "rfc",      "design",       "design-docs", "design_docs", "designs",
    "proposals", "proposal", "enhancements", "keps",        "kep",         "decision-log"};
// ...and in a docs folder: internals and technical notes (docs/internals/, Documentation/technical/).
constexpr std::array<std::string_view, 2> k_docs_design_dirs{"internals", "technical"};
constexpr std::array<std::string_view, 5> k_decision_doc_stems{"decisions", "decision_log", "decision-log",
                                                               "decision-records", "adr"};
// Words of a design doc's file name at the root or in a docs folder (Design.md, GsonDesignDocument.md,
// Design-rationale.md, philosophy.md); not a design system's docs (design-tokens.md).
constexpr std::array<std::string_view, 3> k_design_words{"design", "rationale", "philosophy"};
constexpr std::array<std::string_view, 3> k_not_design{"design-system", "design-token", "designsystem"};
constexpr std::array<std::string_view, 3> k_docs_dirs{"docs", "doc", "documentation"};
// Placeholders of a template that is not named one (a copy to fill in, not a record).
constexpr std::array<std::string_view, 6> k_placeholders{"yyyy-mm-dd", "{title}",         "nnnn-",
                                                         "adr-nnnn",   "[short title of", "{{ title }}"};

bool is_doc_file(std::string_view name) {
  const auto lower = util::to_lower(name);
  return std::any_of(k_doc_extensions.begin(), k_doc_extensions.end(),
                     [&](auto ext) { return lower.size() > ext.size() && lower.ends_with(ext); });
}

std::string stem_of(std::string_view name) {
  return util::to_lower(name.substr(0, name.find('.')));
}

// The folder of the log `path` is in ("docs/adr" for docs/adr/2023/0001-x.md), or nullopt.
std::optional<std::string> log_dir_of(std::string_view path) {
  const auto parts = util::split(util::dir_name(path), '/');
  std::optional<std::string> out;
  std::string prefix;
  for (auto part : parts) {
    prefix = prefix.empty() ? std::string(part) : fmt::format("{}/{}", prefix, part);
    const auto lower = util::to_lower(part);
    if (std::find(k_log_dirs.begin(), k_log_dirs.end(), lower) != k_log_dirs.end())
      out = prefix;
  }
  return out;
}

// Records under tests/ or examples/ are test data or samples, and those under templates/, assets/, an agent's
// skill folder or a project template (`{{cookiecutter.name}}/`) are copies to fill in: not the project's
// decisions.
bool in_test_or_example_dir(std::string_view path) {
  for (auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    if (lower == "test" || lower == "tests" || lower == "testing" || lower == "__tests__" ||
        util::contains(lower, "-test") || util::contains(lower, "_test") || lower == "e2e" ||
        lower == "spec" || lower == "examples" || lower == "example" || lower == "samples" ||
        lower == "templates" || lower == "template" || lower == "_templates" || lower == "assets" ||
        lower == "skills" || lower == "skill" || util::contains(lower, "{{") || util::contains(lower, "{%"))
      return true;
  }
  return false;
}

template <typename Array> bool has(const Array& array, std::string_view value) {
  return std::find(array.begin(), array.end(), value) != array.end();
}

// A design or decision doc outside a record log: DECISIONS.md, a file or folder of design docs or RFCs.
bool is_design_doc(std::string_view path, std::string_view stem) {
  const auto dir = util::dir_name(path);
  const auto parts = dir.empty() ? std::vector<std::string_view>{} : util::split(dir, '/');
  bool in_docs = dir.empty();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto lower = util::to_lower(parts[i]);
    const bool design_system = std::any_of(k_not_design.begin(), k_not_design.end(),
                                           [&](auto word) { return util::contains(lower, word); });
    if (!design_system &&
        (has(k_design_dirs, lower) || lower.starts_with("design") || lower.starts_with("rfc")))
      return true;
    if (in_docs && has(k_docs_design_dirs, lower))
      return true;
    in_docs = in_docs || has(k_docs_dirs, lower);
  }
  if (has(k_decision_doc_stems, stem))
    return true;
  if (!in_docs || std::any_of(k_not_design.begin(), k_not_design.end(),
                              [&](auto word) { return util::contains(stem, word); }))
    return false;
  return std::any_of(k_design_words.begin(), k_design_words.end(),
                     [&](auto word) { return util::contains(stem, word); });
}

bool has_placeholders(std::string_view content) {
  const auto head = util::to_lower(content.substr(0, 4096));
  return std::any_of(k_placeholders.begin(), k_placeholders.end(),
                     [&](auto placeholder) { return util::contains(head, placeholder); });
}

bool starts_with_adr(std::string_view lower_name) {
  return lower_name.starts_with("adr-") || lower_name.starts_with("adr_") || lower_name.starts_with("adr ");
}

} // namespace

int record_number(std::string_view name) {
  auto lower = util::to_lower(name);
  std::string_view rest = lower;
  if (starts_with_adr(rest))
    rest.remove_prefix(4);
  std::size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
    ++digits;
  // A date (20200924-x.md) is not a number; nor is a name that only starts with digits (3d-model.md).
  if (digits == 0 || digits > 5 ||
      (digits < rest.size() && std::string_view("-_. ").find(rest[digits]) == rest.npos))
    return -1;
  return std::stoi(std::string(rest.substr(0, digits)));
}

void extract_decision_records(const Files& files, const FileReader& read, Facts& facts) {
  std::map<std::string, DecisionLog> logs;
  for (const auto* file : files) {
    const auto name = util::base_name(file->path);
    const auto lower = util::to_lower(name);
    const bool html = lower.ends_with(".html") || lower.ends_with(".htm");
    if (!is_doc_file(name) && !html)
      continue;
    const auto stem = stem_of(name);
    if (in_test_or_example_dir(file->path))
      continue;
    const auto log = log_dir_of(file->path);
    // Other decision docs: DECISIONS.md, Design.md, docs/design/*.md, docs/internals/, rfcs/*.md (HTML too).
    if (!log || html) {
      const bool design = !util::contains(lower, "template") && is_design_doc(file->path, stem);
      if (design && (facts.decision_docs.empty() ||
                     util::dir_name(facts.decision_docs.back().path) != util::dir_name(file->path)))
        facts.decision_docs.push_back(Provenance{file->path, 1, "a design or decision document"});
      if (!starts_with_adr(lower) || html)
        continue;
    }
    const std::string dir = log ? *log : std::string(util::dir_name(file->path));
    auto& entry = logs[dir];
    entry.dir = dir;
    if (std::find(k_index_stems.begin(), k_index_stems.end(), stem) != k_index_stems.end()) {
      if (entry.index.empty())
        entry.index = file->path;
      continue;
    }
    const auto content = read(*file);
    if (lower.find("template") != std::string::npos ||
        (record_number(name) <= 0 && has_placeholders(content))) {
      if (entry.template_path.empty()) {
        entry.template_path = file->path;
        const auto parts = decision::find_parts(content);
        entry.template_status = parts.status.present && !parts.status.optional;
        entry.template_context = parts.context.present && !parts.context.optional;
        entry.template_decision = parts.decision.present && !parts.decision.optional;
        entry.template_consequences = parts.consequences.present && !parts.consequences.optional;
      }
      continue;
    }
    auto record = decision::parse_record(file->path, content);
    record.log = dir;
    record.number = record_number(name);
    // In a log folder, a file that is neither numbered nor shaped like a record is a guide, not a record.
    const int parts = record.has_status + record.has_context + record.has_decision + record.has_consequences;
    if (record.number < 0 && !starts_with_adr(lower) && parts < 2 &&
        !(stem.size() > 8 && std::isdigit(static_cast<unsigned char>(stem[0]))))
      continue;
    facts.decision_records.push_back(std::move(record));
  }
  for (auto& [dir, log] : logs)
    facts.decision_logs.push_back(std::move(log));
}

} // namespace tacit::facts
