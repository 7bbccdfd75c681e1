// A declarative rule at run time: `when`, then its check (checks.cpp), then one finding per violation with
// the rule's message, hint and subject templates rendered.

#include "rule.hpp"

#include "checks.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::declarative {

namespace {

class Rule final : public DeclarativeRule {
public:
  explicit Rule(RuleSpec spec) : m_spec(std::move(spec)) {
    m_meta.id = m_spec.id;
    m_meta.name = m_spec.name;
    m_meta.category = m_spec.category;
    m_meta.severity = m_spec.severity;
    m_meta.summary = m_spec.summary;
    m_meta.in_default_profile = m_spec.default_profile;
    m_meta.docs = {m_spec.what_it_does, m_spec.why_it_matters, m_spec.example, m_spec.how_to_fix};
    for (const auto& [name, value, description] : m_spec.options)
      m_options.push_back(engine::RuleOption{name, value, description});
    m_meta.options = m_options;
  }

  const engine::RuleMeta& meta() const override { return m_meta; }
  const std::string& path() const override { return m_spec.path; }
  std::span<const std::string> tags() const override { return m_spec.tags; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (m_spec.applies_when && !holds(*m_spec.applies_when, context, &out))
      return out.not_applicable(render(*m_spec.not_applicable, [&](std::string_view name) {
        return name.starts_with("facts.")     ? fact_placeholder(context, name.substr(6))
               : name.starts_with("options.") ? std::optional<std::string>(out.option_string(name.substr(8)))
               : name == "context-file"       ? std::optional<std::string>(context.primary_context_file())
                                              : std::nullopt;
      }));
    if (m_spec.when && !holds(*m_spec.when, context, &out))
      return;
    for (auto& violation : violations(context, m_spec.check)) {
      auto lookup = [&](std::string_view name) -> std::optional<std::string> {
        if (const auto found = violation.values.find(name); found != violation.values.end())
          return found->second;
        if (name == "context-file")
          return context.primary_context_file();
        if (name.starts_with("facts."))
          return fact_placeholder(context, name.substr(6));
        if (name.starts_with("options."))
          return out.option_string(name.substr(8));
        return std::nullopt;
      };
      if (violation.budget) {
        auto& finding =
            out.emit(fmt::format("the tree-sitter query of rule {} ran out of its time budget ({} ms) "
                                 "on {}: its items there were not checked",
                                 m_spec.id, m_spec.check.source.budget_ms, violation.location.path),
                     violation.location, violation.subject);
        finding.severity = engine::Severity::error;
        finding.hint = fmt::format("simplify the query of {} or raise its budget-ms", m_spec.path);
        continue;
      }
      const Template* message = &m_spec.message.back().text;
      for (const auto& variant : m_spec.message)
        if (!variant.when || holds(*variant.when, context, &out)) {
          message = &variant.text;
          break;
        }
      auto subject = m_spec.subject ? render(*m_spec.subject, lookup) : violation.subject;
      auto& finding = out.emit(render(*message, lookup), violation.location, std::move(subject));
      if (m_spec.hint)
        finding.hint = render(*m_spec.hint, lookup);
      finding.related = std::move(violation.related);
      for (const auto& evidence : m_spec.evidence)
        if (!evidence.when || holds(*evidence.when, context, &out))
          cite(context, evidence, finding);
    }
  }

private:
  // Adds the first items of an evidence fact kind to the finding's related locations.
  static void cite(const engine::Context& context, const EvidenceSpec& evidence, engine::Finding& finding) {
    const auto value = fact_value(context, evidence.fact);
    const auto lookup_fact = [&](std::string_view name) -> std::optional<std::string> {
      if (name.starts_with("facts."))
        return fact_placeholder(context, name.substr(6));
      return std::nullopt;
    };
    if (evidence.summary) {
      finding.related.push_back(engine::Location{
          {}, 0, 0, render(evidence.note, [&](std::string_view name) -> std::optional<std::string> {
            if (name == "count")
              return std::to_string(value.count);
            return lookup_fact(name);
          })});
      return;
    }
    auto items = value.items;
    if (evidence.largest)
      std::stable_sort(items.begin(), items.end(),
                       [](const auto& a, const auto& b) { return a.size > b.size; });
    for (std::size_t i = 0; i < items.size() && i < static_cast<std::size_t>(evidence.limit); ++i) {
      const auto& item = items[i];
      auto note = render(evidence.note, [&](std::string_view name) -> std::optional<std::string> {
        if (name == "item")
          return item.text;
        if (name == "detail")
          return item.detail;
        return lookup_fact(name);
      });
      auto location = item.location;
      location.note = std::move(note);
      finding.related.push_back(std::move(location));
    }
  }

  static std::optional<std::string> fact_placeholder(const engine::Context& context, std::string_view name) {
    std::string_view suffix;
    for (std::string_view candidate : {".list", ".first", ".s"})
      if (name.ends_with(candidate)) {
        suffix = candidate;
        name.remove_suffix(candidate.size());
      }
    const auto value = fact_value(context, name);
    if (suffix == ".s")
      return value.count == 1 ? "" : "s";
    if (suffix == ".first")
      return value.items.empty() ? std::string() : value.items.front().text;
    if (suffix == ".list") {
      std::vector<std::string> names;
      for (std::size_t i = 0; i < value.items.size() && i < 6; ++i)
        names.push_back(value.items[i].text);
      return util::join(names, ", ") + (value.items.size() > 6 ? ", ..." : "");
    }
    return std::to_string(value.count);
  }

  RuleSpec m_spec;
  std::vector<engine::RuleOption> m_options;
  engine::RuleMeta m_meta{};
};

} // namespace

std::unique_ptr<DeclarativeRule> make_rule(RuleSpec spec) {
  return std::make_unique<Rule>(std::move(spec));
}

} // namespace tacit::declarative
