// Tests for the policy of a run (select / ignore / severity / per-path under the command line), rule id
// and option validation, and the options API rules read their thresholds through.

#include <tacit/engine/config.hpp>
#include <tacit/engine/policy.hpp>
#include <tacit/engine/rule.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <array>
#include <stdexcept>

using tacit::engine::Config;
using tacit::engine::Finding;
using tacit::engine::Policy;
using tacit::engine::Severity;

namespace {

Config config_of(std::string_view text) {
  auto config = tacit::engine::parse_config(text, ".tacit.yaml");
  INFO((config ? std::string() : tacit::to_string(config.error())));
  REQUIRE(config.has_value());
  return *config;
}

Finding finding(std::string id, std::string path, Severity severity = Severity::warning) {
  Finding out;
  out.rule_id = std::move(id);
  out.location.path = std::move(path);
  out.severity = severity;
  return out;
}

constexpr std::array<tacit::engine::RuleOption, 4> k_options{{
    {"min-files", "2", "a count"},
    {"share", "0.7", "a share"},
    {"strict", "false", "a switch"},
    {"style", "conventional", "a word"},
}};
constexpr tacit::engine::RuleMeta k_meta{"TEST001", "test-rule", "TEST",   Severity::info,
                                         "a test",  {},          k_options};
constexpr tacit::engine::RuleMeta k_other{"TEST102", "other-rule", "TEST", Severity::warning, "a test", {}};
constexpr std::array<const tacit::engine::RuleMeta*, 2> k_rules{&k_meta, &k_other};

bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

} // namespace

TEST_CASE("policy: the configuration's select and ignore, and the command line over them") {
  const auto config = config_of("version: 1\nselect: [CTX, TASK]\nignore: [CTX004]\n");
  const Policy policy(config, {});
  CHECK(policy.runs("CTX001"));
  CHECK_FALSE(policy.runs("CTX004"));
  CHECK_FALSE(policy.runs("ARCH301"));
  // --select replaces the configuration's select and ignore.
  const Policy cli(config, {{"CTX004"}, {}, {}});
  CHECK(cli.runs("CTX004"));
  CHECK_FALSE(cli.runs("CTX001"));
  // --extend-select adds; --ignore always wins.
  const Policy extended(config, {{}, {"ARCH"}, {"TASK101"}});
  CHECK(extended.runs("ARCH301"));
  CHECK(extended.runs("CTX001"));
  CHECK_FALSE(extended.runs("TASK101"));
}

TEST_CASE("policy: severity overrides, the most specific selector wins") {
  const auto config =
      config_of("version: 1\nseverity: {ALL: info, TASK: error, TASK109: warning, QUAL: off}\n");
  const Policy policy(config, {});
  CHECK(policy.decide("CTX001", "a.md", Severity::warning) == Severity::info);
  CHECK(policy.decide("TASK101", "a.md", Severity::warning) == Severity::error);
  CHECK(policy.decide("TASK109", "a.md", Severity::info) == Severity::warning);
  CHECK_FALSE(policy.decide("QUAL201", "a.md", Severity::info).has_value());
  CHECK_FALSE(policy.runs("QUAL201")); // off everywhere: it does not run
}

