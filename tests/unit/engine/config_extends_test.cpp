// Tests for `extends`: built-in profiles, local files relative to the including file, cycles, missing
// files, and the merge semantics (later wins; lists concatenate; a select resets the selection).

#include <tacit/engine/config.hpp>
#include <tacit/engine/rule.hpp>

#include <doctest/doctest.h>

#include <map>
#include <string>

using tacit::engine::Config;
using tacit::engine::ConfigReader;
using tacit::engine::load_config;
using tacit::engine::Severity;

namespace {

// An in-memory set of configuration files.
struct Files {
  std::map<std::string, std::string> files;
  ConfigReader reader() const {
    return [this](const std::string& path) -> tacit::Result<std::string> {
      if (auto it = files.find(path); it != files.end())
        return it->second;
      return tacit::make_error(tacit::ErrorCode::config, "no such file", path);
    };
  }
  tacit::Result<Config> load(const std::string& path = ".tacit.yaml") const {
    return load_config(files.at(path), path, reader());
  }
};

// The rules the profiles speak of: the engine is handed them (catalog::builtin() in a run).
constexpr tacit::engine::RuleMeta k_info_rule{.id = "TEST901",
                                              .name = "an-info-rule",
                                              .category = "TEST",
                                              .severity = Severity::info,
                                              .summary = "",
                                              .docs = {}};
constexpr tacit::engine::RuleMeta k_warning_rule{.id = "TEST902",
                                                 .name = "a-warning-rule",
                                                 .category = "TEST",
                                                 .severity = Severity::warning,
                                                 .summary = "",
                                                 .docs = {}};
const std::vector<const tacit::engine::RuleMeta*> k_rules{&k_info_rule, &k_warning_rule};

bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

} // namespace

TEST_CASE("extends: profiles") {
  auto config = tacit::engine::parse_config("version: 1\nextends: recommended\n", ".tacit.yaml");
  REQUIRE(config.has_value());
  CHECK(config->extends == std::vector<std::string>{"profile recommended", ".tacit.yaml"});
  CHECK(config->severity.empty());
  CHECK_FALSE(config->fail_on.has_value());

  config = tacit::engine::parse_config("version: 1\nextends: [strict]\nfail-on: warning\n", ".tacit.yaml",
                                       k_rules);
  REQUIRE(config.has_value());
  REQUIRE(config->severity.size() == 1); // the info rule raised, not the warning one
  CHECK(config->severity[0].selector == "TEST901");
  for (const auto& setting : config->severity) {
    CHECK(setting.severity == Severity::warning);
    CHECK(setting.origin.file == "profile strict");
  }
  REQUIRE(config->fail_on.has_value());
  CHECK(config->fail_on->level == Severity::warning); // the file wins over the profile
  CHECK(config->fail_on->origin.file == ".tacit.yaml");

  auto strict = tacit::engine::builtin_profile("strict", k_rules);
  REQUIRE(strict.has_value());
  CHECK(strict->fail_on->level == Severity::info);
  CHECK(strict->severity.size() == 1);
  CHECK(tacit::engine::builtin_profile("strict", {})->severity.empty()); // no rules handed down, none raised
  CHECK_FALSE(tacit::engine::builtin_profile("lenient", k_rules).has_value());
}

TEST_CASE("extends: an unknown profile, with did-you-mean") {
  auto config = tacit::engine::parse_config("version: 1\nextends: [recommended, strct]\n", ".tacit.yaml");
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().line == 2);
  CHECK(config.error().column == 24);
  CHECK(has(config.error().message, "unknown profile 'strct' (did you mean 'strict'?)"));
}

TEST_CASE("extends: local files relative to the including file, and the merge") {
  Files files;
  files.files[".tacit.yaml"] = "version: 1\n"
                               "extends: [config/base.yaml]\n"
                               "ignore: [TASK109]\n"
                               "severity: {CTX001: error}\n"
                               "options: {CTX008: {max-per-file: 4}}\n"
                               "exclude: [dist/]\n"
                               "filesets: {docs: [docs/]}\n"
                               "per-path: [{paths: [b/], ignore: [CTX]}]\n";
  files.files["config/base.yaml"] = "version: 1\n"
                                    "extends: shared.yaml\n"
                                    "ignore: [CTX004]\n"
                                    "severity: {CTX001: info, TASK: warning}\n"
                                    "options: {CTX008: {max-per-file: 2}, TASK109: {min-files: 3}}\n"
                                    "exclude: [build/]\n"
                                    "rule-dirs: [rules]\n"
                                    "fail-on: error\n"
                                    "filesets: {docs: [doc/], context: [AGENTS.md]}\n"
                                    "suppressions: {require-reason: false}\n"
                                    "per-path: [{paths: [a/], ignore: [CTX]}]\n";
  files.files["config/shared.yaml"] = "version: 1\nexclude: [gen/]\nrule-dirs: [rules, more]\n";
  auto config = files.load();
  INFO((config ? std::string() : tacit::to_string(config.error())));
  REQUIRE(config.has_value());
  CHECK(config->source == ".tacit.yaml");
  CHECK(config->extends == std::vector<std::string>{"config/shared.yaml", "config/base.yaml", ".tacit.yaml"});
  CHECK(config->exclude == std::vector<std::string>{"gen/", "build/", "dist/"}); // concatenated, base first
  CHECK(config->exclude_origins.at(1).file == "config/base.yaml");
  CHECK(config->rule_dirs == std::vector<std::string>{"rules", "more"}); // concatenated, once each
  REQUIRE(config->ignore.size() == 2);                                   // no select: ignores add up
  CHECK(config->ignore[0].value == "CTX004");
  CHECK(config->ignore[1].value == "TASK109");
  REQUIRE(config->severity.size() == 2); // later wins per selector
  CHECK(config->severity[0].selector == "TASK");
  CHECK(config->severity[1].selector == "CTX001");
  CHECK(config->severity[1].severity == Severity::error);
  CHECK(config->options.at("CTX008").at("max-per-file").value == "4");
  CHECK(config->options.at("TASK109").at("min-files").value == "3");
  CHECK(config->fail_on->level == Severity::error);
  CHECK(config->filesets.at("docs") == std::vector<std::string>{"docs/"}); // replaced by name
  CHECK(config->filesets.at("context") == std::vector<std::string>{"AGENTS.md"});
  CHECK_FALSE(config->suppression_reason_required);
  REQUIRE(config->per_path.size() == 2); // concatenated, base first
  CHECK(config->per_path[0].paths.at(0).value == "a/");
}

