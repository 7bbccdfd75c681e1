// The suppression pass: read the suppressions of the in-scope files, drop the findings they cover, report
// the ones that cover nothing (META001) and the malformed ones (META002).

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule_set.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/engine/suppressions.hpp>
#include <tacit/util/parallel.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <string.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace tacit::engine {

namespace {

// Suppressions are read from what the run read of a file: the whole of a document or configuration file
// (up to the snapshot's read limit, as its findings), the first MiB of any other file (as facts are).
constexpr std::size_t k_read_cap = 1u << 20;
// Neighbouring files (which share directories) are read by one head reader.
constexpr std::size_t k_run = 128;

constexpr std::string_view k_unused = "META001";
constexpr std::string_view k_invalid = "META002";

bool is_regular(const repo::FileEntry& file) {
  return (file.mode & 0170000) == 0100000;
}

bool mentions_tacit(std::string_view text) {
  return ::memmem(text.data(), text.size(), "tacit", 5) != nullptr;
}

// True when a rule that `token` names ran in this run: a suppression of a rule that did not run is not
// unused. A category counts when any selector inside it is selected ("CTX" with --select CTX002).
bool token_selected(const Selection& selection, std::string_view token) {
  if (is_selected(selection, token))
    return true;
  return std::ranges::any_of(selection.select, [&](const std::string& selector) {
    return selector_matches(token, selector) && is_selected(selection, selector);
  });
}

// `text` without the line a read limit cut (a comment cut there is not unclosed): up to its last line end.
std::string_view whole_lines(std::string_view text) {
  const auto last = text.find_last_of("\r\n");
  return last == std::string_view::npos ? std::string_view() : text.substr(0, last + 1);
}

// What the run read of `file`: from the run's file cache when building the context read it (the docs, the
// configuration files the extractors read; the whole file up to the read limit, so that a suppression
// past the first MiB covers the findings there), else its first k_read_cap bytes from `reader` (opened on
// first use).
std::optional<std::string_view> head(const Context& context, const repo::FileEntry& file,
                                     std::unique_ptr<repo::HeadReader>& reader) {
  if (const auto* content = context.file_cache().cached(file)) {
    if (!*content)
      return std::nullopt;
    const std::string_view bytes = (*content)->bytes;
    return (*content)->truncated ? whole_lines(bytes) : bytes;
  }
  if (!reader)
    reader = context.snapshot().head_reader(k_read_cap);
  auto bytes = reader->read(file);
  if (!bytes)
    return std::nullopt;
  return bytes->size() >= k_read_cap ? whole_lines(*bytes) : *bytes;
}

// Marks, in one file, the suppression tokens that cover a finding and the findings covered (`covered`, by
// index into `findings`). The findings are grouped by rule id; per group, a token that matches the id is
// used when one of the group's lines lies in its suppression's lines (a binary search), and a finding is
// covered when a matching suppression spans its line (a sweep over the suppressions sorted by first line).
// So each pair of token and rule id is compared once, not once per finding: O((S + F) log F) per rule id.
void cover_file(const FileSuppressions& file, const std::vector<std::size_t>& in_file,
                const std::vector<Finding>& findings, std::vector<std::vector<bool>>& used,
                std::vector<bool>& covered) {
  std::map<std::string_view, std::vector<std::size_t>> by_rule;
  for (const auto f : in_file)
    by_rule[findings[f].rule_id].push_back(f);
  for (auto& [rule_id, group] : by_rule) {
    std::ranges::sort(group, {}, [&](std::size_t f) { return findings[f].location.line; });
    std::vector<int> lines;
    for (const auto f : group)
      lines.push_back(findings[f].location.line);
    std::vector<std::pair<int, int>> spans; // lines of the suppressions that name this rule
    for (std::size_t k = 0; k < file.suppressions.size(); ++k) {
      const auto& s = file.suppressions[k];
      const auto at = std::ranges::lower_bound(lines, s.first);
      const bool hit = at != lines.end() && *at <= s.last;
      bool matches = false;
      for (std::size_t t = 0; t < s.rules.size(); ++t)
        if (selector_matches(s.rules[t], rule_id)) {
          matches = true;
          used[k][t] = used[k][t] || hit;
        }
      if (matches && s.first <= s.last)
        spans.emplace_back(s.first, s.last);
    }
    std::ranges::sort(spans);
    std::size_t next = 0;
    int reach = std::numeric_limits<int>::min(); // the last line of the open suppressions
    for (const auto f : group) {
      const int line = findings[f].location.line;
      for (; next < spans.size() && spans[next].first <= line; ++next)
        reach = std::max(reach, spans[next].second);
      covered[f] = reach >= line;
    }
  }
}

} // namespace

