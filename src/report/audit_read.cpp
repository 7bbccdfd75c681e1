// `tacit audit merge`: reads the json-lines objects of `tacit audit --format json-lines` back into the
// audit's repositories, so that audits run anywhere (CI shards, a Kubernetes job) make the same reports.
// Strict: every line is one object of schema version k_audit_schema_version with every field the reports
// need, and each error names its file:line:column.

#include <tacit/report/audit.hpp>
#include <tacit/util/json_parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tacit::report {

namespace {

namespace json = util::json;
using json::Value;

// A failed read: the message and where.
struct ReadFailure {
  std::string message;
  int line = 0;
  int column = 0;
};

// The typed reads of one line; the first failure is kept, and the reads after it return defaults.
class LineReader {
public:
  explicit LineReader(int line) : m_line(line) {}

  const std::optional<ReadFailure>& failure() const { return m_failure; }

  void fail(const Value& at, std::string message) {
    if (!m_failure)
      m_failure = ReadFailure{std::move(message), m_line, at.column};
  }

  // The member `key` of `object`, of `kind`; nullptr (and a failure unless `optional`) otherwise.
  const Value* member(const Value& object, std::string_view key, Value::Kind kind, bool optional = false) {
    if (m_failure)
      return nullptr;
    const Value* value = object.find(key);
    if (value == nullptr || (optional && value->kind == Value::Kind::null)) {
      if (!optional)
        fail(object, fmt::format("'{}' is missing", key));
      return nullptr;
    }
    if (value->kind != kind) {
      fail(*value,
           fmt::format("'{}' must be {}, not {}", key, json::describe(kind), json::describe(value->kind)));
      return nullptr;
    }
    return value;
  }

  std::string string(const Value& object, std::string_view key, bool optional = false) {
    const Value* value = member(object, key, Value::Kind::string, optional);
    return value ? value->text : std::string();
  }

  // A whole number in [low, high].
  long long number(const Value& object, std::string_view key, long long low, long long high) {
    const Value* value = member(object, key, Value::Kind::number);
    if (value == nullptr)
      return low;
    char* end = nullptr;
    const long long parsed = std::strtoll(value->text.c_str(), &end, 10);
    if (end == nullptr || *end != '\0' || parsed < low || parsed > high) {
      fail(*value,
           fmt::format("'{}' must be a whole number from {} to {}, not {}", key, low, high, value->text));
      return low;
    }
    return parsed;
  }

  // The elements of the array `key`, each an object (a failure at the first that is not).
  std::vector<const Value*> objects(const Value& object, std::string_view key, bool optional = false) {
    std::vector<const Value*> out;
    if (const Value* list = member(object, key, Value::Kind::array, optional))
      for (const auto& item : list->items) {
        if (item.kind != Value::Kind::object) {
          fail(item, fmt::format("'{}' must hold objects, not {}", key, json::describe(item.kind)));
          return {};
        }
        out.push_back(&item);
      }
    return out;
  }

  std::vector<std::string> strings(const Value& object, std::string_view key) {
    std::vector<std::string> out;
    if (const Value* list = member(object, key, Value::Kind::array))
      for (const auto& item : list->items) {
        if (item.kind != Value::Kind::string) {
          fail(item, fmt::format("'{}' must hold strings, not {}", key, json::describe(item.kind)));
          break;
        }
        out.push_back(item.text);
      }
    return out;
  }

  engine::Severity severity(const Value& object, std::string_view key) {
    const Value* value = member(object, key, Value::Kind::string);
    if (value == nullptr)
      return engine::Severity::warning;
    const auto parsed = engine::parse_severity(value->text);
    if (!parsed)
      fail(*value, fmt::format("'{}' must be error, warning or info, not '{}'", key, value->text));
    return parsed.value_or(engine::Severity::warning);
  }

