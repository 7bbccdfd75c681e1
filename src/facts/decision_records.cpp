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
// Folders and files that hold decisions in another form than ADRs (for ARCH302).
constexpr std::array<std::string_view, 10> k_design_dirs{
    "rfcs",    "rfc",       "design",       "design-docs", "design_docs",
    "designs", "proposals", "enhancements", "keps",        "decision-log"};
constexpr std::array<std::string_view, 5> k_decision_doc_stems{"decisions", "decision_log", "decision-log",
                                                               "decision-records", "adr"};

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

// Records under tests/ or examples/ are test data or samples, not the project's decisions.
bool in_test_or_example_dir(std::string_view path) {
  for (auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    if (lower == "test" || lower == "tests" || lower == "testing" || lower == "__tests__" ||
        util::contains(lower, "-test") || util::contains(lower, "_test") || lower == "e2e" ||
        lower == "spec" || lower == "examples" || lower == "example" || lower == "samples")
      return true;
  }
  return false;
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
    if (!is_doc_file(name))
      continue;
    const auto lower = util::to_lower(name);
    const auto stem = stem_of(name);
    if (in_test_or_example_dir(file->path))
      continue;
    const auto log = log_dir_of(file->path);
    // Other decision docs: DECISIONS.md, docs/design/*.md, rfcs/*.md.
    if (!log) {
      bool design = std::find(k_decision_doc_stems.begin(), k_decision_doc_stems.end(), stem) !=
                    k_decision_doc_stems.end();
      for (auto part : util::split(util::dir_name(file->path), '/'))
        design = design || std::find(k_design_dirs.begin(), k_design_dirs.end(), util::to_lower(part)) !=
                               k_design_dirs.end();
      if (design && (facts.decision_docs.empty() ||
                     util::dir_name(facts.decision_docs.back().path) != util::dir_name(file->path)))
        facts.decision_docs.push_back(Provenance{file->path, 1, "a design or decision document"});
      if (!starts_with_adr(lower))
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
    if (lower.find("template") != std::string::npos) {
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
