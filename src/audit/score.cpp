// The audit's formula (docs/audit.md, "Formula" and "Levels"): rule statuses -> pillar sub-scores -> a
// score and a level. Integer weights; the only rounding is the last step of each score, half up.

#include <tacit/audit/audit.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tacit::audit {

namespace {

constexpr std::array<Level, 5> k_levels{{
    {1, "Bare", "none: every repository starts here"},
    {2, "Oriented", "an agent context file applies to the whole repository, and CTX is at least 50"},
    {3, "Guided", "score at least 60, TASK at least 60 and CTX at least 70: the procedures are written down"},
    {4, "Standardised", "score at least 75 and every scored pillar at least 60"},
    {5, "Autonomous", "score at least 90, every scored pillar at least 80, and no finding of severity error"},
}};

int round_percent(long double part, long double whole) {
  return static_cast<int>(std::floor(part * 100.0L / whole + 0.5L + 1e-12L));
}

// The parts of `level`'s gate that do not hold (empty: the gate holds).
std::vector<std::string> unmet(int level, const Score& s, const Presence& present, bool error_findings) {
  std::vector<std::string> missing;
  const auto pillar = [&](std::string_view name) -> std::optional<int> {
    for (const auto& p : s.pillars)
      if (p.name == name)
        return p.score;
    return std::nullopt;
  };
  const auto at_least = [&](std::string_view name, int bound) {
    if (const auto value = pillar(name); value && *value < bound)
      missing.push_back(fmt::format("{} {} (is {})", name, bound, *value));
  };
  const auto score_at_least = [&](int bound) {
    if (s.score < bound)
      missing.push_back(fmt::format("score {} (is {})", bound, s.score));
  };
  const auto every_pillar = [&](int bound) {
    for (const auto& p : s.pillars)
      at_least(p.name, bound);
  };
  switch (level) {
  case 2:
    if (present.root_context_files.empty())
      missing.emplace_back("an agent context file at the root (AGENTS.md)");
    at_least("CTX", 50);
    break;
  case 3:
    score_at_least(60);
    at_least("TASK", 60);
    at_least("CTX", 70);
    break;
  case 4:
    score_at_least(75);
    every_pillar(60);
    break;
  case 5:
    score_at_least(90);
    every_pillar(80);
    if (error_findings)
      missing.emplace_back("no finding of severity error");
    break;
  default:
    break;
  }
  return missing;
}

} // namespace

std::string_view pillar_of(std::string_view rule_id) {
  const auto letters = rule_id.substr(0, rule_id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
  for (const auto pillar : k_pillars)
    if (letters == pillar)
      return pillar;
  return {};
}

std::span<const Level> levels() {
  return k_levels;
}

Result<Weights> weights_from(const engine::Config& config) {
  Weights weights;
  for (const auto& [name, weight] : config.audit_pillars) {
    if (pillar_of(name) != name) {
      std::vector<std::string_view> names(k_pillars.begin(), k_pillars.end());
      const auto best = util::closest_match(name, names);
      return make_error(
          ErrorCode::config,
          fmt::format("audit: unknown pillar '{}'{}; the pillars are TASK, QUAL, ARCH, CTX, IMPL", name,
                      best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)),
          weight.origin.file, weight.origin.line, weight.origin.column);
    }
    weights.pillars[name] = weight.value;
  }
  if (std::all_of(weights.pillars.begin(), weights.pillars.end(),
                  [](const auto& p) { return p.second == 0; })) {
    const auto& origin = config.audit_pillars.begin()->second.origin;
    return make_error(ErrorCode::config, "audit: every pillar weight is 0; give at least one a weight",
                      origin.file, origin.line, origin.column);
  }
  for (const auto& [name, weight] : config.audit_severity)
    (name == "error" ? weights.error : name == "warning" ? weights.warning : weights.info) = weight.value;
  return weights;
}

Score score(std::span<const engine::RuleStatus> statuses, const Weights& weights, const Presence& present,
            bool error_findings) {
  Score s;
  for (const auto pillar : k_pillars) {
    PillarScore empty;
    empty.name = pillar;
    s.pillars.push_back(std::move(empty));
  }
  for (const auto& status : statuses) {
    RuleResult rule{std::string(status.rule->id),
                    std::string(status.rule->name),
                    std::string(pillar_of(status.rule->id)),
                    status.rule->severity,
                    status.state,
                    status.reason,
                    status.findings};
    if (!rule.pillar.empty()) {
      auto& pillar = *std::find_if(s.pillars.begin(), s.pillars.end(),
                                   [&](const PillarScore& p) { return p.name == rule.pillar; });
      if (status.state == engine::RuleState::not_applicable) {
        ++pillar.not_applicable;
      } else {
        rule.weight = rule.severity == engine::Severity::error     ? weights.error
                      : rule.severity == engine::Severity::warning ? weights.warning
                                                                   : weights.info;
        rule.earned = status.state == engine::RuleState::pass ? rule.weight : 0;
        ++(status.state == engine::RuleState::pass ? pillar.passed : pillar.failed);
        pillar.earned += rule.earned;
        pillar.possible += rule.weight;
      }
    }
    s.rules.push_back(std::move(rule));
  }
  long double weighted = 0;
  long double total = 0;
  for (auto& pillar : s.pillars) {
    if (pillar.possible == 0)
      continue;
    pillar.score = round_percent(pillar.earned, pillar.possible);
    const auto weight = weights.pillars.at(pillar.name);
    weighted += weight * static_cast<long double>(pillar.earned) / pillar.possible;
    total += weight;
  }
  s.score = total > 0 ? round_percent(weighted, total) : 0;
  // No agent context file for the whole repository: agents start from nothing, whatever else holds. Without
  // the cap, fewer rules apply to such a repository and it could outscore one with an imperfect AGENTS.md.
  if (present.root_context_files.empty())
    s.score = std::min(s.score, k_score_without_context_file);
  s.level = 1;
  for (int level = 2; level <= 5; ++level) {
    const auto missing = unmet(level, s, present, error_findings);
    if (!missing.empty()) {
      s.next_gate =
          fmt::format("level {} ({}) needs {}", level, k_levels[level - 1].name, util::join(missing, ", "));
      break;
    }
    s.level = level;
  }
  return s;
}

std::vector<const RuleResult*> gaps(const Score& score, std::size_t limit) {
  std::vector<const RuleResult*> out;
  for (const auto& rule : score.rules)
    if (rule.state == engine::RuleState::fail && rule.weight > 0)
      out.push_back(&rule);
  std::stable_sort(out.begin(), out.end(), [](const RuleResult* a, const RuleResult* b) {
    if (a->weight != b->weight)
      return a->weight > b->weight;
    if (a->findings != b->findings)
      return a->findings > b->findings;
    return a->id < b->id;
  });
  if (out.size() > limit)
    out.resize(limit);
  return out;
}

} // namespace tacit::audit