  engine::Location location(const Value& object, bool with_note) {
    engine::Location out;
    out.path = string(object, "path");
    out.line = static_cast<int>(number(object, "line", 0, 1LL << 31));
    out.column = static_cast<int>(number(object, "column", 0, 1LL << 31));
    if (with_note)
      out.note = string(object, "note");
    return out;
  }

private:
  int m_line;
  std::optional<ReadFailure> m_failure;
};

constexpr long long k_count_limit = 1LL << 40;

engine::RuleState read_state(LineReader& in, const Value& rule) {
  const Value* value = in.member(rule, "status", Value::Kind::string);
  if (value == nullptr)
    return engine::RuleState::pass;
  for (const auto state :
       {engine::RuleState::fail, engine::RuleState::pass, engine::RuleState::not_applicable})
    if (engine::to_string(state) == value->text)
      return state;
  in.fail(*value, fmt::format("'status' must be fail, pass or n/a, not '{}'", value->text));
  return engine::RuleState::pass;
}

void read_scored(LineReader& in, const Value& object, audit::Repository& row) {
  row.root = in.string(object, "root");
  auto& s = row.score;
  s.score = static_cast<int>(in.number(object, "score", 0, 100));
  s.level = static_cast<int>(in.number(object, "level", 1, static_cast<long long>(audit::levels().size())));
  s.next_gate = in.string(object, "next_gate", true);
  if (const Value* pillars = in.member(object, "pillars", Value::Kind::object)) {
    for (const auto name : audit::k_pillars) {
      const Value* pillar = in.member(*pillars, name, Value::Kind::object);
      if (pillar == nullptr)
        break;
      audit::PillarScore p;
      p.name = name;
      if (in.member(*pillar, "score", Value::Kind::number, true) != nullptr)
        p.score = static_cast<int>(in.number(*pillar, "score", 0, 100));
      p.earned = static_cast<int>(in.number(*pillar, "earned", 0, k_count_limit));
      p.possible = static_cast<int>(in.number(*pillar, "possible", 0, k_count_limit));
      p.passed = static_cast<int>(in.number(*pillar, "passed", 0, k_count_limit));
      p.failed = static_cast<int>(in.number(*pillar, "failed", 0, k_count_limit));
      p.not_applicable = static_cast<int>(in.number(*pillar, "n/a", 0, k_count_limit));
      s.pillars.push_back(std::move(p));
    }
  }
  for (const Value* item : in.objects(object, "rules")) {
    const Value& rule = *item;
    audit::RuleResult r;
    r.id = in.string(rule, "id");
    r.name = in.string(rule, "name");
    r.pillar = in.string(rule, "pillar", true);
    r.state = read_state(in, rule);
    r.severity = in.severity(rule, "severity");
    r.weight = static_cast<int>(in.number(rule, "weight", 0, k_count_limit));
    r.earned = static_cast<int>(in.number(rule, "earned", 0, k_count_limit));
    r.findings = static_cast<std::size_t>(in.number(rule, "findings", 0, k_count_limit));
    if (r.state == engine::RuleState::not_applicable)
      r.reason = in.string(rule, "reason");
    s.rules.push_back(std::move(r));
  }
  if (const Value* present = in.member(object, "present", Value::Kind::object)) {
    auto& p = row.present;
    p.root_context_files = in.strings(*present, "root_context_files");
    p.context_files = in.strings(*present, "context_files");
    for (const Value* command : in.objects(*present, "commands"))
      p.commands.push_back(audit::DocumentedCommand{
          in.string(*command, "kind"), in.string(*command, "command"), in.string(*command, "path"),
          static_cast<int>(in.number(*command, "line", 0, 1LL << 31))});
    p.decision_logs = in.strings(*present, "decision_logs");
    p.decision_records = static_cast<std::size_t>(in.number(*present, "decision_records", 0, k_count_limit));
  }
  if (object.find("finding_list") == nullptr && !in.failure()) {
    in.fail(object,
            "'finding_list' is missing: this line was written by an older tacit; audit again with this "
            "version");
    return;
  }
  for (const Value* finding : in.objects(object, "finding_list")) {
    const Value& item = *finding;
    engine::Finding f;
    f.rule_id = in.string(item, "rule");
    f.rule_name = in.string(item, "name");
    f.severity = in.severity(item, "severity");
    f.message = in.string(item, "message");
    if (const Value* location = in.member(item, "location", Value::Kind::object))
      f.location = in.location(*location, false);
    for (const Value* evidence : in.objects(item, "related"))
      f.related.push_back(in.location(*evidence, true));
    f.subject = in.string(item, "subject");
    f.hint = in.string(item, "hint");
    f.fingerprint = in.string(item, "fingerprint");
    row.findings.push_back(std::move(f));
  }
  // The trend (--history), when the audit had one.
  if (const Value* history = object.find("history");
      history != nullptr && history->kind != Value::Kind::null) {
    row.history = true;
    for (const Value* point_value : in.objects(object, "history")) {
      const Value& item = *point_value;
      audit::TrendPoint point;
      point.commit = in.string(item, "commit");
      point.date = in.string(item, "date");
      point.error = in.string(item, "error", true);
      if (point.error.empty()) {
        point.score = static_cast<int>(in.number(item, "score", 0, 100));
        point.level =
            static_cast<int>(in.number(item, "level", 1, static_cast<long long>(audit::levels().size())));
      }
      row.trend.push_back(std::move(point));
    }
    row.trend_note = in.string(object, "history_note", true);
  }
}

} // namespace

std::vector<Error> read_audit_json_lines(std::string_view text, const std::string& path,
                                         std::vector<AuditLine>& out) {
  std::vector<Error> errors;
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    auto line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos)
      continue;
    auto parsed = json::parse(line, path);
    if (!parsed) {
      auto error = parsed.error();
      error.line = number;
      errors.push_back(std::move(error));
      continue;
    }
    const Value& object = *parsed;
    LineReader in(number);
    audit::Repository row;
    if (object.kind != Value::Kind::object) {
      in.fail(object,
              fmt::format("a line must be one JSON object (of `tacit audit --format json-lines`), not {}",
                          json::describe(object.kind)));
    } else if (const Value* version = object.find("schema_version");
               version == nullptr || version->kind != Value::Kind::number) {
      in.fail(version ? *version : object,
              fmt::format("'schema_version' is missing: not a line of `tacit audit "
                          "--format json-lines`"));
    } else if (version->text != std::to_string(k_audit_schema_version)) {
      in.fail(*version, fmt::format("schema version {} is not supported: this tacit reads version {}",
                                    version->text, k_audit_schema_version));
    } else {
      row.name = in.string(object, "repository");
      row.error = in.string(object, "error", true);
      if (row.error.empty())
        read_scored(in, object, row);
    }
    if (const auto& failure = in.failure()) {
      errors.push_back(Error{ErrorCode::parse, failure->message, path, failure->line, failure->column});
      continue;
    }
    out.push_back(AuditLine{std::move(row), path, number});
  }
  return errors;
}

} // namespace tacit::report
