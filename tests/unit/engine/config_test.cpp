// Tests for parse_config (engine/config): strict validation of .tacit.yaml with file:line:column errors,
// and robustness against malformed or hostile YAML.

#include <tacit/engine/config.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using tacit::ErrorCode;
using tacit::engine::Config;
using tacit::engine::parse_config;

namespace {

// Parses text that must be rejected, and returns the error.
tacit::Error config_error(std::string_view text) {
  auto config = parse_config(text, ".tacit.yaml");
  INFO(text);
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().code == ErrorCode::config);
  CHECK(config.error().path == ".tacit.yaml");
  return config.error();
}

Config config_ok(std::string_view text) {
  auto config = parse_config(text, ".tacit.yaml");
  INFO(text << " -> " << (config ? std::string() : tacit::to_string(config.error())));
  REQUIRE(config.has_value());
  return *config;
}

bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

} // namespace

TEST_CASE("parse_config: a valid file") {
  const auto config = config_ok("# tacit configuration\n"
                                "version: 1\n"
                                "exclude:\n"
                                "  - build/\n"
                                "  - '*.log'\n"
                                "  - \"docs/generated/**\"\n"
                                "  - '!keep.log'\n");
  CHECK(config.source == ".tacit.yaml");
  CHECK(config.version == 1);
  CHECK(config.exclude == std::vector<std::string>{"build/", "*.log", "docs/generated/**", "!keep.log"});
}

TEST_CASE("parse_config: other valid spellings") {
  CHECK(config_ok("version: 1\n").exclude.empty());
  CHECK(config_ok("version: '1'\n").version == 1);
  CHECK(config_ok("version: \"1\"\n").version == 1);
  CHECK(config_ok("version: 1\nexclude: []\n").exclude.empty());
  CHECK(config_ok("version: 1\nexclude:\n").exclude.empty());
  CHECK(config_ok("version: 1\nexclude: ~\n").exclude.empty());
  CHECK(config_ok("version: 1\nexclude: [a/, b/]\n").exclude == std::vector<std::string>{"a/", "b/"});
  CHECK(config_ok("{version: 1, exclude: [x]}\n").exclude == std::vector<std::string>{"x"});
  CHECK(config_ok("exclude: [x]\nversion: 1\n").exclude == std::vector<std::string>{"x"});
  CHECK(config_ok("version: 1\r\nexclude:\r\n  - a/\r\n").exclude == std::vector<std::string>{"a/"});
  CHECK(config_ok("\xEF\xBB\xBFversion: 1\n").version == 1);
  CHECK(config_ok("---\nversion: 1\n...\n").version == 1);
}

TEST_CASE("parse_config: an empty file is the default configuration") {
  for (std::string_view text : {"", "\n\n", "# only a comment\n", "---\n", "~\n"}) {
    const auto config = config_ok(text);
    CHECK(config.version == 1);
    CHECK(config.exclude.empty());
    CHECK(config.source == ".tacit.yaml");
  }
}

TEST_CASE("parse_config: the path is used in errors") {
  auto config = parse_config("version: 2\n", "conf/custom.yaml");
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().path == "conf/custom.yaml");
  CHECK(tacit::to_string(config.error()).starts_with("conf/custom.yaml:1:10: "));
}

TEST_CASE("parse_config: wrong or missing version") {
  auto error = config_error("version: 2\n");
  CHECK(error.line == 1);
  CHECK(error.column == 10);
  CHECK(contains(error.message, "'version' must be 1"));

  error = config_error("exclude: []\nversion: 1.0\n");
  CHECK(error.line == 2);
  CHECK(error.column == 10);

  error = config_error("version: [1]\n");
  CHECK(error.line == 1);
  CHECK(contains(error.message, "'version' must be 1"));

  error = config_error("version:\n");
  CHECK(contains(error.message, "'version' must be 1"));

  error = config_error("exclude:\n  - build/\n");
  CHECK(contains(error.message, "missing 'version: 1'"));
  CHECK(error.line == 1);
  CHECK(error.column == 1);
}

