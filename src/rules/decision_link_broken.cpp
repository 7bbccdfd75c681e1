// ARCH304 decision-link-broken: a decision record supersedes or links a record that does not exist.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "ARCH304",
    .name = "decision-link-broken",
    .category = "ARCH",
    .severity = engine::Severity::error,
    .summary = "a decision record supersedes or links a record that does not exist",
    .docs = {
        .what_it_does =
            "Checks the links between decision records: relative links to other records "
            "(`[ADR-0007](0007-x.md)`, "
            "a link into a decision folder), the targets of \"Supersedes\", \"Superseded by\", \"Amends\", "
            "\"Amended by\", \"Replaces\" and \"Replaced by\" (in the status section or the front matter's "
            "`status:`), and relations by number (\"Supersedes ADR-0003\") when the records are numbered. A "
            "record is history: the paths of code it names are not checked (an ADR that names an old package "
            "path is not stale), only its links to other records; links in the folder's index are CTX002's.",
        .why_it_matters =
            "An agent that finds a superseded decision follows the link to the decision in force. When that "
            "record does not exist, it cannot tell what replaced the old decision, and it may apply the old "
            "one.",
        .example = "docs/adr/0003-use-rabbitmq.md says \"Superseded by [ADR-0007](0007-use-kafka.md)\" and "
                   "there is no record 0007:\n\n"
                   "```\ndocs/adr/0003-use-rabbitmq.md:5:29: ARCH304 superseded by '0007-use-kafka.md', a "
                   "decision record that does not exist\n```",
        .how_to_fix = "Point the link at the record's real file, write the missing record, or correct the "
                      "status if the decision was never superseded.",
    }};

constexpr std::string_view k_doc_extensions[] = {".md", ".markdown", ".mdx", ".rst", ".adoc", ".txt"};

std::string_view extension_of(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(dot);
}

bool is_doc_target(std::string_view name) {
  const auto ext = extension_of(name);
  if (ext.empty())
    return true;
  const auto lower = util::to_lower(ext);
  return std::find(std::begin(k_doc_extensions), std::end(k_doc_extensions), lower) !=
         std::end(k_doc_extensions);
}

std::string phrase(std::string_view relation) {
  if (relation == "link")
    return "links";
  std::string out(relation);
  std::replace(out.begin(), out.end(), '-', ' ');
  return out;
}

class DecisionLinkBroken final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (context.facts().decision_records.empty())
      return out.not_applicable("no decision record");
    const auto& facts = context.facts();
    for (const auto& record : facts.decision_records) {
      std::set<std::string> reported;
      for (const auto& link : record.links) {
        const auto missing =
            link.number >= 0 ? missing_number(facts, record, link) : missing_path(context, facts, link);
        if (missing.empty() || !reported.insert(missing).second)
          continue;
        auto& finding = out.emit(
            fmt::format("{} '{}', a decision record that does not exist", phrase(link.relation), link.target),
            engine::Location{record.path, link.line, link.column, {}}, missing);
        const auto suggestion = suggest(facts, record, link);
        finding.hint = suggestion.empty()
                           ? std::string("point the link at the record's file, write the missing record, or "
                                         "correct the status")
                           : fmt::format("point the link at the record's file (did you mean '{}'?), or write "
                                         "the missing record",
                                         suggestion);
        if (const auto held = numbers_of(facts, record.log); !held.empty())
          finding.related.push_back(
              engine::Location{record.log, 0, 0, fmt::format("the log's numbered records: {}", held)});
      }
    }
  }

private:
  // The numbers of a log's records ("1, 2, 3, 4"), or "".
  static std::string numbers_of(const facts::Facts& facts, const std::string& log) {
    std::vector<std::string> numbers;
    for (const auto& record : facts.decision_records)
      if (record.log == log && record.number >= 0)
        numbers.push_back(std::to_string(record.number));
    if (numbers.size() > 12) {
      numbers.erase(numbers.begin() + 5, numbers.end() - 5);
      numbers.insert(numbers.begin() + 5, "...");
    }
    return util::join(numbers, ", ");
  }

  // The missing record's path, or "" when the link is fine or not a link between records: the target must
  // be named like a record (0007-x.md, adr-7.md, 20240101-x.md) or, in a log whose records are not
  // numbered, be a doc in the log's folder.
  static std::string missing_path(const engine::Context& context, const facts::Facts& facts,
                                  const facts::DecisionLink& link) {
    const auto name = util::base_name(link.resolved);
    const auto ext = extension_of(name);
    const auto stem = util::to_lower(name.substr(0, name.find('.')));
    if (stem == "readme" || stem == "index" || stem == "_index" || util::contains(stem, "template"))
      return {};
    const bool record_name = facts::record_number(name) >= 0 || stem.starts_with("adr-") ||
                             stem.starts_with("adr_") ||
                             (stem.size() > 9 && std::all_of(stem.begin(), stem.begin() + 8, ::isdigit));
    bool unnumbered_log = false;
    if (!ext.empty() && is_doc_target(name))
      for (const auto& log : facts.decision_logs)
        if (log.dir == util::dir_name(link.resolved))
          unnumbered_log = std::none_of(facts.decision_records.begin(), facts.decision_records.end(),
                                        [&](const auto& r) { return r.log == log.dir && r.number >= 0; });
    if (!(record_name && is_doc_target(name)) && !unnumbered_log)
      return {};
    if (context.path_exists(link.resolved) || context.snapshot().is_ignored(link.resolved))
      return {};
    if (ext.empty())
      for (auto doc_ext : k_doc_extensions)
        if (context.path_exists(link.resolved + std::string(doc_ext)))
          return {};
    return link.resolved;
  }

  // "ADR-7" when no record of the log (or any log) has the number a relation names; "" otherwise, or when
  // the records are not numbered.
  static std::string missing_number(const facts::Facts& facts, const facts::DecisionRecord& record,
                                    const facts::DecisionLink& link) {
    bool numbered = false;
    for (const auto& other : facts.decision_records) {
      if (other.number == link.number)
        return {};
      numbered = numbered || (other.log == record.log && other.number >= 0);
    }
    return numbered ? fmt::format("ADR-{}", link.number) : std::string();
  }

  // A record the link probably meant: the one with the same number, or the only one with the same name.
  static std::string suggest(const facts::Facts& facts, const facts::DecisionRecord& record,
                             const facts::DecisionLink& link) {
    const int number = link.number >= 0 ? link.number : facts::record_number(util::base_name(link.resolved));
    for (const auto& other : facts.decision_records)
      if (other.log == record.log && number >= 0 && other.number == number && other.path != record.path)
        return other.path;
    for (const auto& other : facts.decision_records)
      if (number >= 0 && other.number == number && other.path != record.path)
        return other.path;
    for (const auto& other : facts.decision_records)
      if (!link.resolved.empty() && util::base_name(other.path) == util::base_name(link.resolved))
        return other.path;
    return {};
  }
};

} // namespace

TACIT_RULE(DecisionLinkBroken)

} // namespace tacit::rules
