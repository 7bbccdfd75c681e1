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

// The file names or extensions (separated by spaces) that share a syntax.
struct Group {
  std::string_view keys;
  const CommentSyntax* syntax;
};

// Whole file names (case-sensitive), checked before extensions.
constexpr Group k_names[] = {
    {"Makefile makefile GNUmakefile Dockerfile Containerfile Justfile justfile .justfile Rakefile Gemfile "
     "Vagrantfile Brewfile Pipfile Procfile BUILD WORKSPACE CODEOWNERS CMakeLists.txt meson_options.txt "
     "requirements.txt .gitignore .gitattributes .dockerignore .env .clang-format _clang-format .clang-tidy "
     ".yamllint .bazelrc .shellcheckrc .tool-versions .yarnrc",
     &k_hash_syntax},
    {".editorconfig .npmrc .gitmodules .flake8 .pylintrc .coveragerc .codespellrc pylintrc .gitconfig",
     &k_ini_syntax},
    {"Jenkinsfile", &k_c_config},
    {".cursorrules .windsurfrules .clinerules", &k_markdown},
};

// Extensions, lower case.
constexpr Group k_extensions[] = {
    {"md markdown mdx mdown mkd mkdn mdc qmd rmd", &k_markdown},
    {"html htm xhtml xml svg xsd xsl xslt plist csproj vbproj fsproj props targets", &k_html},
    {"vue svelte astro", &k_web},
    {"py pyi pyw pyx pxd rb rake gemspec sh bash zsh ksh fish bats pl pm r ps1 psm1 ex exs jl cr coffee tcl "
     "awk nim graphql gql",
     &k_hash_code},
    {"yaml yml toml conf tf tfvars hcl nix cmake mk mak just bzl bazel star gn gni ninja properties "
     "dockerfile pp build",
     &k_hash_syntax},
    {"c h cc cpp cxx c++ hpp hh hxx h++ inl ipp tpp cu cuh cs java kt kts scala sc groovy swift go rs js mjs "
     "cjs jsx ts tsx mts cts dart proto sol zig d m mm sv svh vh glsl hlsl fs fsx fsi scss less vala hx ino",
     &k_c},
    {"gradle jsonc json5", &k_c_config},
    {"css", &k_css},
    {"php", &k_php_syntax},
    {"sql psql pgsql", &k_sql},
    {"lua hs elm purs adb ads vhd vhdl", &k_dash},
    {"clj cljs cljc edn el lisp scm rkt asm s", &k_lisp},
    {"ini cfg desktop", &k_ini_syntax},
    {"tex sty cls ltx bib", &k_tex},
    {"erl hrl", &k_erlang},
    {"rst rest", &k_rst_syntax},
    {"adoc asciidoc", &k_asciidoc},
    {"ml mli", &k_ml},
    {"bat cmd", &k_batch_syntax},
};

template <std::size_t N>
std::unordered_map<std::string_view, const CommentSyntax*> index(const Group (&groups)[N]) {
  std::unordered_map<std::string_view, const CommentSyntax*> map;
  for (const auto& group : groups)
    for (const auto key : util::split_words(group.keys))
      map.emplace(key, group.syntax);
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
