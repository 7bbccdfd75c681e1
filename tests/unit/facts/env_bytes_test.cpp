// The byte reader of environment reads (src/facts/env_bytes.cpp) against the tree-sitter queries: on files
// mixed at random from fragments of each language (plain reads, reads in comments and strings, forms the
// byte reader leaves to the parser), both must give the same reads, defaults, places and flags. A file the
// byte reader is unsure of goes to the parser, so equality holds either way; the tests also check that the
// plain files are read from the bytes, or the byte reader would be dead code.

#include <tacit/facts/env_reads.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using tacit::doc::Language;
using tacit::facts::env_reads_in;
using tacit::facts::EnvParseNote;
using tacit::facts::EnvReadMode;

namespace {

std::string dump(std::string_view path, std::string_view text, Language language, EnvReadMode mode,
                 EnvParseNote* note = nullptr) {
  std::string out;
  for (const auto& read : env_reads_in(path, text, language, note, nullptr, mode))
    out += fmt::format("{}={}@{}:{}{}{}\n", read.name, read.default_value, read.line, read.column,
                       read.in_test ? " test" : "", read.set_by_code ? " set" : "");
  return out;
}

// Files of 1 to 12 fragments in a random order (fixed seed); both readers must agree on each. Returns how
// many of the files the byte reader read itself.
int compare_mixes(std::string_view path, Language language, std::span<const std::string_view> fragments,
                  int files = 400) {
  std::mt19937 random(20261207);
  int from_bytes = 0;
  for (int i = 0; i < files; ++i) {
    std::string text;
    const auto count = 1 + random() % 12;
    for (unsigned k = 0; k < count; ++k)
      text += fragments[random() % fragments.size()];
    EnvParseNote note;
    const auto bytes = dump(path, text, language, EnvReadMode::bytes_first, &note);
    const auto parsed = dump(path, text, language, EnvReadMode::parse_only);
    INFO("file:\n", text);
    CHECK(bytes == parsed);
    from_bytes += note.from_bytes ? 1 : 0;
  }
  return from_bytes;
}

constexpr std::string_view k_python[] = {
    "import os\n",
    "a = os.environ['PY_A']\n",
    "b = os.environ.get(\"PY_B\", 'dflt')\n",
    "c = os.getenv('PY_C', default=3)\n",
    "d = os.environ.get('PY_D')\n",
    "e = getenv(\"PY_E\")\n",
    "f = environ[\"PY_F\"]\n",
    "# os.environ['PY_COMMENT'] and don't\n",
    "s = \"os.environ['PY_STRING']\"\n",
    "\"\"\"Docs: os.environ.get('PY_DOC')\n  it's here\n\"\"\"\n",
    "t = f'{os.environ[\"PY_FSTRING\"]}'\n",
    "env = os.environ\n",
    "copy = os.environ.copy()\n",
    "environment = 'x'\n",
    "g = os.environ.get(\n    'PY_G',\n    'multi',\n)\n",
    "h = os.getenv('PY_H' 'PY_I')\n",
    "k = x.environ['PY_K']\n",
    "l = os.environ.get('PY_L', lambda a, b: a)\n",
    "os.environ.setdefault('PY_M', 'x')\n",
    "os.environ['PY_N'] = '1'\n",
    "o = os.getenv(name)\n",
    "p = os.environ.get('PY_P', os.environ.get('PY_Q', 'z'))\n",
    "q = os.environ ['PY_SPACED']\n",
    "r = os.getenv(  # why\n    'PY_R')\n",
    "u = os . environ['PY_U']\n",
    "v = r'''raw os.getenv(\"PY_RAW\")'''\n",
    "w = os.environ.get('PY_W', [1, 2])\n",
    "def f(x='os.getenv(\"PY_DEFAULT_ARG\")'):\n    return os.getenv('PY_IN_DEF')\n",
    "x = {'k': os.environ['PY_DICT']}\n",
    "y = os.environ.get('PY_Y', \"a, b\")\n",
};

constexpr std::string_view k_javascript[] = {
    "const a = process.env.JS_A;\n",
    "const b = process.env['JS_B'];\n",
    "const c = process.env.JS_C || 'dflt';\n",
    "const d = process.env.JS_D ?? 3000;\n",
    "const { JS_E, JS_F = 'f' } = process.env;\n",
    "const g = import.meta.env.VITE_G;\n",
    "const h = Deno.env.get('JS_H');\n",
    "// process.env.JS_COMMENT isn't read\n",
    "/* process.env.JS_BLOCK */\n",
    "const s = 'process.env.JS_STRING';\n",
    "const t = `${process.env.JS_TEMPLATE} and ${x}`;\n",
    "const u = `text process.env.JS_TEXT`;\n",
    "const env = process.env;\n",
    "const v = { ...process.env };\n",
    "const w = x || process.env.JS_W || 'late';\n",
    "const y = !process.env.JS_Y || 'no';\n",
    "const z = process.env.JS_Z\n  || 'next line';\n",
    "process.env.JS_SET = '1';\n",
    "delete process.env.JS_DELETED;\n",
    "const aa = process.env[`JS_TICK`];\n",
    "const bb = process.env[name];\n",
    "const cc = globalThis.process.env.JS_GLOBAL;\n",
    "const dd = process.env.JS_DD?.trim();\n",
    "const ee = process.env.JS_EE === 'x' || 'y';\n",
    "f(process.env.JS_ARG, process.env.JS_ARG2 || \"b\");\n",
    "const re = /['\"]/g; const ff = process.env.JS_AFTER_REGEX;\n",
    "const gg = cond ? process.env.JS_GG || 'c' : 'd';\n",
    "const hh = process.env.JS_HH /* note */ || 'commented';\n",
    "return process.env.JS_RET ?? null;\n",
};

constexpr std::string_view k_go[] = {
    "package main\n",
    "import \"os\"\n",
    "var a = os.Getenv(\"GO_A\")\n",
    "v, ok := os.LookupEnv(`GO_B`)\n",
    "// os.Getenv(\"GO_COMMENT\") isn't\n",
    "/* os.Getenv(\"GO_BLOCK\") */\n",
    "s := \"os.Getenv(\\\"GO_STRING\\\")\"\n",
    "r := `raw\nos.Getenv(\"GO_RAW\")\n`\n",
    "c := os.Getenv(key)\n",
    "d := x.Getenv(\"GO_D\")\n",
    "e := os.Getenv(\"GO_E\" + suffix)\n",
    "f := os.Getenv(\n\t\"GO_F\",\n)\n",
    "g := myos.Getenv(\"GO_G\")\n",
    "h := os.Getenv( /* c */ \"GO_H\")\n",
    "ch := 'x'\n",
    "func Getenv(k string) string { return \"\" }\n",
    "env := os.Environ()\n",
    "os.Setenv(\"GO_SET\", \"1\"); i := os.Getenv(\"GO_SET\")\n",
};

constexpr std::string_view k_rust[] = {
    "use std::env;\n",
    "let a = std::env::var(\"RS_A\");\n",
    "let b = env::var_os(\"RS_B\");\n",
    "let c = env!(\"RS_C\");\n",
    "let d = option_env!(\"RS_D\");\n",
    "let e = env::var(\"RS_E\").unwrap_or(\"e\");\n",
    "let f = env::var(\"RS_F\").unwrap_or(\"f\".to_string());\n",
    "let g = env::var(\"RS_G\")\n    .unwrap_or_default();\n",
    "// env::var(\"RS_COMMENT\") isn't\n",
    "/* outer /* env::var(\"RS_NESTED\") */ still */\n",
    "let s = \"env::var(\\\"RS_STRING\\\")\";\n",
    "let r = r#\"env::var(\"RS_RAW\")\"#;\n",
    "println!(\"{:?}\", env::var(\"RS_IN_MACRO\"));\n",
    "let h = env::var(key);\n",
    "let i = myenv::var(\"RS_I\");\n",
    "let j = env::vars();\n",
    "fn f<'a>(x: &'a str) -> char { 'x' }\n",
    "let k = ::std::env::var(\"RS_K\");\n",
    "let l = env::var(\n    \"RS_L\",\n);\n",
    "if env != x { }\n",
    "macro_rules! m { () => { env::var(\"RS_MACRO_RULES\") } }\n",
    "let multi = \"line one\nline two env::var(\\\"RS_MULTI\\\")\";\n",
};

constexpr std::string_view k_java[] = {
    "class A {\n",
    "  String a = System.getenv(\"J_A\");\n",
    "  String b = System.getenv().get(\"J_B\");\n",
    "  String c = System.getenv().getOrDefault(\"J_C\", \"c\");\n",
    "  // System.getenv(\"J_COMMENT\") isn't\n",
    "  /* System.getenv(\"J_BLOCK\") */\n",
    "  String s = \"System.getenv(\\\"J_STRING\\\")\";\n",
    "  String t = \"\"\"\n    System.getenv(\"J_TEXT_BLOCK\")\n    \"\"\";\n",
    "  Map<String, String> env = System.getenv();\n",
    "  String d = System.getenv(name);\n",
    "  String e = java.lang.System.getenv(\"J_E\");\n",
    "  String f = System.getenv(\"J_F\" + x);\n",
    "  String g = System.getenv().getOrDefault(\"J_G\", compute(a, b));\n",
    "  char ch = '\"';\n",
    "}\n",
};

constexpr std::string_view k_cpp[] = {
    "#include <cstdlib>\n",
    "auto a = std::getenv(\"C_A\");\n",
    "auto b = getenv(\"C_B\");\n",
    "auto c = secure_getenv(\"C_C\");\n",
    "auto d = ::getenv(\"C_D\");\n",
    "// getenv(\"C_COMMENT\") isn't\n",
    "/* getenv(\"C_BLOCK\") */\n",
    "auto s = \"getenv(\\\"C_STRING\\\")\";\n",
    "auto r = R\"(getenv(\"C_RAW\"))\";\n",
    "#define HOME_DIR getenv(\"C_MACRO\")\n",
    "auto e = getenv(name);\n",
    "auto f = obj.getenv(\"C_F\");\n",
    "auto g = my_getenv(\"C_G\");\n",
    "auto h = getenv(\"C_H\" \"C_I\");\n",
    "char q = '\"';\n",
    "extern char* getenv(const char* name);\n",
    "auto i = getenv(L\"C_WIDE\");\n",
};

constexpr std::string_view k_bash[] = {
    "#!/bin/sh\n",
    "echo \"${REGISTRY:-docker.io}\"\n",
    "echo \"${TOKEN:?set TOKEN}\"\n",
    "echo \"${PLAIN}\" \"$ALSO_PLAIN\"\n",
    "OWN=1\n",
    "echo \"${OWN:-x}\"\n",
    "echo \"${DASH-fallback}\" \"${ASSIGN:=set}\" \"${Q?missing}\"\n",
    "echo \"${NESTED:-${INNER:-deep}}\"\n",
    "for LOOP in a b; do echo \"${LOOP:-y}\"; done\n",
    "read -r ANSWER; echo \"${ANSWER:-z}\"\n",
    "cat <<EOF\n${HEREDOC:-h}\nEOF\n",
    "echo \"${#LENGTH}\" \"${ARR[0]:-a}\"\n",
};

} // namespace

