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
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace tacit::engine {

namespace {

// Suppressions are read from the first MiB of a file, as facts are.
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

// The first k_read_cap bytes of `file`: from the run's file cache when building the context read it (the
// docs, the configuration files the extractors read), else from `reader` (opened on first use).
std::optional<std::string_view> head(const Context& context, const repo::FileEntry& file,
                                     std::unique_ptr<repo::HeadReader>& reader) {
  if (const auto* content = context.file_cache().cached(file)) {
    if (!*content)
      return std::nullopt;
    return std::string_view((*content)->bytes).substr(0, k_read_cap);
  }
  if (!reader)
    reader = context.snapshot().head_reader(k_read_cap);
  auto bytes = reader->read(file);
  return bytes ? std::optional(*bytes) : std::nullopt;
}

// The suppressions of one file, indexed for lookups by line.
struct FileIndex {
  const FileSuppressions* file = nullptr;
  std::multimap<int, std::size_t> by_line; // one-line suppressions
  std::vector<std::size_t> ranges;         // regions and whole-file suppressions
  std::vector<std::vector<bool>> used;     // per suppression, per rule token
};

// Marks the tokens of suppression `k` that match `finding`; true when one does.
bool cover(FileIndex& index, std::size_t k, const Finding& finding) {
  const auto& s = index.file->suppressions[k];
  if (finding.location.line < s.first || finding.location.line > s.last)
    return false;
  bool covered = false;
  for (std::size_t t = 0; t < s.rules.size(); ++t)
    if (selector_matches(s.rules[t], finding.rule_id)) {
      index.used[k][t] = true;
      covered = true;
    }
  return covered;
}

} // namespace

std::vector<Finding> apply_suppressions(std::vector<Finding> findings,
                                        std::span<const FileSuppressions> files, const Selection& selection,
                                        const RuleSet& rules) {
  std::unordered_map<std::string_view, FileIndex> indices;
  for (const auto& file : files) {
    auto& index = indices[file.path];
    index.file = &file;
    for (std::size_t k = 0; k < file.suppressions.size(); ++k) {
      const auto& s = file.suppressions[k];
      if (s.first == s.last)
        index.by_line.emplace(s.first, k);
      else
        index.ranges.push_back(k);
      index.used.emplace_back(s.rules.size(), false);
    }
  }
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (auto& finding : findings) {
    bool covered = false;
    const auto it = indices.find(finding.location.path);
    if (it != indices.end() && !finding.rule_id.starts_with("META")) {
      auto& index = it->second;
      const auto [begin, end] = index.by_line.equal_range(finding.location.line);
      for (auto at = begin; at != end; ++at)
        covered = cover(index, at->second, finding) || covered;
      for (const auto k : index.ranges)
        covered = cover(index, k, finding) || covered;
    }
    if (!covered)
      kept.push_back(std::move(finding));
  }

  const Rule* unused = is_selected(selection, k_unused) ? rules.find(k_unused) : nullptr;
  const Rule* invalid = is_selected(selection, k_invalid) ? rules.find(k_invalid) : nullptr;
  for (const auto& file : files) {
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
    const auto& index = indices[file.path];
    for (std::size_t k = 0; k < file.suppressions.size(); ++k) {
      const auto& s = file.suppressions[k];
      for (std::size_t t = 0; t < s.rules.size(); ++t) {
        if (index.used[k][t] || !token_selected(selection, s.rules[t]))
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

std::vector<Finding> suppress_findings(const Context& context, std::vector<Finding> findings,
                                       const Selection& selection, const RuleSet& rules, unsigned jobs) {
  const KnownRule is_known = [&rules](std::string_view token) { return rules.matches_any(token); };
  const auto files = collect_suppressions(context, findings, selection, is_known, jobs);
  return apply_suppressions(std::move(findings), files, selection, rules);
}

} // namespace tacit::engine
