// `tacit rules --format json`: the rule table for scripts and editor integrations (docs/json-format.md).

#include "format_util.hpp"

#include <tacit/report/report.hpp>
#include <tacit/version.hpp>

namespace tacit::report {

std::string render_rules_json(std::span<const engine::RuleMeta* const> rules) {
  detail::JsonWriter json;
  json.begin_object();
  json.member_number("schema_version", k_json_schema_version);
  json.object_member("tool");
  json.member("name", "tacit");
  json.member("version", k_version);
  json.member("commit", k_commit);
  json.end_object();
  json.array_member("rules");
  for (const auto* meta : rules) {
    json.begin_object();
    json.member("id", meta->id);
    json.member("name", meta->name);
    json.member("category", meta->category);
    json.member("severity", engine::to_string(meta->severity));
    json.key("default_profile");
    json.boolean(meta->in_default_profile);
    json.key("fixable");
    json.boolean(meta->fixable);
    json.member("summary", meta->summary);
    json.array_member("options");
    for (const auto& option : meta->options) {
      json.begin_object();
      json.member("name", option.name);
      json.member("default", option.default_value);
      json.member("description", option.description);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.take();
}

} // namespace tacit::report