std::vector<Finding> apply_suppressions(std::vector<Finding> findings,
                                        std::span<const FileSuppressions> files, const Selection& selection,
                                        const RuleSet& rules) {
  std::unordered_map<std::string_view, std::size_t> file_of;
  for (std::size_t i = 0; i < files.size(); ++i) // one entry per path (collect_suppressions)
    file_of.try_emplace(files[i].path, i);
  std::vector<std::vector<std::size_t>> in_file(files.size()); // the findings each file may suppress
  for (std::size_t f = 0; f < findings.size(); ++f)
    if (const auto it = file_of.find(findings[f].location.path);
        it != file_of.end() && !findings[f].rule_id.starts_with("META"))
      in_file[it->second].push_back(f);
  std::vector<std::vector<std::vector<bool>>> used(files.size()); // per file, suppression, rule token
  std::vector<bool> covered(findings.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (const auto& s : files[i].suppressions)
      used[i].emplace_back(s.rules.size(), false);
    cover_file(files[i], in_file[i], findings, used[i], covered);
  }
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (std::size_t f = 0; f < findings.size(); ++f)
    if (!covered[f])
      kept.push_back(std::move(findings[f]));

  const Rule* unused = is_selected(selection, k_unused) ? rules.find(k_unused) : nullptr;
  const Rule* invalid = is_selected(selection, k_invalid) ? rules.find(k_invalid) : nullptr;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& file = files[i];
    if (invalid) {
      Emitter out(invalid->meta());
      for (const auto& problem : file.problems) {
        auto& finding = out.emit(fmt::format("invalid suppression: {}", problem.message),
                                 Location{file.path, problem.line, problem.column, {}}, problem.message);
        finding.hint = problem.hint;
      }
      std::ranges::move(out.findings(), std::back_inserter(kept));
    }
    if (!unused)
      continue;
    Emitter out(unused->meta());
    for (std::size_t k = 0; k < file.suppressions.size(); ++k) {
      const auto& s = file.suppressions[k];
      for (std::size_t t = 0; t < s.rules.size(); ++t) {
        if (used[i][k][t] || !token_selected(selection, s.rules[t]))
          continue;
        auto& finding = out.emit(fmt::format("suppression of {} matches no finding", s.rules[t]),
                                 Location{file.path, s.line, s.column, {}}, s.rules[t]);
        finding.hint = s.rules.size() == 1
                           ? std::string("remove the comment: what it silenced is gone")
                           : fmt::format("remove {} from the comment: what it silenced is gone", s.rules[t]);
      }
    }
    std::ranges::move(out.findings(), std::back_inserter(kept));
  }
  sort_findings(kept);
  assign_fingerprints(kept);
  return kept;
}

std::vector<FileSuppressions> collect_suppressions(const Context& context, std::span<const Finding> findings,
                                                   const Selection& selection, const KnownRule& is_known,
                                                   unsigned jobs) {
  // The files to read, as paths in byte order: the in-scope docs and configuration files when a META rule
  // may report on them, and the files that hold a finding (even source code or out of scope).
  std::vector<const repo::FileEntry*> files;
  if (is_selected(selection, k_unused) || is_selected(selection, k_invalid))
    for (const auto* file : context.files())
      if (const auto* syntax = comment_syntax(file->path); syntax && !syntax->code)
        files.push_back(file);
  for (const auto& finding : findings)
    if (const auto* file = context.snapshot().find(finding.location.path); file && comment_syntax(file->path))
      files.push_back(file);
  std::ranges::sort(files, [](const auto* a, const auto* b) { return a->path < b->path; });
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::erase_if(files, [](const auto* file) { return !is_regular(*file); });

  const SuppressionRules rules{context.config().suppression_reason_required, is_known};
  std::vector<FileSuppressions> parsed(files.size());
  const std::size_t runs = (files.size() + k_run - 1) / k_run;
  util::parallel_for(runs, jobs, [&](std::size_t run) {
    std::unique_ptr<repo::HeadReader>
        reader; // opened for the first file that building the context did not read
    for (std::size_t i = run * k_run; i < std::min(files.size(), (run + 1) * k_run); ++i) {
      const auto content = head(context, *files[i], reader);
      if (!content || !mentions_tacit(*content) || util::looks_binary(*content))
        continue;
      parsed[i] = parse_suppressions(files[i]->path, *content, *comment_syntax(files[i]->path), rules);
    }
  });
  std::erase_if(parsed, [](const auto& file) { return file.suppressions.empty() && file.problems.empty(); });
  return parsed;
}

bool is_suppression_finding(std::string_view rule_id) {
  return rule_id.starts_with("META");
}

std::vector<Finding> suppress_findings(const Context& context, std::vector<Finding> findings,
                                       const Selection& selection, const RuleSet& rules, unsigned jobs,
                                       SuppressionReport report) {
  const KnownRule is_known = [&rules](std::string_view token) { return rules.matches_any(token); };
  // Which findings a suppression covers does not depend on the selection; only the META findings do.
  Selection narrowed;
  const Selection* used = &selection;
  if (report == SuppressionReport::covered_only) {
    narrowed = selection;
    narrowed.ignore.emplace_back(k_unused);
    narrowed.ignore.emplace_back(k_invalid);
    used = &narrowed;
  }
  const auto files = collect_suppressions(context, findings, *used, is_known, jobs);
  return apply_suppressions(std::move(findings), files, *used, rules);
}

} // namespace tacit::engine