TEST_CASE("env reads from the bytes equal the parsed reads in Python") {
  CHECK(compare_mixes("app/settings.py", Language::Python, k_python) > 20);
  CHECK(compare_mixes("tests/test_settings.py", Language::Python, k_python, 100) > 5);
}

TEST_CASE("env reads from the bytes equal the parsed reads in JavaScript and TypeScript") {
  CHECK(compare_mixes("src/config.js", Language::JavaScript, k_javascript) > 20);
  CHECK(compare_mixes("src/config.ts", Language::TypeScript, k_javascript, 200) > 10);
  CHECK(compare_mixes("src/config.tsx", Language::Tsx, k_javascript, 100) > 5);
}

TEST_CASE("env reads from the bytes equal the parsed reads in Go, Rust, Java, C and C++") {
  CHECK(compare_mixes("cmd/main.go", Language::Go, k_go) > 20);
  CHECK(compare_mixes("src/main.rs", Language::Rust, k_rust) > 20);
  CHECK(compare_mixes("src/Main.java", Language::Java, k_java) > 20);
  CHECK(compare_mixes("src/main.cpp", Language::Cpp, k_cpp) > 20);
  CHECK(compare_mixes("src/main.c", Language::C, k_cpp, 200) >= 0);
}

TEST_CASE("the walk of a shell script finds what the shell query finds") {
  compare_mixes("scripts/release.sh", Language::Bash, k_bash);
}

