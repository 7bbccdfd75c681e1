// Rule files: the header (id, name, docs, message...) and the embedded tests. The typed reads the loader
// shares are in load_reader.cpp, the check and its conditions in load_check.cpp and load_source.cpp.

#include "loader.hpp"

#include "rule.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::declarative {

namespace {

using load::Node;
using load::Reader;

bool is_rule_id(std::string_view id) {
  std::size_t letters = 0;
  while (letters < id.size() && id[letters] >= 'A' && id[letters] <= 'Z')
    ++letters;
  return letters >= 2 && letters <= 5 && id.size() == letters + 3 &&
         std::all_of(id.begin() + static_cast<long>(letters), id.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool is_kebab(std::string_view name) {
  if (name.empty() || !(name.front() >= 'a' && name.front() <= 'z') || name.back() == '-')
    return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// Checks the placeholders of a template against what the rule provides.
Template make_template(const Reader& reader, const Node& node, std::string_view key,
                       const std::set<std::string, std::less<>>& known) {
  if (!node.is_scalar() || node.value.empty())
    reader.fail(node, fmt::format("'{}' must be a non-empty string", key));
  std::string_view text = node.value;
  for (auto open = text.find("{{"); open != std::string_view::npos; open = text.find("{{", open + 2)) {
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos)
      reader.fail(node, fmt::format("'{}': '{{{{' without '}}}}'", key));
    auto name = util::trim(text.substr(open + 2, close - open - 2));
    if (!name.empty() && (name.front() == '#' || name.front() == '^' || name.front() == '/'))
      name.remove_prefix(1);
    bool ok = known.contains(name);
    if (!ok && name.starts_with("facts.")) {
      auto kind = name.substr(6);
      for (std::string_view suffix : {".list", ".first", ".s"})
        if (kind.ends_with(suffix))
          kind.remove_suffix(suffix.size());
      load::fact_kind(reader, node, kind);
      ok = true;
    }
    if (!ok) {
      std::vector<std::string_view> names(known.begin(), known.end());
      const auto best = util::closest_match(name, names);
      reader.fail(node, fmt::format("'{}': unknown placeholder '{{{{{}}}}}'{}; this rule provides: {}{}", key,
                                    name, best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best),
                                    fmt::join(names, ", "), names.empty() ? "facts.KIND" : ", facts.KIND"));
    }
  }
  return Template{node.value};
}

std::vector<std::pair<std::string, std::string>> case_files(const Reader& reader, const Node& node) {
  if (!node.is_map() || node.entries.empty())
    reader.fail(node, "'files' must map file paths to their content");
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : node.entries) {
    bool escaped = false;
    const auto path = util::normalize_path(entry.key, &escaped);
    if (escaped || path.empty() || entry.key.starts_with('/') || path.starts_with(".git/") || path == ".git")
      reader.fail(entry.line, entry.column,
                  fmt::format("'{}' is not a relative path inside the test repository", entry.key));
    if (!entry.value.is_scalar() && !entry.value.is_null())
      reader.fail(entry.value, fmt::format("the content of '{}' must be a string", entry.key));
    files.emplace_back(path, entry.value.value);
  }
  return files;
}

std::vector<TestCase> test_cases(const Reader& reader, const Node& tests) {
  reader.keys(tests, "'tests'", {"valid", "invalid"});
  std::vector<TestCase> out;
  for (const bool valid : {true, false}) {
    const auto* list = tests.find(valid ? "valid" : "invalid");
    if (!list)
      continue;
    if (!list->is_sequence())
      reader.fail(*list, fmt::format("'{}' must be a list of test cases", valid ? "valid" : "invalid"));
    for (const auto& item : list->items) {
      if (valid)
        reader.keys(item, "a valid test case", {"name", "files"});
      else
        reader.keys(item, "an invalid test case", {"name", "files", "findings"});
      TestCase test;
      test.valid = valid;
      test.line = item.line;
      test.name = reader.string(item, "name", false);
      if (test.name.empty())
        test.name = fmt::format("{} case at line {}", valid ? "valid" : "invalid", item.line);
      const auto* files = item.find("files");
      if (!files)
        reader.fail(item, "missing key 'files'");
      test.files = case_files(reader, *files);
      if (!valid) {
        const auto* findings = item.find("findings");
        if (!findings)
          reader.fail(item, "missing key 'findings' (the locations it must report, `path:line:column`)");
        test.expected = reader.strings(*findings, "findings");
      }
      out.push_back(std::move(test));
    }
  }
  return out;
}

RuleSpec parse(Reader& reader, const Node& root) {
  reader.keys(root, "a rule file",
              {"id", "name", "category", "severity", "default-profile", "summary", "message", "hint",
               "subject", "docs", "tags", "applies", "when", "check", "tests", "options", "evidence"});
  RuleSpec spec;
  spec.path = std::string(reader.path);
  spec.id = reader.string(root, "id", true);
  if (!is_rule_id(spec.id))
    reader.fail(*root.find("id"), fmt::format("'{}' is not a rule id: 2 to 5 capital letters and 3 digits "
                                              "(ORG101)",
                                              spec.id));
  if (reader.options.id_taken && reader.options.id_taken(spec.id))
    reader.fail(*root.find("id"),
                fmt::format("rule id {} is already taken (by a built-in rule or another rule "
                            "file): pick another",
                            spec.id));
  spec.name = reader.string(root, "name", true);
  if (!is_kebab(spec.name))
    reader.fail(*root.find("name"),
                fmt::format("'{}' is not a rule name: kebab-case (security-policy-missing)", spec.name));
  const auto letters = spec.id.substr(0, spec.id.find_first_of("0123456789"));
  spec.category = reader.string(root, "category", false);
  if (spec.category.empty())
    spec.category = letters;
  else if (!spec.id.starts_with(spec.category))
    reader.fail(
        *root.find("category"),
        fmt::format("category '{}' must be the letters the id starts with ('{}')", spec.category, letters));
  const auto severity = reader.string(root, "severity", true);
  const auto parsed = engine::parse_severity(severity);
  if (!parsed)
    reader.fail(*root.find("severity"),
                fmt::format("unknown severity '{}'; one of: info, warning, error", severity));
  spec.severity = *parsed;
  spec.summary = reader.string(root, "summary", true);
  if (const auto* in_default = root.find("default-profile"))
    spec.default_profile = reader.boolean(*in_default, "default-profile");
  if (const auto* docs = root.find("docs")) {
    reader.keys(*docs, "'docs'", {"what-it-does", "why-it-matters", "example", "how-to-fix"});
    spec.what_it_does = reader.string(*docs, "what-it-does", false);
    spec.why_it_matters = reader.string(*docs, "why-it-matters", false);
    spec.example = reader.string(*docs, "example", false);
    spec.how_to_fix = reader.string(*docs, "how-to-fix", false);
  }
  if (const auto* options = root.find("options")) {
    if (!options->is_sequence())
      reader.fail(*options, "'options' must be a list of {name, default, description}");
    for (const auto& item : options->items) {
      reader.keys(item, "an option", {"name", "default", "description"});
      spec.options.push_back({reader.string(item, "name", true), reader.string(item, "default", true),
                              reader.string(item, "description", true)});
    }
  }
  reader.declared_options = spec.options;
  if (const auto* tags = root.find("tags"))
    spec.tags = reader.strings(*tags, "tags");
  if (const auto* when = root.find("when"))
    spec.when = load::condition(reader, *when);
  if (const auto* check = root.find("check"))
    spec.check = load::check(reader, *check);

  auto known = load::placeholders(spec.check);
  known.insert("context-file");
  for (const auto& option : spec.options)
    known.insert("options." + option[0]);
  const auto* message = root.find("message");
  if (!message)
    reader.fail(root, "missing key 'message'");
  if (message->is_sequence()) {
    for (std::size_t i = 0; i < message->items.size(); ++i) {
      const auto& item = message->items[i];
      reader.keys(item, "a message variant", {"when", "text"});
      MessageVariant variant;
      if (const auto* when = item.find("when"))
        variant.when = load::condition(reader, *when);
      else if (i + 1 < message->items.size())
        reader.fail(item, "only the last message variant may leave out 'when'");
      const auto* text = item.find("text");
      if (!text)
        reader.fail(item, "missing key 'text'");
      variant.text = make_template(reader, *text, "text", known);
      spec.message.push_back(std::move(variant));
    }
    if (spec.message.empty() || spec.message.back().when)
      reader.fail(*message, "the last message variant must have no 'when' (it is the default)");
  } else {
    spec.message.push_back(MessageVariant{std::nullopt, make_template(reader, *message, "message", known)});
  }
  if (const auto* hint = root.find("hint"))
    spec.hint = make_template(reader, *hint, "hint", known);
  if (const auto* applies = root.find("applies")) {
    reader.keys(*applies, "'applies'", {"when", "otherwise"});
    const auto* when = applies->find("when");
    const auto* otherwise = applies->find("otherwise");
    if (!when || !otherwise)
      reader.fail(*applies, "'applies' needs 'when' (the precondition) and 'otherwise' (why the rule does "
                            "not apply when it does not hold)");
    spec.applies_when = load::condition(reader, *when);
    std::set<std::string, std::less<>> option_names{"context-file"};
    for (const auto& option : spec.options)
      option_names.insert("options." + option[0]);
    spec.not_applicable = make_template(reader, *otherwise, "otherwise", option_names);
  }
  if (const auto* subject = root.find("subject"))
    spec.subject = make_template(reader, *subject, "subject", known);
  if (const auto* evidence = root.find("evidence")) {
    if (!evidence->is_sequence())
      reader.fail(*evidence, "'evidence' must be a list of {fact, note, limit, order}");
    const std::set<std::string, std::less<>> item_names{"item", "detail"};
    const std::set<std::string, std::less<>> count_names{"count"};
    for (const auto& item : evidence->items) {
      reader.keys(item, "an evidence entry", {"fact", "note", "limit", "order", "summary", "when"});
      EvidenceSpec entry;
      entry.fact = reader.string(item, "fact", true);
      load::fact_kind(reader, *item.find("fact"), entry.fact);
      const auto* note = item.find("note");
      if (!note)
        reader.fail(item, "missing key 'note'");
      if (const auto* summary = item.find("summary"))
        entry.summary = reader.boolean(*summary, "summary");
      if (const auto* when = item.find("when"))
        entry.when = load::condition(reader, *when);
      entry.note = make_template(reader, *note, "note", entry.summary ? count_names : item_names);
      if (const auto* limit = item.find("limit"))
        entry.limit = reader.integer(*limit, "limit", 100);
      if (const auto* order = item.find("order")) {
        const auto value = reader.string(item, "order", true);
        if (value != "largest" && value != "fact")
          reader.fail(*order,
                      fmt::format("unknown order '{}'; one of: fact (the fact's own order), largest", value));
        entry.largest = value == "largest";
      }
      spec.evidence.push_back(std::move(entry));
    }
  }
  if (const auto* tests = root.find("tests"))
    spec.tests = test_cases(reader, *tests);
  return spec;
}

} // namespace

