#include <tacit/engine/rule_set.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <optional>
#include <thread>

namespace tacit::engine {

bool is_selected(const Selection& selection, std::string_view id) {
  auto any_match = [&](const std::vector<std::string>& selectors) {
    for (const auto& selector : selectors)
      if (util::iequals(selector, "ALL") || selector_matches(selector, id))
        return true;
    return false;
  };
  if (!selection.select.empty() && !any_match(selection.select))
    return false;
  return !any_match(selection.ignore);
}

namespace {

// Rules count columns in the text of a document as decoded (a file that is not valid UTF-8); the user's
// editor counts the file's bytes. Lines are the same either way.
void map_decoded_columns(const Context& context, std::vector<Finding>& findings) {
  const auto map = [&](Location& location) {
    if (location.line <= 0 || location.column <= 0)
      return;
    if (const auto* doc = context.document(location.path); doc && !doc->column_shifts.empty())
      location.column = util::original_column(doc->column_shifts, location.line, location.column);
  };
  for (auto& finding : findings) {
    map(finding.location);
    for (auto& related : finding.related)
      map(related);
  }
}

} // namespace

bool is_contributor_category(std::string_view category) {
  return category == "TASK" || category == "QUAL";
}

std::string_view to_string(RuleState state) {
  switch (state) {
  case RuleState::fail:
    return "fail";
  case RuleState::pass:
    return "pass";
  case RuleState::not_applicable:
    return "n/a";
  }
  return "pass";
}

std::vector<RuleStatus> rule_statuses(std::span<const RuleMeta* const> rules,
                                      const NotApplicable& not_applicable,
                                      const std::vector<Finding>& findings) {
  std::map<std::string_view, std::size_t> counts;
  for (const auto& finding : findings)
    ++counts[finding.rule_id];
  std::vector<RuleStatus> statuses;
  statuses.reserve(rules.size());
  for (const auto* meta : rules) {
    RuleStatus status;
    status.rule = meta;
    if (const auto count = counts.find(meta->id); count != counts.end()) {
      status.state = RuleState::fail;
      status.findings = count->second;
    } else if (const auto reason = not_applicable.find(meta->id); reason != not_applicable.end()) {
      status.state = RuleState::not_applicable;
      status.reason = reason->second;
    }
    statuses.push_back(std::move(status));
  }
  return statuses;
}

std::vector<Finding> run_rules(const Context& context, std::span<const Rule* const> candidates,
                               const Selection& selection, unsigned jobs, NotApplicable* not_applicable) {
  std::vector<const Rule*> rules;
  for (const auto* rule : candidates) {
    if (!is_selected(selection, rule->meta().id))
      continue;
    if (context.facts().read_only && is_contributor_category(rule->meta().category)) {
      if (not_applicable)
        not_applicable->emplace(rule->meta().id,
                                "the repository says it is a mirror or accepts no pull requests");
      continue;
    }
    rules.push_back(rule);
  }

  // Each rule writes into its own slot; slots are merged in rule order, so the output does not depend on
  // scheduling.
  std::vector<std::vector<Finding>> results(rules.size());
  std::vector<std::optional<std::string>> skipped(
      rules.size()); // the reasons of the rules that did not apply
  // Each rule's options from the configuration (validated by validate_config).
  std::vector<OptionValues> options(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (auto it = context.config().options.find(rules[i]->meta().id); it != context.config().options.end())
      for (const auto& [name, setting] : it->second)
        options[i].emplace(name, setting.value);
  // The heavy rules are dispatched first (RuleMeta::heavy): longest first keeps the threads busy to the end.
  std::vector<std::size_t> order(rules.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::ranges::stable_partition(order, [&](std::size_t i) { return rules[i]->meta().heavy; });
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (auto at = next++; at < order.size(); at = next++) {
      const auto i = order[at];
      const auto& meta = rules[i]->meta();
      Emitter emitter(meta, &options[i]);
      const util::ScopedTiming timing(meta.id);
      try {
        rules[i]->check(context, emitter);
        results[i] = std::move(emitter.findings());
        skipped[i] = emitter.not_applicable_reason();
      } catch (const std::exception& e) {
        Emitter failure(meta);
        auto& finding = failure.emit(fmt::format("internal error in rule {}: {}", meta.id, e.what()),
                                     context.repository_anchor(), "internal-error");
        finding.severity = Severity::error;
        results[i] = std::move(failure.findings());
      }
    }
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(rules.size())));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t)
      pool.emplace_back(worker);
    worker();
  }
  if (not_applicable)
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (skipped[i])
        not_applicable->emplace(rules[i]->meta().id, std::move(*skipped[i]));
  std::vector<Finding> findings;
  for (auto& slot : results)
    for (auto& finding : slot)
      findings.push_back(std::move(finding));
  map_decoded_columns(context, findings);
  sort_findings(findings);
  assign_fingerprints(findings);
  return findings;
}

} // namespace tacit::engine