TEST_CASE("a file in plain forms is read from the bytes and one with a doubtful hit is parsed") {
  EnvParseNote note;
  CHECK(dump("cmd/main.go", "package main\nvar a = os.Getenv(\"GO_A\") // os.Getenv(\"NOT\")\n", Language::Go,
             EnvReadMode::bytes_first, &note) == "GO_A=@2:19\n");
  CHECK(note.from_bytes);
  // A hit in a block comment: the parser decides (it finds nothing there either).
  note = {};
  CHECK(dump("cmd/main.go", "package main\n/* os.Getenv(\"NOT\") */\nvar a = os.Getenv(\"GO_A\")\n",
             Language::Go, EnvReadMode::bytes_first, &note) == "GO_A=@3:19\n");
  CHECK_FALSE(note.from_bytes);
  // A template literal's substitution is code; a hit in its text is left to the parser.
  note = {};
  CHECK(dump("src/a.js", "const a = `${process.env.IN_SUB} text`;\n", Language::JavaScript,
             EnvReadMode::bytes_first, &note) == "IN_SUB=@1:26\n");
  CHECK(note.from_bytes);
  note = {};
  CHECK(dump("src/a.js", "const a = `${process.env.IN_SUB} process.env.IN_TEXT`;\n", Language::JavaScript,
             EnvReadMode::bytes_first, &note) == "IN_SUB=@1:26\n");
  CHECK_FALSE(note.from_bytes);
  // A read inside a Rust macro's arguments is tokens to the grammar: no read either way, and the bytes
  // leave it to the parser.
  note = {};
  CHECK(dump("src/main.rs", "fn main() { println!(\"{:?}\", std::env::var(\"IN_MACRO\")); }\n",
             Language::Rust, EnvReadMode::bytes_first, &note) == "");
  CHECK_FALSE(note.from_bytes);
}