TEST_CASE("policy: per-path select, ignore and severity by the finding's path") {
  const auto config = config_of("version: 1\n"
                                "ignore: [ARCH]\n"
                                "per-path:\n"
                                "  - paths: [legacy/]\n"
                                "    ignore: [TASK]\n"
                                "    severity: {CTX002: info}\n"
                                "  - paths: ['legacy/keep/**']\n"
                                "    select: [TASK101]\n"
                                "  - paths: ['src/*.md']\n"
                                "    select: [ARCH301]\n");
  const Policy policy(config, {});
  CHECK_FALSE(policy.decide("TASK101", "legacy/a.md", Severity::warning).has_value());
  CHECK(policy.decide("TASK101", "legacy/keep/a.md", Severity::warning) == Severity::warning);
  CHECK_FALSE(policy.decide("TASK102", "legacy/keep/a.md", Severity::warning).has_value());
  CHECK(policy.decide("TASK101", "docs/a.md", Severity::warning) == Severity::warning);
  CHECK(policy.decide("CTX002", "legacy/x/README.md", Severity::error) == Severity::info);
  CHECK(policy.decide("CTX002", "README.md", Severity::error) == Severity::error);
  // A rule ignored at the top runs when a per-path entry selects it, and reports only there.
  CHECK(policy.runs("ARCH301"));
  CHECK_FALSE(policy.runs("ARCH302"));
  CHECK(policy.decide("ARCH301", "src/a.md", Severity::info) == Severity::info);
  CHECK_FALSE(policy.decide("ARCH301", "README.md", Severity::info).has_value());
  CHECK_FALSE(policy.decide("ARCH301", "", Severity::info).has_value());
  // Under an explicit --select, per-path select has no effect; per-path ignore still does.
  const Policy cli(config, {{"ARCH302", "TASK"}, {}, {}});
  CHECK_FALSE(cli.runs("ARCH301"));
  CHECK_FALSE(cli.decide("TASK101", "legacy/a.md", Severity::warning).has_value());

  std::vector<Finding> findings{finding("TASK101", "legacy/a.md"), finding("TASK101", "b.md"),
                                finding("CTX002", "legacy/c.md", Severity::error)};
  policy.apply(findings);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].location.path == "b.md");
  CHECK(findings[1].severity == Severity::info);
}

TEST_CASE("policy: the selection for run_rules") {
  const auto config = config_of("version: 1\nselect: [TEST1]\n");
  const auto selection = Policy(config, {}).selection(k_rules);
  CHECK(selection.select == std::vector<std::string>{"TEST102"});
  const auto none = Policy(config_of("version: 1\nignore: [TEST]\n"), {}).selection(k_rules);
  CHECK(none.select.empty());
  CHECK(none.ignore == std::vector<std::string>{"ALL"});
}

TEST_CASE("policy: a rule outside the default profile runs only when a selection names it") {
  tacit::engine::RuleMeta opt_in{"TEST201", "opt-in-rule", "TEST", Severity::info, "a test", {}};
  opt_in.in_default_profile = false;
  const std::array<const tacit::engine::RuleMeta*, 2> rules{&k_other, &opt_in};
  const auto defaults = config_of("version: 1\n");
  const Policy plain(defaults, {}, rules);
  CHECK(plain.runs("TEST102"));
  CHECK_FALSE(plain.runs("TEST201"));
  CHECK_FALSE(plain.decide("TEST201", "a.md", Severity::info).has_value());
  CHECK(Policy(defaults, {{"TEST201"}, {}, {}}, rules).runs("TEST201"));
  CHECK(Policy(defaults, {{}, {"TEST2"}, {}}, rules).runs("TEST201"));
  CHECK(Policy(config_of("version: 1\nselect: [TEST]\n"), {}, rules).runs("TEST201"));
  CHECK(Policy(config_of("version: 1\nper-path: [{paths: [docs/], select: [TEST201]}]\n"), {}, rules)
            .decide("TEST201", "docs/a.md", Severity::info)
            .has_value());
  // The strict profile runs every rule.
  const auto strict = tacit::engine::builtin_profile("strict", rules);
  REQUIRE(strict.has_value());
  CHECK(Policy(*strict, {}, rules).runs("TEST201"));
  CHECK(Policy(*strict, {}, rules).runs("TEST102"));
}

TEST_CASE("validate_config: unknown rule ids and prefixes, with did-you-mean") {
  CHECK(tacit::engine::validate_config(config_of("version: 1\nselect: [TEST, test001, ALL]\n"), k_rules));
  auto error = tacit::engine::validate_config(config_of("version: 1\nselect: [TEST, TEST011]\n"), k_rules);
  REQUIRE_FALSE(error.has_value());
  CHECK(error.error().line == 2);
  CHECK(error.error().column == 16);
  CHECK(has(error.error().message, "unknown rule or category 'TEST011' (did you mean 'TEST001'?)"));
  for (const auto* text : {"version: 1\nignore: [NOPE]\n", "version: 1\nseverity: {TEST002: off}\n",
                           "version: 1\nper-path: [{paths: [a], ignore: [TEST9]}]\n",
                           "version: 1\nper-path: [{paths: [a], select: [X]}]\n",
                           "version: 1\nper-path: [{paths: [a], severity: {Y: info}}]\n",
                           "version: 1\noptions: {TEST: {a: 1}}\n"}) {
    INFO(text);
    auto result = tacit::engine::validate_config(config_of(text), k_rules);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().line == 2);
    CHECK(result.error().path == ".tacit.yaml");
  }
}