TEST_CASE("extends: a select replaces the selection below, ignores included") {
  Files files;
  files.files[".tacit.yaml"] = "version: 1\nextends: base.yaml\nselect: [CTX]\nignore: [CTX001]\n";
  files.files["base.yaml"] = "version: 1\nselect: [TASK]\nignore: [CTX004]\n";
  auto config = files.load();
  REQUIRE(config.has_value());
  REQUIRE(config->select.has_value());
  CHECK(config->select->size() == 1);
  CHECK(config->select->front().value == "CTX");
  REQUIRE(config->ignore.size() == 1);
  CHECK(config->ignore.front().value == "CTX001");

  files.files[".tacit.yaml"] = "version: 1\nextends: base.yaml\nignore: [CTX001]\n";
  config = files.load();
  REQUIRE(config.has_value());
  CHECK(config->select->front().value == "TASK"); // inherited
  CHECK(config->ignore.size() == 2);
}

TEST_CASE("extends: a missing file is a located error") {
  Files files;
  files.files[".tacit.yaml"] = "version: 1\nextends:\n  - recommended\n  - conf/missing.yaml\n";
  auto config = files.load();
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().path == ".tacit.yaml");
  CHECK(config.error().line == 4);
  CHECK(config.error().column == 5);
  CHECK(has(config.error().message, "cannot read 'conf/missing.yaml'"));
  // Without a reader (parse_config), a local file cannot be read either.
  CHECK_FALSE(tacit::engine::parse_config("version: 1\nextends: base.yaml\n", ".tacit.yaml").has_value());
}

TEST_CASE("extends: an error in an extended file is located in that file") {
  Files files;
  files.files[".tacit.yaml"] = "version: 1\nextends: base.yaml\n";
  files.files["base.yaml"] = "version: 1\nselct: [CTX]\n";
  auto config = files.load();
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().path == "base.yaml");
  CHECK(config.error().line == 2);
  CHECK(has(config.error().message, "did you mean 'select'?"));
}

TEST_CASE("extends: cycles are named") {
  Files files;
  files.files[".tacit.yaml"] = "version: 1\nextends: a.yaml\n";
  files.files["a.yaml"] = "version: 1\nextends: sub/b.yaml\n";
  files.files["sub/b.yaml"] = "version: 1\nextends: ../a.yaml\n";
  auto config = files.load();
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().path == "sub/b.yaml");
  CHECK(config.error().line == 2);
  CHECK(config.error().column == 10);
  CHECK(has(config.error().message, "'extends' cycle: a.yaml -> sub/b.yaml -> a.yaml"));

  files.files[".tacit.yaml"] = "version: 1\nextends: .tacit.yaml\n";
  config = files.load();
  REQUIRE_FALSE(config.has_value());
  CHECK(has(config.error().message, "cycle: .tacit.yaml -> .tacit.yaml"));
}

TEST_CASE("extends: a diamond is not a cycle, wrong types are errors") {
  Files files;
  files.files[".tacit.yaml"] = "version: 1\nextends: [a.yaml, b.yaml]\n";
  files.files["a.yaml"] = "version: 1\nextends: c.yaml\n";
  files.files["b.yaml"] = "version: 1\nextends: c.yaml\n";
  files.files["c.yaml"] = "version: 1\n";
  CHECK(files.load().has_value());
  CHECK_FALSE(tacit::engine::parse_config("version: 1\nextends: {a: b}\n", ".tacit.yaml").has_value());
  CHECK_FALSE(tacit::engine::parse_config("version: 1\nextends: ''\n", ".tacit.yaml").has_value());
}

TEST_CASE("extends: a file extended several times is merged once, at its last place") {
  Files files;
  files.files[".tacit.yaml"] = "version: 1\nextends: [a.yaml, c.yaml]\n";
  files.files["a.yaml"] = "version: 1\nextends: c.yaml\nfail-on: error\nexclude: [a/]\n";
  files.files["c.yaml"] = "version: 1\nfail-on: info\nexclude: [c/]\n";
  auto config = files.load();
  REQUIRE(config.has_value());
  CHECK(config->extends == std::vector<std::string>{"a.yaml", "c.yaml", ".tacit.yaml"});
  CHECK(config->exclude == std::vector<std::string>{"a/", "c/"});
  REQUIRE(config->fail_on.has_value());
  CHECK(config->fail_on->level == Severity::info); // c.yaml comes last, as when it was merged twice
}
