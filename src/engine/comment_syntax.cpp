// Which comments a file can hold, by file name then extension. This is data: add a row to teach tacit a
// language. JSON and other formats without comments have no row, so nothing in them is a suppression. Docs
// and configuration (where findings point) are read in every in-scope file; source code only where a
// finding points, since reading every source file would cost as much as the rest of the run.

#include <tacit/engine/suppressions.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

namespace tacit::engine {

namespace {

using namespace std::string_view_literals;

constexpr std::array k_hash{"#"sv};
constexpr std::array k_slashes{"//"sv};
constexpr std::array k_dashes{"--"sv};
constexpr std::array k_semicolon{";"sv};
constexpr std::array k_percent{"%"sv};
constexpr std::array k_rst{".."sv};
constexpr std::array k_ini{"#"sv, ";"sv};
constexpr std::array k_php{"//"sv, "#"sv};
constexpr std::array k_batch{"::"sv, "REM"sv, "rem"sv};
constexpr std::array k_html_open{"<!--"sv};
constexpr std::array k_html_close{"-->"sv};
constexpr std::array k_c_open{"/*"sv};
constexpr std::array k_c_close{"*/"sv};
constexpr std::array k_web_open{"/*"sv, "<!--"sv};
constexpr std::array k_web_close{"*/"sv, "-->"sv};
constexpr std::array k_haskell_open{"{-"sv};
constexpr std::array k_haskell_close{"-}"sv};
constexpr std::array k_ml_open{"(*"sv};
constexpr std::array k_ml_close{"*)"sv};

// Docs and configuration: read in every in-scope file.
const CommentSyntax k_markdown{"markdown", {}, k_html_open, k_html_close, true};
const CommentSyntax k_html{"html", {}, k_html_open, k_html_close};
const CommentSyntax k_hash_syntax{"hash", k_hash, {}, {}};
const CommentSyntax k_c_config{"c", k_slashes, k_c_open, k_c_close};
const CommentSyntax k_ini_syntax{"ini", k_ini, {}, {}};
const CommentSyntax k_tex{"percent", k_percent, {}, {}};
const CommentSyntax k_rst_syntax{"rst", k_rst, {}, {}};
const CommentSyntax k_asciidoc{"asciidoc", k_slashes, {}, {}};
// Source code: read only where a finding points (see CommentSyntax::code).
const CommentSyntax k_hash_code{"hash", k_hash, {}, {}, false, true};
const CommentSyntax k_c{"c", k_slashes, k_c_open, k_c_close, false, true};
const CommentSyntax k_css{"css", {}, k_c_open, k_c_close, false, true};
const CommentSyntax k_web{"web", k_slashes, k_web_open, k_web_close, false, true};
const CommentSyntax k_sql{"sql", k_dashes, k_c_open, k_c_close, false, true};
const CommentSyntax k_dash{"dash", k_dashes, k_haskell_open, k_haskell_close, false, true};
const CommentSyntax k_lisp{"semicolon", k_semicolon, {}, {}, false, true};
const CommentSyntax k_erlang{"percent", k_percent, {}, {}, false, true};
const CommentSyntax k_php_syntax{"php", k_php, k_c_open, k_c_close, false, true};
const CommentSyntax k_ml{"ml", {}, k_ml_open, k_ml_close, false, true};
const CommentSyntax k_batch_syntax{"batch", k_batch, {}, {}, false, true};

struct Row {
  std::string_view key;
  const CommentSyntax* syntax;
};

// Whole file names (case-sensitive), checked before extensions.
constexpr Row k_names[] = {
    {"Makefile", &k_hash_syntax},
    {"makefile", &k_hash_syntax},
    {"GNUmakefile", &k_hash_syntax},
    {"Dockerfile", &k_hash_syntax},
    {"Containerfile", &k_hash_syntax},
    {"Justfile", &k_hash_syntax},
    {"justfile", &k_hash_syntax},
    {".justfile", &k_hash_syntax},
    {"Rakefile", &k_hash_syntax},
    {"Gemfile", &k_hash_syntax},
    {"Vagrantfile", &k_hash_syntax},
    {"Brewfile", &k_hash_syntax},
    {"Pipfile", &k_hash_syntax},
    {"Procfile", &k_hash_syntax},
    {"BUILD", &k_hash_syntax},
    {"WORKSPACE", &k_hash_syntax},
    {"CODEOWNERS", &k_hash_syntax},
    {"CMakeLists.txt", &k_hash_syntax},
    {"meson_options.txt", &k_hash_syntax},
    {"requirements.txt", &k_hash_syntax},
    {".gitignore", &k_hash_syntax},
    {".gitattributes", &k_hash_syntax},
    {".dockerignore", &k_hash_syntax},
    {".env", &k_hash_syntax},
    {".editorconfig", &k_ini_syntax},
    {".npmrc", &k_ini_syntax},
    {".gitmodules", &k_ini_syntax},
    {"Jenkinsfile", &k_c_config},
    {".cursorrules", &k_markdown},
    {".windsurfrules", &k_markdown},
    {".clinerules", &k_markdown},
    {".clang-format", &k_hash_syntax},
    {"_clang-format", &k_hash_syntax},
    {".clang-tidy", &k_hash_syntax},
    {".yamllint", &k_hash_syntax},
    {".bazelrc", &k_hash_syntax},
    {".shellcheckrc", &k_hash_syntax},
    {".tool-versions", &k_hash_syntax},
    {".yarnrc", &k_hash_syntax},
    {".flake8", &k_ini_syntax},
    {".pylintrc", &k_ini_syntax},
    {".coveragerc", &k_ini_syntax},
    {".codespellrc", &k_ini_syntax},
    {"pylintrc", &k_ini_syntax},
    {".gitconfig", &k_ini_syntax},
};

// Extensions, lower case.
constexpr Row k_extensions[] = {
    // Markdown and the HTML family.
    {"md", &k_markdown},
    {"markdown", &k_markdown},
    {"mdx", &k_markdown},
    {"mdown", &k_markdown},
    {"mkd", &k_markdown},
    {"mkdn", &k_markdown},
    {"mdc", &k_markdown},
    {"qmd", &k_markdown},
    {"rmd", &k_markdown},
    {"html", &k_html},
    {"htm", &k_html},
    {"xhtml", &k_html},
    {"xml", &k_html},
    {"svg", &k_html},
    {"xsd", &k_html},
    {"xsl", &k_html},
    {"xslt", &k_html},
    {"plist", &k_html},
    {"csproj", &k_html},
    {"vbproj", &k_html},
    {"fsproj", &k_html},
    {"props", &k_html},
    {"targets", &k_html},
    {"vue", &k_web},
    {"svelte", &k_web},
    {"astro", &k_web},
    // '#' line comments.
    {"py", &k_hash_code},
    {"pyi", &k_hash_code},
    {"pyw", &k_hash_code},
    {"pyx", &k_hash_code},
    {"pxd", &k_hash_code},
    {"rb", &k_hash_code},
    {"rake", &k_hash_code},
    {"gemspec", &k_hash_code},
    {"sh", &k_hash_code},
    {"bash", &k_hash_code},
    {"zsh", &k_hash_code},
    {"ksh", &k_hash_code},
    {"fish", &k_hash_code},
    {"bats", &k_hash_code},
    {"yaml", &k_hash_syntax},
    {"yml", &k_hash_syntax},
    {"toml", &k_hash_syntax},
    {"conf", &k_hash_syntax},
    {"pl", &k_hash_code},
    {"pm", &k_hash_code},
    {"r", &k_hash_code},
    {"tf", &k_hash_syntax},
    {"tfvars", &k_hash_syntax},
    {"hcl", &k_hash_syntax},
    {"nix", &k_hash_syntax},
    {"cmake", &k_hash_syntax},
    {"mk", &k_hash_syntax},
    {"mak", &k_hash_syntax},
    {"just", &k_hash_syntax},
    {"ps1", &k_hash_code},
    {"psm1", &k_hash_code},
    {"ex", &k_hash_code},
    {"exs", &k_hash_code},
    {"jl", &k_hash_code},
    {"cr", &k_hash_code},
    {"coffee", &k_hash_code},
    {"tcl", &k_hash_code},
    {"awk", &k_hash_code},
    {"nim", &k_hash_code},
    {"bzl", &k_hash_syntax},
    {"bazel", &k_hash_syntax},
    {"star", &k_hash_syntax},
    {"gn", &k_hash_syntax},
    {"gni", &k_hash_syntax},
    {"ninja", &k_hash_syntax},
    {"properties", &k_hash_syntax},
    {"dockerfile", &k_hash_syntax},
    {"graphql", &k_hash_code},
    {"gql", &k_hash_code},
    {"pp", &k_hash_syntax},
    {"build", &k_hash_syntax},
    // '//' and '/* */'.
    {"c", &k_c},
    {"h", &k_c},
    {"cc", &k_c},
    {"cpp", &k_c},
    {"cxx", &k_c},
    {"c++", &k_c},
    {"hpp", &k_c},
    {"hh", &k_c},
    {"hxx", &k_c},
    {"h++", &k_c},
    {"inl", &k_c},
    {"ipp", &k_c},
    {"tpp", &k_c},
    {"cu", &k_c},
    {"cuh", &k_c},
    {"cs", &k_c},
    {"java", &k_c},
    {"kt", &k_c},
    {"kts", &k_c},
    {"scala", &k_c},
    {"sc", &k_c},
    {"groovy", &k_c},
    {"gradle", &k_c_config},
    {"swift", &k_c},
    {"go", &k_c},
    {"rs", &k_c},
    {"js", &k_c},
    {"mjs", &k_c},
    {"cjs", &k_c},
    {"jsx", &k_c},
    {"ts", &k_c},
    {"tsx", &k_c},
    {"mts", &k_c},
    {"cts", &k_c},
    {"dart", &k_c},
    {"proto", &k_c},
    {"sol", &k_c},
    {"zig", &k_c},
    {"d", &k_c},
    {"m", &k_c},
    {"mm", &k_c},
    {"sv", &k_c},
    {"svh", &k_c},
    {"vh", &k_c},
    {"glsl", &k_c},
    {"hlsl", &k_c},
    {"jsonc", &k_c_config},
    {"json5", &k_c_config},
    {"fs", &k_c},
    {"fsx", &k_c},
    {"fsi", &k_c},
    {"scss", &k_c},
    {"less", &k_c},
    {"vala", &k_c},
    {"hx", &k_c},
    {"ino", &k_c},
    {"css", &k_css},
    {"php", &k_php_syntax},
    // '--', ';', '%' and the rest.
    {"sql", &k_sql},
    {"psql", &k_sql},
    {"pgsql", &k_sql},
    {"lua", &k_dash},
    {"hs", &k_dash},
    {"elm", &k_dash},
    {"purs", &k_dash},
    {"adb", &k_dash},
    {"ads", &k_dash},
    {"vhd", &k_dash},
    {"vhdl", &k_dash},
    {"clj", &k_lisp},
    {"cljs", &k_lisp},
    {"cljc", &k_lisp},
    {"edn", &k_lisp},
    {"el", &k_lisp},
    {"lisp", &k_lisp},
    {"scm", &k_lisp},
    {"rkt", &k_lisp},
    {"asm", &k_lisp},
    {"s", &k_lisp},
    {"ini", &k_ini_syntax},
    {"cfg", &k_ini_syntax},
    {"desktop", &k_ini_syntax},
    {"tex", &k_tex},
    {"sty", &k_tex},
    {"cls", &k_tex},
    {"ltx", &k_tex},
    {"bib", &k_tex},
    {"erl", &k_erlang},
    {"hrl", &k_erlang},
    {"rst", &k_rst_syntax},
    {"rest", &k_rst_syntax},
    {"adoc", &k_asciidoc},
    {"asciidoc", &k_asciidoc},
    {"ml", &k_ml},
    {"mli", &k_ml},
    {"bat", &k_batch_syntax},
    {"cmd", &k_batch_syntax},
};

template <std::size_t N>
std::unordered_map<std::string_view, const CommentSyntax*> index(const Row (&rows)[N]) {
  std::unordered_map<std::string_view, const CommentSyntax*> map;
  for (const auto& row : rows)
    map.emplace(row.key, row.syntax);
  return map;
}

} // namespace

const CommentSyntax* comment_syntax(std::string_view path) {
  static const auto names = index(k_names);
  static const auto extensions = index(k_extensions);
  const auto name = util::base_name(path);
  if (const auto it = names.find(name); it != names.end())
    return it->second;
  if (name.starts_with("Dockerfile.") || name.starts_with("Containerfile.") ||
      (name.starts_with("requirements") && name.ends_with(".txt")))
    return &k_hash_syntax;
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || name.size() - dot > 12)
    return nullptr;
  char lower[12];
  const auto ext = name.substr(dot + 1);
  std::ranges::transform(ext, lower, [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
  const auto it = extensions.find(std::string_view(lower, ext.size()));
  return it == extensions.end() ? nullptr : it->second;
}

} // namespace tacit::engine