TEST_CASE("validate_config: options by name and by the type of their default") {
  CHECK(tacit::engine::validate_config(
      config_of("version: 1\noptions:\n  TEST001: {min-files: 5, share: 0.5, strict: true, style: x}\n"),
      k_rules));
  CHECK(tacit::engine::validate_config(config_of("version: 1\noptions:\n  TEST001: {share: 1}\n"), k_rules));
  auto error =
      tacit::engine::validate_config(config_of("version: 1\noptions:\n  TEST001: {min-file: 5}\n"), k_rules);
  REQUIRE_FALSE(error.has_value());
  CHECK(error.error().line == 3);
  CHECK(has(error.error().message, "TEST001 has no option 'min-file' (did you mean 'min-files'?)"));
  CHECK(has(error.error().message, "its options: min-files, share, strict, style"));
  error = tacit::engine::validate_config(config_of("version: 1\noptions:\n  TEST102: {x: 5}\n"), k_rules);
  REQUIRE_FALSE(error.has_value());
  CHECK(has(error.error().message, "it has no options"));
  for (const auto* text : {"{min-files: 2.5}", "{min-files: -1}", "{min-files: ten}", "{share: high}",
                           "{strict: yes}", "{strict: 1}"}) {
    INFO(text);
    error = tacit::engine::validate_config(
        config_of(fmt::format("version: 1\noptions:\n  TEST001: {}\n", text)), k_rules);
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().line == 3);
    CHECK(has(error.error().message, "is not one"));
  }
  CHECK(tacit::engine::option_type("20") == "integer");
  CHECK(tacit::engine::option_type("0.7") == "number");
  CHECK(tacit::engine::option_type("true") == "boolean");
  CHECK(tacit::engine::option_type("conventional") == "string");
}

TEST_CASE("Emitter: options from the configuration, else the defaults") {
  const tacit::engine::OptionValues values{{"min-files", "7"}, {"strict", "true"}};
  const tacit::engine::Emitter configured(k_meta, &values);
  CHECK(configured.option_int("min-files") == 7);
  CHECK(configured.option_number("share") == doctest::Approx(0.7));
  CHECK(configured.option_bool("strict"));
  CHECK(configured.option_string("style") == "conventional");
  const tacit::engine::Emitter defaults(k_meta);
  CHECK(defaults.option_int("min-files") == 2);
  CHECK_FALSE(defaults.option_bool("strict"));
  CHECK_THROWS_AS((void)defaults.option_int("undeclared"), std::logic_error);
  CHECK_THROWS_AS((void)defaults.option_int("style"), std::logic_error);
}

TEST_CASE("format_config: the effective configuration parses back to itself") {
  const auto config =
      config_of("version: 1\n"
                "extends: strict\n"
                "select: [CTX]\n"
                "severity: {TASK: off}\n"
                "options: {CTX008: {max-per-file: 3}}\n"
                "per-path: [{paths: ['legacy/**', '*.log'], ignore: [CTX], severity: {CTX002: info}}]\n"
                "exclude: ['!keep', \"it's/\"]\n"
                "fail-on: never\n"
                "filesets: {docs: ['docs/**']}\n");
  const auto text = tacit::engine::format_config(config);
  INFO(text);
  CHECK(has(text, "merged from: profile strict, .tacit.yaml"));
  CHECK(has(text, "  CTX008:\n    max-per-file: 3  # .tacit.yaml:5:34\n"));
  CHECK(has(text, "fail-on: never  # .tacit.yaml:8:10"));
  CHECK(has(text, "require-reason: true  # default"));
  auto again = tacit::engine::parse_config(text, "printed.yaml");
  INFO((again ? std::string() : tacit::to_string(again.error())));
  REQUIRE(again.has_value());
  CHECK(again->select->front().value == "CTX");
  CHECK(again->severity.size() == config.severity.size());
  CHECK(again->exclude == config.exclude);
  CHECK(again->per_path.at(0).paths.at(1).value == "*.log");
  CHECK_FALSE(again->fail_on->level.has_value());
  CHECK(again->options.at("CTX008").at("max-per-file").value == "3");
  CHECK(tacit::engine::format_config(*again).size() > 0);
}
