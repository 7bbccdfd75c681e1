#include <tacit/facts/env_reads.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

using tacit::doc::Language;
using tacit::facts::env_reads_in;

namespace {

// "NAME=default@line" for each read, in order.
std::string reads(std::string_view path, std::string_view text, Language language) {
  std::string out;
  for (const auto& read : env_reads_in(path, text, language))
    out += fmt::format("{}{}={}@{}{}", out.empty() ? "" : " | ", read.name, read.default_value, read.line,
                       read.in_test ? " test" : "");
  return out;
}

} // namespace

TEST_CASE("every embedded env query compiles against its grammars") {
  CHECK(tacit::util::join(tacit::facts::env_query_errors(), "; ") == "");
}

TEST_CASE("env reads in Python, with defaults") {
  const auto text = "import os\nfrom os import environ, getenv\n"
                    "a = os.environ['DB_URL']\n"
                    "b = os.environ.get(\"CACHE_TTL\", \"300\")\n"
                    "c = os.getenv('PORT', 8080)\n"
                    "d = environ.get('MODE')\n"
                    "e = getenv('REGION')\n"
                    "f = os.environ[name]\n"
                    "g = other.environ['NOT_OS']\n"
                    "h = f'{os.environ}'\n";
  CHECK(reads("app/settings.py", text, Language::Python) ==
        "DB_URL=@3 | CACHE_TTL=\"300\"@4 | PORT=8080@5 | MODE=@6 | REGION=@7");
}

TEST_CASE("env reads in a Python test file are marked as test reads") {
  CHECK(reads("tests/test_api.py", "import os\nURL = os.environ.get('API_URL')\n", Language::Python) ==
        "API_URL=@2 test");
}

TEST_CASE("env reads in JavaScript and TypeScript") {
  const auto text = "const a = process.env.API_KEY;\n"
                    "const b = process.env['SECRET'] \n"
                    "const port = process.env.PORT || 3000;\n"
                    "const { REGION, ZONE = 'z1' } = process.env;\n"
                    "const v = import.meta.env.VITE_URL;\n"
                    "const d = Deno.env.get('DENO_X');\n"
                    "const s = 'process.env.NOT_A_READ';\n";
  const std::string expected =
      "API_KEY=@1 | SECRET=@2 | PORT=3000@3 | REGION=@4 | ZONE='z1'@4 | VITE_URL=@5 | DENO_X=@6";
  CHECK(reads("src/config.js", text, Language::JavaScript) == expected);
  CHECK(reads("src/config.ts", text, Language::TypeScript) == expected);
  CHECK(reads("src/config.tsx", text, Language::Tsx) == expected);
}

TEST_CASE("env reads in Go, Rust, Java, C and C++") {
  CHECK(reads("cmd/main.go",
              "package main\nimport \"os\"\nfunc main() {\n\tv := os.Getenv(\"GO_X\")\n\t_, ok := "
              "os.LookupEnv(`GO_Y`)\n\tw := os.Getenv(name)\n}\n",
              Language::Go) == "GO_X=@4 | GO_Y=@5");
  CHECK(reads("src/main.rs",
              "fn main() {\n let a = std::env::var(\"RS_A\");\n let b = env::var_os(\"RS_B\");\n let c = "
              "env!(\"RS_C\");\n let d = option_env!(\"RS_D\");\n let e = "
              "env::var(\"RS_E\").unwrap_or(\"e\");\n}\n",
              Language::Rust) == "RS_A=@2 | RS_B=@3 | RS_C=@4 | RS_D=@5 | RS_E=\"e\"@6");
  CHECK(reads("src/Main.java",
              "class Main { void f() { String a = System.getenv(\"J_A\"); String b = "
              "System.getenv().getOrDefault(\"J_B\", \"b\"); } }\n",
              Language::Java) == "J_A=@1 | J_B=\"b\"@1");
  CHECK(reads("src/main.c", "#include <stdlib.h>\nint main() { char* a = getenv(\"C_A\"); return 0; }\n",
              Language::C) == "C_A=@2");
  CHECK(reads("src/main.cpp",
              "#include <cstdlib>\nint main() { auto a = std::getenv(\"CPP_A\"); auto b = getenv(\"CPP_B\"); "
              "}\n",
              Language::Cpp) == "CPP_A=@2 | CPP_B=@2");
}

TEST_CASE("env reads in shell scripts leave out the script's own variables") {
  const auto text = "#!/bin/sh\nOWN=1\nfor LOOP in a b; do :; done\nread -r ANSWER\n"
                    "echo \"${OWN:-x} ${LOOP:-y} ${ANSWER:-z}\"\n"
                    "echo \"${REGISTRY:-docker.io}\" \"${TOKEN:?set TOKEN}\" \"$PLAIN\"\n";
  CHECK(reads("scripts/release.sh", text, Language::Bash) == "REGISTRY=docker.io@6 | TOKEN=@6");
}