Result<RuleSpec> parse_rule_spec(std::string_view text, std::string_view path, const LoadOptions& options) {
  auto document = facts::yaml::load(text, path);
  if (!document)
    return make_error(ErrorCode::config, fmt::format("invalid YAML: {}", document.error().message),
                      std::string(path), document.error().line, std::max(1, document.error().column));
  if (!document->issues.empty())
    return make_error(ErrorCode::config, document->issues.front().message, std::string(path),
                      document->issues.front().line, 1);
  if (document->documents.size() > 1)
    return make_error(ErrorCode::config, "more than one YAML document (`---`): a rule file holds one rule",
                      std::string(path), document->documents[1].line, 1);
  Reader reader{path, options, util::split_lines(text)};
  try {
    const auto& root = document->root();
    if (!root.is_map())
      reader.fail(std::max(1, root.line), std::max(1, root.column), "a rule file must be a mapping of keys");
    return parse(reader, root);
  } catch (const load::LoadError& e) {
    return std::unexpected(e.error);
  }
}

Result<std::unique_ptr<DeclarativeRule>> load_rule_file(std::string_view text, std::string_view path,
                                                        const LoadOptions& options) {
  auto spec = parse_rule_spec(text, path, options);
  if (!spec)
    return std::unexpected(spec.error());
  return make_rule(std::move(*spec));
}

} // namespace tacit::declarative
