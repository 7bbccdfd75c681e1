// Tests for the keys of .tacit.yaml beyond version/exclude: select, ignore, severity, options, per-path,
// rule-dirs, fail-on, filesets, suppressions; each malformed value is a located error.

#include <tacit/engine/config.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using tacit::engine::Config;
using tacit::engine::parse_config;
using tacit::engine::Severity;

namespace {

tacit::Error key_error(std::string_view text) {
  auto config = parse_config(text, ".tacit.yaml");
  INFO(text);
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().code == tacit::ErrorCode::config);
  CHECK(config.error().path == ".tacit.yaml");
  CHECK(config.error().line > 0);
  CHECK(config.error().column > 0);
  return config.error();
}

Config key_ok(std::string_view text) {
  auto config = parse_config(text, ".tacit.yaml");
  INFO(text << " -> " << (config ? std::string() : tacit::to_string(config.error())));
  REQUIRE(config.has_value());
  return *config;
}

bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

} // namespace

TEST_CASE("config keys: every key in a valid file") {
  const auto config = key_ok("version: 1\n"
                             "select: [ctx, TASK1]\n"
                             "ignore: [CTX004]\n"
                             "severity:\n"
                             "  TASK101: error\n"
                             "  QUAL: off\n"
                             "options:\n"
                             "  IMPL401: {min-commits: 30}\n"
                             "per-path:\n"
                             "  - paths: [legacy/, 'old/**']\n"
                             "    ignore: [TASK]\n"
                             "    severity: {CTX002: warning}\n"
                             "exclude: [build/]\n"
                             "rule-dirs: [tools/tacit-rules/, ./rules]\n"
                             "fail-on: error\n"
                             "filesets:\n"
                             "  docs: ['docs/**', README.md]\n"
                             "suppressions:\n"
                             "  require-reason: false\n");
  REQUIRE(config.select.has_value());
  CHECK(config.select->size() == 2);
  CHECK(config.select->at(0).value == "CTX"); // upper-cased
  CHECK(config.select->at(0).origin.line == 2);
  CHECK(config.select->at(0).origin.column == 10);
  CHECK(config.ignore.at(0).value == "CTX004");
  REQUIRE(config.severity.size() == 2);
  CHECK(config.severity[0].selector == "TASK101");
  CHECK(config.severity[0].severity == Severity::error);
  CHECK_FALSE(config.severity[1].severity.has_value()); // off
  CHECK(config.options.at("IMPL401").at("min-commits").value == "30");
  REQUIRE(config.per_path.size() == 1);
  CHECK(config.per_path[0].paths.size() == 2);
  CHECK(config.per_path[0].ignore.at(0).value == "TASK");
  CHECK(config.per_path[0].severity.at(0).severity == Severity::warning);
  CHECK(config.rule_dirs == std::vector<std::string>{"tools/tacit-rules", "rules"});
  REQUIRE(config.fail_on.has_value());
  CHECK(config.fail_on->level == Severity::error);
  CHECK(config.filesets.at("docs") == std::vector<std::string>{"docs/**", "README.md"});
  CHECK_FALSE(config.suppression_reason_required);
  CHECK(config.suppressions_origin.line == 19);
}

TEST_CASE("config keys: fail-on never and the defaults") {
  auto config = key_ok("version: 1\nfail-on: never\n");
  REQUIRE(config.fail_on.has_value());
  CHECK_FALSE(config.fail_on->level.has_value());
  config = key_ok("version: 1\n");
  CHECK_FALSE(config.select.has_value());
  CHECK_FALSE(config.fail_on.has_value());
  CHECK(config.suppression_reason_required);
}

TEST_CASE("config keys: wrong types and values are located errors") {
  CHECK(has(key_error("version: 1\nselect: CTX\n").message, "'select' must be a list"));
  CHECK(has(key_error("version: 1\nselect: [CTX-1]\n").message, "is not a rule id"));
  CHECK(has(key_error("version: 1\nignore: [[a]]\n").message, "each 'ignore' entry"));
  auto error = key_error("version: 1\nseverity:\n  CTX001: fatal\n");
  CHECK(error.line == 3);
  CHECK(error.column == 11);
  CHECK(has(error.message, "'fatal' is not a severity: error, warning, info or off"));
  CHECK(has(key_error("version: 1\nseverity: [CTX001]\n").message, "must be a mapping"));
  CHECK(has(key_error("version: 1\nseverity: {CTX001: error, ctx001: info}\n").message, "appears twice"));
  CHECK(has(key_error("version: 1\nfail-on: sometimes\n").message, "'fail-on' must be error, warning"));
  CHECK(has(key_error("version: 1\noptions: [a]\n").message, "must be a mapping"));
  CHECK(has(key_error("version: 1\noptions: {CTX008: {a: 1}, ctx008: {b: 2}}\n").message, "appears twice"));
  CHECK(has(key_error("version: 1\noptions:\n  CTX008: {max-per-file: }\n").message, "needs a value"));
  CHECK(has(key_error("version: 1\noptions:\n  CTX008: {max-per-file: [1]}\n").message, "needs a value"));
  CHECK(has(key_error("version: 1\nrule-dirs: rules\n").message, "'rule-dirs' must be a list"));
  CHECK(has(key_error("version: 1\nrule-dirs: [../rules]\n").message, "outside the repository"));
  CHECK(has(key_error("version: 1\nrule-dirs: [/etc]\n").message, "outside the repository"));
  CHECK(has(key_error("version: 1\nfilesets: {Docs: [a]}\n").message, "kebab-case"));
  CHECK(has(key_error("version: 1\nfilesets: {docs: a}\n").message, "must be a list of glob patterns"));
  CHECK(has(key_error("version: 1\nfilesets: {docs: ['']}\n").message, "non-empty"));
  CHECK(has(key_error("version: 1\nsuppressions: {require-reason: maybe}\n").message, "true or false"));
  error = key_error("version: 1\nsuppressions:\n  require-reasons: true\n");
  CHECK(error.line == 3);
  CHECK(has(error.message, "did you mean 'require-reason'?"));
  CHECK(has(key_error("version: 1\nsuppressions: true\n").message, "must be a mapping"));
}

TEST_CASE("config keys: bad globs are located errors") {
  auto error = key_error("version: 1\nper-path:\n  - paths: ['  ']\n    ignore: [CTX]\n");
  CHECK(error.line == 3);
  CHECK(has(error.message, "matches nothing"));
  CHECK(has(key_error("version: 1\nfilesets: {docs: ['#x']}\n").message, "matches nothing"));
}

TEST_CASE("config keys: per-path entries") {
  auto error = key_error("version: 1\nper-path:\n  - paths: [a/]\n    ignroe: [CTX]\n");
  CHECK(error.line == 4);
  CHECK(error.column == 5);
  CHECK(has(error.message, "unknown key 'ignroe' (did you mean 'ignore'?) in a 'per-path' entry"));
  CHECK(has(key_error("version: 1\nper-path:\n  - ignore: [CTX]\n").message, "needs 'paths'"));
  CHECK(has(key_error("version: 1\nper-path:\n  - paths: []\n    ignore: [CTX]\n").message, "needs 'paths'"));
  CHECK(has(key_error("version: 1\nper-path:\n  - paths: [a/]\n").message, "does nothing"));
  CHECK(has(key_error("version: 1\nper-path: {paths: [a]}\n").message, "must be a list of entries"));
  CHECK(has(key_error("version: 1\nper-path: [a]\n").message, "must be a mapping"));
}