TEST_CASE("the env prefilter and the languages by extension") {
  CHECK(tacit::facts::may_read_env(Language::Go, "x := os.Getenv(\"A\")"));
  CHECK_FALSE(tacit::facts::may_read_env(Language::Go, "package main"));
  CHECK(tacit::facts::env_read_language("a/b.tsx") == Language::Tsx);
  CHECK_FALSE(tacit::facts::env_read_language("dist/app.min.js"));
  CHECK_FALSE(tacit::facts::env_read_language("README.md"));
}

TEST_CASE("well-known env vars by name and by prefix") {
  CHECK(tacit::facts::is_well_known_env_var("PATH"));
  CHECK(tacit::facts::is_well_known_env_var("GITHUB_TOKEN"));
  CHECK(tacit::facts::is_well_known_env_var("XDG_CONFIG_HOME"));
  CHECK_FALSE(tacit::facts::is_well_known_env_var("DATABASE_URL"));
  CHECK_FALSE(tacit::facts::is_well_known_env_var("PATHS"));
}

TEST_CASE("an env read that the same file sets is set by the code") {
  const auto reads_of = [](std::string_view path, std::string_view text, Language language) {
    std::string out;
    for (const auto& read : env_reads_in(path, text, language))
      out += fmt::format("{}{}:{}", out.empty() ? "" : " ", read.name, read.set_by_code ? "set" : "read");
    return out;
  };
  CHECK(reads_of(
            "pkg/run_test.go",
            "package pkg\nimport \"os\"\nfunc helper() { if os.Getenv(\"WANT_HELPER\") != \"1\" { return } "
            "}\nfunc run() { cmd.Env = append(os.Environ(), \"WANT_HELPER=1\") }\nfunc other() { "
            "os.Getenv(\"REAL_ONE\") }\n",
            Language::Go) == "WANT_HELPER:set REAL_ONE:read");
  CHECK(
      reads_of(
          "tests/test_x.py",
          "import os\ndef test(monkeypatch):\n    monkeypatch.setenv('A_VAR', '1')\n    assert "
          "os.environ['A_VAR']\n    os.environ[\"B_VAR\"] = \"2\"\n    os.getenv('B_VAR')\n    "
          "env = {\"C_VAR\": \"3\"}\n    os.getenv('C_VAR')\n    os.getenv('D_VAR') == os.getenv('E_VAR')\n",
          Language::Python) == "A_VAR:set B_VAR:set B_VAR:set C_VAR:set D_VAR:read E_VAR:read");
  CHECK(reads_of("src/a.js",
                 "process.env.JS_SET = '1';\nconst a = process.env.JS_SET;\nconst b = process.env.JS_READ "
                 "=== 'x';\n",
                 Language::JavaScript) == "JS_SET:set JS_SET:set JS_READ:read");
  CHECK(
      reads_of("src/b.test.ts",
               "vi.stubEnv('STUBBED', '1');\ndelete process.env['DELETED'];\nconst a = process.env.STUBBED;\n"
               "const b = process.env['DELETED'];\n",
               Language::TypeScript) == "DELETED:set STUBBED:set DELETED:set");
}

namespace {

// `count` functions of filler code in `language`'s syntax, to make a file large enough for its windows.
std::string filler_code(Language language, int count) {
  std::string out;
  for (int i = 0; i < count; ++i)
    out += language == Language::Python
               ? fmt::format("def f{}(a, b):\n    c = [a, b]\n    return c\n\n", i)
               : fmt::format("func f{}(a, b int) int {{\n\tc := []int{{a, b}}\n\treturn c[0]\n}}\n\n", i);
  return out;
}

// The reads as "NAME=default@line:column", and how the file was parsed.
std::string reads_noted(std::string_view path, std::string_view text, Language language,
                        tacit::facts::EnvParseNote& note) {
  std::string out;
  // The parse (these tests are about its windows); env_bytes_test.cpp compares it with the byte reader.
  for (const auto& read :
       env_reads_in(path, text, language, &note, nullptr, tacit::facts::EnvReadMode::parse_only))
    out += fmt::format("{}{}={}@{}:{}", out.empty() ? "" : " | ", read.name, read.default_value, read.line,
                       read.column);
  return out;
}

// "line:column" (1-based) of the first `needle` in `text` after `from` (the position a read reports).
std::string read_position(std::string_view text, std::string_view needle, std::string_view from = "") {
  const auto at = text.find(needle, from.empty() ? 0 : text.find(from));
  const auto line_start = text.rfind('\n', at);
  return fmt::format("{}:{}",
                     std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1,
                     at - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1);
}

} // namespace

TEST_CASE("env reads parsed in windows around the hits keep the file's own line and column") {
  // A Go raw string ends at its backquote whatever precedes it (a window after it starts in code).
  const auto text =
      "package main\n\nimport \"os\"\n\nvar dir = `C:\\windows\\`\n\n" + filler_code(Language::Go, 40) +
      "func config() string {\n\tif v := os.Getenv(\"APP_HOME\"); v != \"\" {\n\t\treturn v\n\t}\n"
      "\treturn \"\"\n}\n\n" +
      filler_code(Language::Go, 40) + "var port = os.Getenv(\"APP_PORT\")\n";
  tacit::facts::EnvParseNote note;
  CHECK(reads_noted("main.go", text, Language::Go, note) == fmt::format("APP_HOME=@{} | APP_PORT=@{}",
                                                                        read_position(text, "\"APP_HOME"),
                                                                        read_position(text, "\"APP_PORT")));
  CHECK(note.in_regions);
  CHECK_FALSE(note.reparsed);
}