TEST_CASE("parse_config: unknown keys, with did-you-mean and the exact place") {
  auto error = config_error("version: 1\nexclde:\n  - build/\n");
  CHECK(error.line == 2);
  CHECK(error.column == 1);
  CHECK(contains(error.message, "unknown key 'exclde'"));
  CHECK(contains(error.message, "(did you mean 'exclude'?)"));
  CHECK(contains(error.message, "known keys: version, extends, select, ignore, severity, options, per-path, "
                                "exclude, rule-dirs, fail-on, filesets, suppressions, audit"));
  CHECK(tacit::to_string(error) ==
        ".tacit.yaml:2:1: unknown key 'exclde' (did you mean 'exclude'?); known keys: "
        "version, extends, select, ignore, severity, options, per-path, exclude, rule-dirs, fail-on, "
        "filesets, suppressions, audit");

  error = config_error("version: 1\n   versoin: 1\n");
  // Indented differently: YAML may reject this as a parse error, or see a second key; either way it is
  // located on line 2.
  CHECK(error.line == 2);

  error = config_error("Version: 1\n");
  CHECK(contains(error.message, "did you mean 'version'?"));

  error = config_error("version: 1\nrules:\n  CTX001: off\n");
  CHECK(error.line == 2);
  CHECK(error.column == 1);
  CHECK(contains(error.message, "unknown key 'rules'"));
  CHECK_FALSE(contains(error.message, "did you mean"));

  error = config_error("version: 1\nexclude: []\n  \n\n    select: [CTX]\n");
  CHECK(error.line >= 2);

  // Flow mapping: the column points at the key.
  error = config_error("{version: 1, exlcude: [a]}\n");
  CHECK(error.line == 1);
  CHECK(error.column == 14);
  CHECK(contains(error.message, "did you mean 'exclude'?"));
}

TEST_CASE("parse_config: exclude must be a list of non-empty strings") {
  auto error = config_error("version: 1\nexclude: build/\n");
  CHECK(error.line == 2);
  CHECK(error.column == 10);
  CHECK(contains(error.message, "'exclude' must be a list of glob patterns"));

  error = config_error("version: 1\nexclude:\n  build: yes\n");
  CHECK(error.line == 3);
  CHECK(contains(error.message, "must be a list"));

  error = config_error("version: 1\nexclude:\n  - ok/\n  - [nested]\n");
  CHECK(error.line == 4);
  CHECK(error.column == 5);
  CHECK(contains(error.message, "each 'exclude' entry must be a non-empty glob pattern string"));

  error = config_error("version: 1\nexclude:\n  - {a: b}\n");
  CHECK(error.line == 3);
  CHECK(error.column == 5);

  error = config_error("version: 1\nexclude:\n  - ''\n");
  CHECK(error.line == 3);
  CHECK(error.column == 5);

  error = config_error("version: 1\nexclude:\n  -\n");
  CHECK(contains(error.message, "each 'exclude' entry"));
}

TEST_CASE("parse_config: duplicate keys") {
  auto error = config_error("version: 1\nexclude: []\nversion: 1\n");
  CHECK(error.line == 3);
  CHECK(error.column == 1);
  CHECK(contains(error.message, "duplicate key 'version'"));

  error = config_error("version: 1\nexclude: [a]\nexclude: [b]\n");
  CHECK(error.line == 3);
  CHECK(contains(error.message, "duplicate key 'exclude'"));
}

TEST_CASE("parse_config: the document must be a mapping with plain keys") {
  auto error = config_error("- version\n- 1\n");
  CHECK(contains(error.message, "must be a mapping"));
  CHECK(error.line == 1);

  error = config_error("just a string\n");
  CHECK(contains(error.message, "must be a mapping"));

  error = config_error("42\n");
  CHECK(contains(error.message, "must be a mapping"));

  error = config_error("version: 1\n? [a, b]\n: c\n");
  CHECK(contains(error.message, "keys must be plain strings"));
  CHECK(error.line == 2);
}

TEST_CASE("parse_config: invalid YAML gives a located error") {
  auto error = config_error("version: 1\nexclude: [a, b\n");
  CHECK(contains(error.message, "invalid YAML"));
  CHECK(error.line >= 2);
  CHECK(error.column >= 1);

  error = config_error("version: 1\nexclude: {a\n");
  CHECK(contains(error.message, "invalid YAML"));
  CHECK(error.line >= 2);

  error = config_error("version: 1\n\tinvalid: tab\n");
  CHECK(error.line == 2);

  error = config_error("version: 1\nexclude: *missing\n");
  CHECK(contains(error.message, "invalid YAML"));
  CHECK(error.line == 2);

  error = config_error("version: 1\n  exclude: []\n");
  CHECK(error.line == 2);
}

