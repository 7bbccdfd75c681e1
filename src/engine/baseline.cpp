// The baseline file (strict: unknown keys, wrong types and duplicate entries are located errors) and the
// adoption filters.

#include <tacit/engine/baseline.hpp>
#include <tacit/util/json_parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>

namespace tacit::engine {

namespace {

using util::json::Value;
using Key = std::tuple<std::string, std::string, std::string>; // path, rule, subject: the file's order

// The key of a finding as the file can carry it (JSON holds no invalid UTF-8).
Key key_of(const Finding& finding) {
  return {util::json::valid_utf8(finding.location.path), finding.rule_id,
          util::json::valid_utf8(finding.subject)};
}

Key key_of(const BaselineEntry& entry) {
  return {entry.path, entry.rule, entry.subject};
}

std::unexpected<Error> error_at(std::string_view path, const Value& value, std::string message) {
  return make_error(ErrorCode::config, std::move(message), std::string(path), value.line, value.column);
}

Result<BaselineEntry> parse_entry(const Value& item, std::string_view path) {
  if (item.kind != Value::Kind::object)
    return error_at(
        path, item,
        fmt::format("a baseline entry must be an object, not {}", util::json::describe(item.kind)));
  BaselineEntry entry;
  entry.line = item.line;
  bool has_count = false;
  for (const auto& member : item.members) {
    const Value& value = member.value;
    if (member.key == "count") {
      std::size_t count = 0;
      const auto& text = value.text;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
      if (value.kind != Value::Kind::number || ec != std::errc{} || end != text.data() + text.size() ||
          count == 0)
        return error_at(path, value, "\"count\" must be a whole number of at least 1");
      entry.count = count;
      has_count = true;
      continue;
    }
    std::string* field = member.key == "rule"      ? &entry.rule
                         : member.key == "path"    ? &entry.path
                         : member.key == "subject" ? &entry.subject
                                                   : nullptr;
    if (!field)
      return make_error(
          ErrorCode::config,
          fmt::format("unknown key \"{}\" in a baseline entry (known: rule, path, subject, count)",
                      member.key),
          std::string(path), member.line, member.column);
    if (value.kind != Value::Kind::string)
      return error_at(
          path, value,
          fmt::format("\"{}\" must be a string, not {}", member.key, util::json::describe(value.kind)));
    *field = value.text;
  }
  for (const auto& [name, missing] : {std::pair{"rule", entry.rule.empty()}, std::pair{"count", !has_count}})
    if (missing)
      return error_at(path, item, fmt::format("a baseline entry needs \"{}\"", name));
  if (!item.find("path") || !item.find("subject"))
    return error_at(path, item,
                    fmt::format("a baseline entry needs \"{}\"", item.find("path") ? "subject" : "path"));
  return entry;
}

} // namespace

std::size_t Baseline::total() const {
  std::size_t sum = 0;
  for (const auto& entry : entries)
    sum += entry.count;
  return sum;
}

Result<Baseline> parse_baseline(std::string_view text, std::string_view path) {
  auto document = util::json::parse(text, path);
  if (!document) {
    auto error = document.error();
    error.code = ErrorCode::config;
    error.message = fmt::format("not a valid baseline file: {}", error.message);
    return std::unexpected(error);
  }
  const Value& root = *document;
  if (root.kind != Value::Kind::object)
    return error_at(path, root,
                    fmt::format("a baseline file is a JSON object, not {}", util::json::describe(root.kind)));
  for (const auto& member : root.members)
    if (member.key != "version" && member.key != "findings")
      return make_error(
          ErrorCode::config,
          fmt::format("unknown key \"{}\" in the baseline file (known: version, findings)", member.key),
          std::string(path), member.line, member.column);
  const Value* version = root.find("version");
  if (!version)
    return error_at(path, root, "the baseline file needs \"version\": 1");
  if (version->kind != Value::Kind::number || version->text != std::to_string(k_baseline_version))
    return error_at(path, *version,
                    fmt::format("unsupported baseline version {} (this tacit reads version {}); rewrite it "
                                "with `tacit baseline write`",
                                version->kind == Value::Kind::number ? version->text : "(not a number)",
                                k_baseline_version));
  const Value* findings = root.find("findings");
  if (!findings)
    return error_at(path, root, "the baseline file needs \"findings\": [...]");
  if (findings->kind != Value::Kind::array)
    return error_at(
        path, *findings,
        fmt::format("\"findings\" must be an array, not {}", util::json::describe(findings->kind)));
  Baseline baseline;
  std::map<Key, int> lines;
  for (const auto& item : findings->items) {
    auto entry = parse_entry(item, path);
    if (!entry)
      return std::unexpected(entry.error());
    if (auto [it, fresh] = lines.emplace(key_of(*entry), entry->line); !fresh)
      return error_at(
          path, item,
          fmt::format("duplicate baseline entry for {} at '{}' (first at line {}); merge their counts",
                      entry->rule, entry->path, it->second));
    baseline.entries.push_back(std::move(*entry));
  }
  std::sort(baseline.entries.begin(), baseline.entries.end(),
            [](const BaselineEntry& a, const BaselineEntry& b) { return key_of(a) < key_of(b); });
  return baseline;
}

std::string render_baseline(const Baseline& baseline) {
  std::string out = fmt::format("{{\n  \"version\": {},\n  \"findings\": [", k_baseline_version);
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) {
    const auto& entry = baseline.entries[i];
    out += fmt::format("{}\n    {{\"rule\": {}, \"path\": {}, \"subject\": {}, \"count\": {}}}", i ? "," : "",
                       util::json::quote(entry.rule), util::json::quote(entry.path),
                       util::json::quote(entry.subject), entry.count);
  }
  out += baseline.entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Baseline make_baseline(const std::vector<Finding>& findings) {
  std::map<Key, std::size_t> counts;
  for (const auto& finding : findings)
    ++counts[key_of(finding)];
  Baseline baseline;
  for (const auto& [key, count] : counts)
    baseline.entries.push_back(BaselineEntry{std::get<1>(key), std::get<0>(key), std::get<2>(key), count, 0});
  return baseline;
}

BaselineResult apply_baseline(const Baseline& baseline, std::vector<Finding> findings) {
  std::map<Key, std::size_t> left;
  for (const auto& entry : baseline.entries)
    left[key_of(entry)] += entry.count;
  BaselineResult result;
  for (auto& finding : findings) {
    auto it = left.find(key_of(finding));
    if (it != left.end() && it->second > 0) {
      --it->second;
      ++result.absorbed;
    } else {
      result.findings.push_back(std::move(finding));
    }
  }
  for (const auto& entry : baseline.entries)
    if (const auto unused = left[key_of(entry)]; unused > 0) {
      result.stale.push_back(entry);
      result.stale.back().count = unused;
    }
  return result;
}

Baseline prune_baseline(const Baseline& baseline, const std::vector<Finding>& findings,
                        std::vector<BaselineEntry>& removed) {
  auto current = apply_baseline(baseline, findings);
  std::map<Key, std::size_t> unused;
  for (const auto& entry : current.stale)
    unused[key_of(entry)] = entry.count;
  Baseline pruned;
  for (const auto& entry : baseline.entries) {
    const auto it = unused.find(key_of(entry));
    const std::size_t drop = it == unused.end() ? 0 : it->second;
    if (drop > 0) {
      removed.push_back(entry);
      removed.back().count = drop;
    }
    if (entry.count > drop) {
      pruned.entries.push_back(entry);
      pruned.entries.back().count = entry.count - drop;
    }
  }
  return pruned;
}

std::vector<Finding> keep_new_findings(std::vector<Finding> findings, const std::vector<Finding>& base,
                                       const Location& anchor, const Location& base_anchor) {
  // The identity of each finding in order, with the state's repository anchor as one shared place.
  const auto identities = [](const std::vector<Finding>& list, const Location& at) {
    std::map<Key, int> seen;
    std::vector<std::pair<Key, int>> out;
    out.reserve(list.size());
    for (const auto& finding : list) {
      const auto& where = finding.location;
      const bool anchored = where.path == at.path && where.line == at.line && where.column == at.column;
      Key key{anchored ? std::string("\x01repository") : where.path, finding.rule_id, finding.subject};
      const int n = seen[key]++;
      out.emplace_back(std::move(key), n);
    }
    return out;
  };
  const auto before = identities(base, base_anchor);
  const std::set<std::pair<Key, int>> known(before.begin(), before.end());
  const auto now = identities(findings, anchor);
  std::vector<Finding> fresh;
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (!known.contains(now[i]))
      fresh.push_back(std::move(findings[i]));
  return fresh;
}

} // namespace tacit::engine