TEST_CASE("a window that does not parse cleanly at a hit makes the whole file parse") {
  // The keyed fields of a composite literal longer than a window: cut from their literal, they do not parse.
  std::string fields;
  for (int i = 0; i < 80; ++i)
    fields += fmt::format("\t\tField{}: {},\n", i, i);
  const auto text = "package main\n\nimport \"os\"\n\n" + filler_code(Language::Go, 30) +
                    "func options() Options {\n\treturn Options{\n" + fields +
                    "\t\tNoPivot: os.Getenv(\"APP_RAMDISK\") != \"\",\n" + fields + "\t}\n}\n" +
                    filler_code(Language::Go, 30);
  tacit::facts::EnvParseNote note;
  CHECK(reads_noted("main.go", text, Language::Go, note) ==
        "APP_RAMDISK=@" + read_position(text, "\"APP_RAMDISK"));
  CHECK(note.reparsed);
  CHECK_FALSE(note.in_regions);
}

TEST_CASE("a hit inside a string over many lines is not read from a window") {
  // A window starting in the template literal would read its text as code (and find a read there).
  std::string lines;
  for (int i = 0; i < 30; ++i)
    lines += fmt::format("  const v{} = [{}];\n", i, i);
  std::string code;
  for (int i = 0; i < 80; ++i)
    code += fmt::format("export function f{}(a) {{\n  return [a, {}];\n}}\n", i, i);
  const auto script = code + "const script = `\n" + lines + "  const home = process.env.SCRIPT_HOME;\n" +
                      lines + "`;\n" + code + "export const real = process.env.REAL_HOME;\n";
  tacit::facts::EnvParseNote note;
  CHECK(reads_noted("src/run.js", script, Language::JavaScript, note) ==
        "REAL_HOME=@" + read_position(script, "REAL_HOME"));
  CHECK_FALSE(note.in_regions);
  // The same in a Python docstring.
  std::string doc;
  for (int i = 0; i < 30; ++i)
    doc += fmt::format("    line {} of the docs (a, b)\n", i);
  const auto python =
      filler_code(Language::Python, 60) + "def g():\n    \"\"\"\n" + doc + "    os.environ['DOC_EXAMPLE']\n" +
      doc + "    \"\"\"\n    return os.environ.get('REAL_ONE', 'd')\n" + filler_code(Language::Python, 60);
  CHECK(reads_noted("app/g.py", python, Language::Python, note) ==
        "REAL_ONE='d'@" + read_position(python, "'REAL_ONE"));
}

TEST_CASE("for_each_setting_name gives the setting names among a text's words, the upper-case tails too") {
  const auto names = [](std::string_view text) {
    std::vector<std::string> out;
    tacit::facts::for_each_setting_name(text, [&](std::string_view name) { out.emplace_back(name); });
    return tacit::util::join(out, " ");
  };
  CHECK(names("os.Getenv(\"API_KEY\") HandleRequest(ctx) %[1]sGH_PAGER%[1]s") == "API_KEY GH_PAGER");
  CHECK(names("A1 X Xfoo_BAR foo_BAR fooBAR HTTPServer _FOO 9ABC ABC_ Q") == "A1 BAR ABC_");
  CHECK(names("") == "");
  CHECK(names("NO_COLOR") == "NO_COLOR");
  // Whatever the text, the names are the words (or tails) that is_setting_name accepts, in order: checked
  // against a plain walk over every word on text made of the bytes that matter.
  const std::string alphabet = "AZaz09_ .%B";
  std::uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const auto length = (state = state * 1103515245 + 12345) >> 26;
    for (std::uint32_t i = 0; i < length; ++i)
      text += alphabet[((state = state * 1103515245 + 12345) >> 16) % alphabet.size()];
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < text.size();) {
      const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
      if (!word(text[i])) {
        ++i;
        continue;
      }
      auto end = i;
      while (end < text.size() && word(text[end]))
        ++end;
      std::string_view token(text.data() + i, end - i);
      std::size_t lower = 0;
      while (lower < token.size() && std::islower(static_cast<unsigned char>(token[lower])))
        ++lower;
      const bool whole = std::isupper(static_cast<unsigned char>(token.front()));
      const bool tail =
          lower > 0 && lower < token.size() && std::isupper(static_cast<unsigned char>(token[lower]));
      if (tail)
        token.remove_prefix(lower);
      if ((whole || tail) && tacit::facts::is_setting_name(token))
        expected.emplace_back(token);
      i = end;
    }
    CHECK_MESSAGE(names(text) == tacit::util::join(expected, " "), text);
  }
}