TEST_CASE("parse_config: an unterminated quoted scalar at the end of the file is invalid YAML" *
          doctest::may_fail()) {
  // KNOWN LIMITATION (yaml-cpp 0.7 leniency, surfacing through the adapter): a quoted scalar that is never
  // closed is accepted at the end of the input, and the exclude pattern becomes "unterminated ".
  for (std::string_view text :
       {"version: 1\nexclude:\n  - 'unterminated\n", "version: 1\nexclude:\n  - \"unterminated\n"}) {
    auto config = parse_config(text, ".tacit.yaml");
    INFO(text);
    CHECK_FALSE(config.has_value());
  }
}

TEST_CASE("parse_config: a second YAML document is not silently ignored") {
  // The error points at the `---` that starts the second document.
  auto error = config_error("version: 1\n---\nexclude: [build/]\n");
  CHECK(error.line == 2);
}

TEST_CASE("parse_config: hostile input does not crash or hang") {
  // Deeply nested flow collections.
  for (const auto& [open, close] : {std::pair{"[", "]"}, std::pair{"{a: ", "}"}}) {
    std::string text = "version: 1\nexclude: ";
    for (int i = 0; i < 100000; ++i)
      text += open;
    for (int i = 0; i < 100000; ++i)
      text += close;
    text += "\n";
    config_error(text);
  }
  // Unclosed nesting.
  config_error("version: 1\nexclude: " + std::string(100000, '['));
  // Deeply nested block sequences.
  {
    std::string text = "version: 1\nexclude:\n";
    for (int i = 0; i < 3000; ++i)
      text += std::string(static_cast<std::size_t>(2 * i + 2), ' ') + "-\n";
    config_error(text);
  }
  // "Billion laughs": aliases that fan out. Nodes are shared, so nothing expands.
  {
    std::string text = "version: 1\n"
                       "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    std::string previous = "a";
    for (char name = 'b'; name <= 'j'; ++name) {
      text += std::string(1, name) + ": &" + name + " [";
      for (int i = 0; i < 10; ++i)
        text += (i ? ", *" : "*") + previous;
      text += "]\n";
      previous = std::string(1, name);
    }
    const auto error = config_error(text);
    CHECK(contains(error.message, "unknown key 'a'"));
  }
  {
    std::string text = "version: 1\n"
                       "exclude: &a [x, x, x, x, x, x, x, x, x, x]\n";
    config_ok(text);
  }
  // Binary garbage and NUL bytes.
  (void)parse_config(std::string("version: 1\n\0\x01\x02\xFF\xFE", 16), ".tacit.yaml");
  std::string garbage;
  for (int i = 0; i < 4096; ++i)
    garbage += static_cast<char>((i * 7919) % 256);
  (void)parse_config(garbage, ".tacit.yaml");
  // A very long key.
  config_error("version: 1\n" + std::string(100000, 'k') + ": 1\n");
}

TEST_CASE("parse_config: an exclude entry that matches nothing is an error") {
  // Regression: entries that IgnoreRules reads as a comment or a blank line ("#generated", "   ") are
  // accepted and then exclude nothing, silently. The design: bad values are errors with file:line:column.
  for (std::string_view text :
       {"version: 1\nexclude:\n  - '#generated'\n", "version: 1\nexclude:\n  - '   '\n"}) {
    auto config = parse_config(text, ".tacit.yaml");
    INFO(text);
    REQUIRE_FALSE(config.has_value());
    CHECK(config.error().line == 3);
    CHECK(config.error().column == 5);
  }
}

TEST_CASE("parse_config: input that makes yaml-cpp's LoadAll loop is an error, not a hang") {
  // Regression: yaml-cpp 0.7's LoadAll never returns on a document that starts with ','.
  const auto config = tacit::engine::parse_config(",\nversion: 1\n", ".tacit.yaml");
  CHECK_FALSE(config.has_value());
}
