// What the docs say about regenerating generated files (TASK109): regenerate commands and the directories
// their docs speak for, commands that name a generator, paragraphs that say "generated" and name the files.

#include "generated_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/facts/vendored.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::rules::generated {

namespace {

// Directories that hold copies of other projects besides facts::in_vendored_dir (which the context leaves
// out of scope, but TASK109 also reads linguist-generated files): the generated files there are regenerated
// upstream (pyright's typeshed-fallback stubs made by mypy-protobuf).
constexpr std::string_view k_vendored_dirs[] = {"vendored", "_vendor", "vendors", "bundled"};

// Directories of templates and expected outputs: a marker there is for the output, or is test data.
constexpr std::string_view k_template_dirs[] = {
    "templates", "template",     "golden",   "goldens",         "__snapshots__",
    "snapshots", "expected",     "testdata", "test-data",       "test_data",
    "fixtures",  "__fixtures__", "fixture",  "expected_output", "expected-output"};

// Folders of tests, and the words of the test inputs and expected outputs in them (tests/cases/x.input.go
// and x.expected.go, tests/output/): a marker there belongs to the expected output, not to the project.
constexpr std::string_view k_test_dirs[] = {"test", "tests", "testing", "__tests__", "spec", "specs"};
constexpr std::string_view k_test_io_words[] = {"input",  "expected", "output",
                                                "golden", "snapshot", "baseline"};

// Words that never mean "generate" although they start with "gen".
constexpr std::string_view k_not_generate[] = {"general", "generic", "genesis", "genre",  "gender", "genuine",
                                               "genome",  "genrsa",  "genpkey", "genkey", "gentoo"};

// One part of a command word (split at - _ : / .) that says it generates: gen, generate, regen, codegen...
bool is_generate_part(std::string_view part) {
  const auto lower = util::to_lower(part);
  if (lower == "regen" || lower == "codegen" || lower == "autogen" || lower.starts_with("regenerat") ||
      lower.starts_with("codegen"))
    return true;
  return lower.starts_with("gen") && std::ranges::find(k_not_generate, lower) == std::end(k_not_generate);
}

std::vector<std::string_view> parts_of(std::string_view word) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= word.size(); ++i)
    if (i == word.size() || word[i] == '-' || word[i] == '_' || word[i] == ':' || word[i] == '/' ||
        word[i] == '.') {
      if (i > start)
        parts.push_back(word.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

// The first words of a command that are not options (nor the value of a short option: `make -C api gen`):
// its program, subcommands and target.
std::vector<std::string_view> head_words(const std::vector<std::string>& words) {
  std::vector<std::string_view> head;
  bool value = false;
  for (const auto& word : words) {
    if (head.size() == 4)
      break;
    const bool option = word.starts_with('-');
    if (!option && !value)
      head.emplace_back(word);
    value = option && word.size() == 2 && word[1] != '-';
  }
  return head;
}

bool is_script(std::string_view program) {
  if (program.find('/') != std::string_view::npos)
    return true;
  for (std::string_view ext : {".sh", ".bash", ".py", ".js", ".mjs", ".ts", ".rb", ".pl", ".ps1"})
    if (program.ends_with(ext))
      return true;
  return false;
}

// The programs that name a generator in a command: itself, and protoc/buf for protoc plugins.
std::vector<std::string> generator_programs(std::string_view generator) {
  std::vector<std::string> names{util::to_lower(util::base_name(generator))};
  if (generator.starts_with("protoc"))
    names.insert(names.end(), {"protoc", "buf"});
  if (generator == "go-swagger")
    names.emplace_back("swagger");
  if (generator == "mockery")
    names.emplace_back("mockery");
  return names;
}

// True when `program` (lower case) is `first-second` in any case.
bool is_joined(std::string_view program, std::string_view first, std::string_view second) {
  return program.size() == first.size() + 1 + second.size() && program[first.size()] == '-' &&
         util::iequals(program.substr(0, first.size()), first) &&
         util::iequals(program.substr(first.size() + 1), second);
}

// True when a command runs one of `programs` (lower case: generator_programs): a script generator by its
// path's name, another by its own. Called for every command of the docs, so nothing is copied: a word in
// lower case is a program when they are equal ignoring case.
bool names_generator(const std::vector<std::string>& words, const std::vector<std::string>& programs,
                     bool script) {
  const auto head = head_words(words);
  for (std::size_t i = 0; i < head.size(); ++i) {
    const auto name = script ? util::base_name(head[i]) : head[i];
    for (const auto& program : programs) {
      if (util::iequals(name, program))
        return true;
      // `conda smithy rerender` runs conda-smithy.
      if (i + 1 < head.size() && is_joined(program, head[i], head[i + 1]))
        return true;
    }
  }
  return false;
}

std::string without_dot_slash(std::string_view command) {
  std::string out(command);
  for (auto at = out.find("./"); at != std::string::npos; at = out.find("./", at))
    if (at == 0 || out[at - 1] == ' ')
      out.erase(at, 2);
    else
      at += 2;
  return out;
}

// What a doc's instructions apply to: the whole repository for a root doc, a docs tree, CONTRIBUTING or an
// architecture doc; else its own directory (the README of one package speaks for that package).
std::string scope_of(const doc::Document& doc) {
  const auto dir = util::dir_name(doc.path);
  const auto top = dir.substr(0, dir.find('/'));
  if (dir.empty() || doc.kind == doc::DocKind::contributing || doc.kind == doc::DocKind::architecture)
    return {};
  for (std::string_view tree : {"docs", "doc", "documentation", ".github", "website", "site", "www", "wiki"})
    if (util::iequals(top, tree))
      return {};
  return std::string(dir);
}

// Conventional suffixes of a generated file's name (".pb.go", "_string.go", "_grpc.pb.go").
void add_suffixes(std::string_view name, std::vector<std::string>& out) {
  const auto dot = name.find('.');
  if (dot == std::string_view::npos || dot == 0)
    return;
  const auto extensions = name.substr(dot);
  if (std::count(extensions.begin(), extensions.end(), '.') >= 2)
    out.emplace_back(extensions);
  if (const auto underscore = name.substr(0, dot).rfind('_'); underscore != std::string_view::npos)
    out.push_back(std::string(name.substr(underscore)));
}

// The paragraphs (blank-line separated) of a document's text.
std::vector<std::string_view> paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\n\n", start);
    if (const auto crlf = text.find("\r\n\r\n", start); crlf < end)
      end = crlf;
    if (end == std::string_view::npos)
      end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

bool says_generated(std::string_view paragraph) {
  const auto lower = util::to_lower(paragraph);
  return lower.find("generat") != std::string::npos;
}

bool says_do_not_edit(std::string_view paragraph) {
  auto lower = util::to_lower(paragraph);
  std::replace(lower.begin(), lower.end(), '-', ' ');
  for (std::string_view phrase : {"do not edit", "don't edit", "never edit", "not be edited", "do not modify",
                                  "don't modify", "never modify", "not be modified", "do not hand edit",
                                  "not edit them", "instead of editing", "rather than editing"})
    if (lower.find(phrase) != std::string::npos)
      return true;
  return false;
}

// What a paragraph that says "generated" must name for the group: its directories (and their parents two
// levels deep or more), its files, their names and conventional suffixes.
std::vector<std::string> group_names(const std::vector<facts::GeneratedFile>& files,
                                     const facts::GeneratedGroup& group) {
  std::vector<std::string> names;
  for (const auto& dir : group.directories)
    for (std::string_view d = dir; !d.empty(); d = util::dir_name(d)) {
      if (d != dir && d.find('/') == std::string_view::npos)
        break;
      names.push_back(std::string(d) + "/");
      names.push_back(fmt::format("`{}`", d));
    }
  for (auto index : group.files) {
    names.push_back(files[index].path);
    names.emplace_back(util::base_name(files[index].path));
    add_suffixes(util::base_name(files[index].path), names);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::erase_if(names, [](const std::string& name) { return name.size() < 5; });
  return names;
}

// The directories that a documented regenerate command, or a context file / CONTRIBUTING that says
// generated files are not edited by hand, covers ("" for the whole repository).
std::vector<std::string> regeneration_scopes(const engine::Context& context) {
  std::vector<std::string> scopes;
  for (const auto& mention : context.knowledge().commands())
    if (is_generate_command(mention.words) || is_generate_command(mention.peeled))
      if (const auto* doc = context.document(mention.doc))
        scopes.push_back(scope_of(*doc));
  for (const auto& doc : context.documents()) {
    if (doc.kind != doc::DocKind::agent_context && doc.kind != doc::DocKind::contributing)
      continue;
    for (auto paragraph : paragraphs(doc.text))
      if (says_generated(paragraph) && says_do_not_edit(paragraph)) {
        scopes.push_back(scope_of(doc));
        break;
      }
  }
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  return scopes;
}

bool covered(const std::vector<std::string>& scopes, const std::vector<facts::GeneratedFile>& files,
             const facts::GeneratedGroup& group) {
  for (const auto& scope : scopes) {
    if (scope.empty())
      return true;
    for (auto index : group.files)
      if (files[index].path.starts_with(scope + "/"))
        return true;
  }
  return false;
}

bool names_generator_anywhere(const engine::Context& context, std::string_view generator) {
  if (generator.find(' ') != std::string_view::npos) { // a runner's command: `cargo dev generate-all`
    const auto wanted = without_dot_slash(generator);
    for (const auto& mention : context.knowledge().commands())
      if (without_dot_slash(util::join(mention.words, " ")).starts_with(wanted))
        return true;
    return false;
  }
  const auto programs = generator_programs(generator);
  const bool script = generator.find('/') != std::string_view::npos;
  for (const auto& mention : context.knowledge().commands())
    if (names_generator(mention.words, programs, script) || names_generator(mention.peeled, programs, script))
      return true;
  return false;
}

// The paragraphs of the docs that say "generated", in document order.
std::vector<std::string_view> generated_paragraphs(const engine::Context& context) {
  std::vector<std::string_view> out;
  for (const auto& doc : context.documents())
    for (auto paragraph : paragraphs(doc.text))
      if (says_generated(paragraph))
        out.push_back(paragraph);
  return out;
}

bool paragraph_names(const std::vector<std::string_view>& generated, const std::vector<std::string>& names) {
  for (auto paragraph : generated)
    if (std::any_of(names.begin(), names.end(),
                    [&](const std::string& name) { return paragraph.find(name) != std::string_view::npos; }))
      return true;
  return false;
}

} // namespace

bool in_foreign_dir(std::string_view path) {
  if (facts::in_vendored_dir(path))
    return true;
  // The names below a test folder (and the file's own) that say input or expected output.
  bool test_io = false;
  const auto io = [](std::string_view name) {
    return std::ranges::any_of(k_test_io_words, [&](auto word) { return util::contains(name, word); });
  };
  test_io = io(util::to_lower(util::base_name(path)));
  for (auto dir = util::dir_name(path); !dir.empty(); dir = util::dir_name(dir)) {
    const auto name = util::to_lower(util::base_name(dir));
    if (std::ranges::find(k_vendored_dirs, name) != std::end(k_vendored_dirs) ||
        std::ranges::find(k_template_dirs, name) != std::end(k_template_dirs) ||
        name.find("typeshed") != std::string::npos)
      return true;
    if (test_io && std::ranges::find(k_test_dirs, name) != std::end(k_test_dirs))
      return true;
    test_io = test_io || io(name);
  }
  return false;
}

// `generate-shell-completion` generates no code.
bool is_generate_word(std::string_view word) {
  return util::to_lower(word).find("completion") == std::string::npos &&
         std::ranges::any_of(parts_of(word), is_generate_part);
}

// A generator's own name (`pluginrpc-gen`, `protoc-gen-go`) names one generator: not a regenerate command.
bool is_generate_command(const std::vector<std::string>& words) {
  const auto head = head_words(words);
  if (head.empty())
    return false;
  if (is_script(head.front()) && is_generate_word(util::base_name(head.front())))
    return true;
  return std::any_of(head.begin() + 1, head.end(), is_generate_word);
}

Documentation::Documentation(const engine::Context& context)
    : m_context(context), m_scopes(regeneration_scopes(context)) {}

bool Documentation::documents(const std::vector<facts::GeneratedFile>& files,
                              const facts::GeneratedGroup& group) const {
  if (covered(m_scopes, files, group))
    return true;
  if (!group.generator.empty()) {
    auto [named, added] = m_generator_named.try_emplace(group.generator, false);
    if (added)
      named->second = names_generator_anywhere(m_context, group.generator);
    if (named->second)
      return true;
  }
  if (!m_generated_paragraphs)
    m_generated_paragraphs = generated_paragraphs(m_context);
  return paragraph_names(*m_generated_paragraphs, group_names(files, group));
}

} // namespace tacit::rules::generated
