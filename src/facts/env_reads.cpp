// Environment reads in the code: the embedded queries (queries/env/*.scm) compiled once per grammar, their
// predicates (#eq?, #not-eq?, #any-of?, #not-any-of?, #match?) checked here, a byte prefilter before any
// parse.

#include "code_regions.hpp"
#include "env_bytes.hpp"

#include <tacit/facts/architecture.hpp>
#include <tacit/facts/env_reads.hpp>
#include <tacit/facts/modules.hpp>
#include <tacit/util/byte_scan.hpp>
#include <tacit/util/parallel.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <re2/re2.h>
#include <set>
#include <span>
#include <tuple>
#include <unordered_set>

namespace tacit::facts {

std::vector<std::pair<std::string_view, std::string_view>> embedded_query_files(); // generated

namespace {

using doc::Language;
using namespace std::string_view_literals;

constexpr std::size_t k_max_default = 60;
constexpr auto k_file_budget = std::chrono::milliseconds(500);
constexpr auto k_scan_budget = std::chrono::seconds(20);

// The query files of a language, in queries/env/.
std::vector<std::string_view> query_files(Language language) {
  switch (language) {
  case Language::Python:
    return {"python.scm"};
  case Language::JavaScript:
  case Language::TypeScript:
  case Language::Tsx:
    return {"javascript.scm"};
  case Language::Go:
    return {"go.scm"};
  case Language::Rust:
    return {"rust.scm"};
  case Language::Java:
    return {"java.scm"};
  case Language::C:
    return {"c.scm"};
  case Language::Cpp:
    return {"c.scm", "cpp.scm"};
  case Language::Bash:
    return {"bash.scm"};
  default:
    return {};
  }
}

// The place after which a name is set (`process.env.X = "1"`): finish_reads looks there besides after quotes.
constexpr std::string_view k_env_dot = "env.";

// prefilter(language) and k_env_dot last: both found in one pass over a file.
std::span<const std::string_view> prefilter_and_env_dot(Language language) {
  static constexpr std::array python{"environ"sv, "getenv"sv, k_env_dot};
  static constexpr std::array javascript{"process.env"sv, "import.meta.env"sv, "Deno.env"sv, k_env_dot};
  static constexpr std::array go{"Getenv"sv, "LookupEnv"sv, k_env_dot};
  static constexpr std::array rust{"env::var"sv, "env!"sv, k_env_dot};
  static constexpr std::array getenv{"getenv"sv, k_env_dot};
  switch (language) {
  case Language::Python:
    return python;
  case Language::JavaScript:
  case Language::TypeScript:
  case Language::Tsx:
    return javascript;
  case Language::Go:
    return go;
  case Language::Rust:
    return rust;
  case Language::Java:
  case Language::C:
  case Language::Cpp:
    return getenv;
  default:
    return {};
  }
}

// The byte sequences one of which an environment read of the language contains.
std::span<const std::string_view> prefilter(Language language) {
  static constexpr std::array bash{"${"sv};
  if (language == Language::Bash)
    return bash;
  const auto with_env_dot = prefilter_and_env_dot(language);
  return with_env_dot.empty() ? with_env_dot : with_env_dot.first(with_env_dot.size() - 1);
}

struct Predicate {
  enum class Op { eq, differs, any_of, none_of, match } op = Op::eq;
  std::uint32_t capture = 0;
  std::vector<std::string> values;
  std::shared_ptr<const RE2> regex;
};

// One language's compiled query and what the reader needs of it.
struct CompiledQuery {
  doc::QueryPtr query;
  std::vector<std::vector<Predicate>> predicates; // per pattern
  std::optional<std::uint32_t> name, fallback;    // capture ids of @name and @default
  std::string error;
};

std::string_view embedded(std::string_view file) {
  for (const auto& [path, bytes] : embedded_query_files())
    if (path == fmt::format("queries/env/{}", file))
      return bytes;
  return {};
}

std::vector<std::vector<Predicate>> read_predicates(const TSQuery* query, std::string& error) {
  std::vector<std::vector<Predicate>> out(ts_query_pattern_count(query));
  for (std::uint32_t pattern = 0; pattern < out.size(); ++pattern) {
    std::uint32_t count = 0;
    const auto* steps = ts_query_predicates_for_pattern(query, pattern, &count);
    for (std::uint32_t i = 0; i < count;) {
      std::uint32_t end = i;
      while (end < count && steps[end].type != TSQueryPredicateStepTypeDone)
        ++end;
      auto text = [&](std::uint32_t k) {
        std::uint32_t length = 0;
        const char* s = ts_query_string_value_for_id(query, steps[k].value_id, &length);
        return std::string(s, length);
      };
      const auto op = steps[i].type == TSQueryPredicateStepTypeString ? text(i) : std::string();
      Predicate predicate;
      if (end - i < 3 || steps[i + 1].type != TSQueryPredicateStepTypeCapture) {
        error = fmt::format("pattern {}: a predicate needs a capture and a value", pattern + 1);
      } else {
        predicate.capture = steps[i + 1].value_id;
        for (auto k = i + 2; k < end; ++k)
          if (steps[k].type == TSQueryPredicateStepTypeString)
            predicate.values.push_back(text(k));
        if (op == "eq?" || op == "not-eq?")
          predicate.op = op == "eq?" ? Predicate::Op::eq : Predicate::Op::differs;
        else if (op == "any-of?" || op == "not-any-of?")
          predicate.op = op == "any-of?" ? Predicate::Op::any_of : Predicate::Op::none_of;
        else if (op == "match?" && predicate.values.size() == 1) {
          predicate.op = Predicate::Op::match;
          predicate.regex = std::make_shared<const RE2>(predicate.values.front());
          if (!predicate.regex->ok())
            error = fmt::format("pattern {}: {}", pattern + 1, predicate.regex->error());
        } else
          error = fmt::format("pattern {}: unknown predicate #{}", pattern + 1, op);
        if (predicate.values.empty())
          error = fmt::format("pattern {}: #{} compares with a capture, not a text", pattern + 1, op);
      }
      out[pattern].push_back(std::move(predicate));
      i = end + 1;
    }
  }
  return out;
}

CompiledQuery compile(Language language) {
  CompiledQuery out;
  std::string source;
  std::string files;
  for (auto file : query_files(language)) {
    source += embedded(file);
    source += '\n';
    files += fmt::format("{}queries/env/{}", files.empty() ? "" : "+", file);
  }
  std::uint32_t offset = 0;
  TSQueryError kind = TSQueryErrorNone;
  out.query.reset(ts_query_new(doc::ts_language(language), source.data(),
                               static_cast<std::uint32_t>(source.size()), &offset, &kind));
  if (!out.query) {
    out.error = fmt::format("{} ({}): query error {} at byte {}", files, doc::language_name(language),
                            static_cast<int>(kind), offset);
    return out;
  }
  std::string error;
  out.predicates = read_predicates(out.query.get(), error);
  if (!error.empty())
    out.error = fmt::format("{}: {}", files, error);
  for (std::uint32_t i = 0; i < ts_query_capture_count(out.query.get()); ++i) {
    std::uint32_t length = 0;
    const char* text = ts_query_capture_name_for_id(out.query.get(), i, &length); // sets length first
    const std::string_view name(text, length);
    if (name == "name")
      out.name = i;
    else if (name == "default")
      out.fallback = i;
  }
  if (!out.name && out.error.empty())
    out.error = fmt::format("{}: no @name capture", files);
  return out;
}

// The compiled query of a language, once per run (TSQuery is immutable: threads share it).
const CompiledQuery& query_for(Language language) {
  static std::map<Language, CompiledQuery> queries;
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  auto it = queries.find(language);
  if (it == queries.end())
    it = queries.emplace(language, compile(language)).first;
  return it->second;
}

std::string_view node_text(TSNode node, std::string_view text) {
  const auto begin = ts_node_start_byte(node);
  const auto end = ts_node_end_byte(node);
  return end > begin && end <= text.size() ? text.substr(begin, end - begin) : std::string_view();
}

bool holds(const TSQueryMatch& match, const std::vector<Predicate>& predicates, std::string_view text) {
  for (const auto& predicate : predicates) {
    std::string_view value;
    for (std::uint16_t i = 0; i < match.capture_count; ++i)
      if (match.captures[i].index == predicate.capture)
        value = node_text(match.captures[i].node, text);
    bool result = false;
    switch (predicate.op) {
    case Predicate::Op::eq:
    case Predicate::Op::differs:
      result = (value == predicate.values.front()) == (predicate.op == Predicate::Op::eq);
      break;
    case Predicate::Op::any_of:
    case Predicate::Op::none_of:
      result = (std::ranges::find(predicate.values, value) != predicate.values.end()) ==
               (predicate.op == Predicate::Op::any_of);
      break;
    case Predicate::Op::match:
      result = RE2::PartialMatch(value, *predicate.regex);
      break;
    }
    if (!result)
      return false;
  }
  return true;
}

// A string literal's content ("X", 'X', r"X", `X`, u8"X"); an identifier as it is. Empty unless it is a
// variable name: letters, digits and underscores, not starting with a digit.
std::string_view variable_name(std::string_view literal) {
  if (const auto quote = literal.find_first_of("\"'`");
      quote != std::string_view::npos && quote > 0 &&
      std::all_of(literal.begin(), literal.begin() + static_cast<std::ptrdiff_t>(quote),
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '#'; }))
    literal.remove_prefix(quote); // a prefix: r"X", u8"X", L"X", b'X', r#"X"#
  while (!literal.empty() && (literal.front() == '"' || literal.front() == '\'' || literal.front() == '`'))
    literal.remove_prefix(1);
  while (!literal.empty() &&
         (literal.back() == '"' || literal.back() == '\'' || literal.back() == '`' || literal.back() == '#'))
    literal.remove_suffix(1);
  if (literal.empty() || std::isdigit(static_cast<unsigned char>(literal.front())))
    return {};
  for (char c : literal)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      return {};
  return literal;
}

// Names a shell script gives values itself: NAME=..., export NAME=..., read [-r] NAME, for NAME in, local
// NAME, declare NAME.
std::unordered_set<std::string> assigned_in_script(TSNode root, std::string_view text) {
  std::unordered_set<std::string> out;
  doc::walk(root, [&](TSNode node, std::uint32_t) {
    const std::string_view type = ts_node_type(node);
    if (type == "variable_assignment" || type == "for_statement") {
      const auto name = ts_node_child_by_field_name(node, type == "for_statement" ? "variable" : "name",
                                                    type == "for_statement" ? 8 : 4);
      if (!ts_node_is_null(name))
        out.emplace(node_text(name, text));
    } else if (type == "declaration_command" || type == "command") {
      // `local X`, `declare X`, `read -r X Y`: every bare word after the command name.
      const auto head = ts_node_named_child(node, 0);
      const auto command = node_text(head, text);
      if (type == "declaration_command" || command == "read" || command == "getopts")
        for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
          const auto child = ts_node_named_child(node, i);
          const std::string_view child_type = ts_node_type(child);
          if (child_type == "variable_name" || child_type == "word")
            out.emplace(node_text(child, text));
        }
    }
    return true;
  });
  return out;
}

bool is_quote(char c) {
  return c == '"' || c == '\'' || c == '`';
}

// Up to 32 bytes in ASCII lower case, without an allocation (this runs at every read).
struct LowerHead {
  std::array<char, 32> bytes{};
  std::size_t size = 0;
  std::string_view view() const { return {bytes.data(), size}; }
  bool ends_with(std::string_view s) const { return view().ends_with(s); }
  std::size_t find(std::string_view s) const { return view().find(s); }
};

LowerHead lower_head(std::string_view text) {
  LowerHead out;
  out.size = std::min(text.size(), out.bytes.size());
  for (std::size_t i = 0; i < out.size; ++i) {
    const char c = text[i];
    out.bytes[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// True when the occurrence of a variable's name at `at` (a whole word, `end` past it) sets it (see
// EnvRead::set_by_code): a byte scan around it.
bool sets_at(std::string_view text, std::size_t at, std::size_t end) {
  const auto skip_spaces = [&](std::size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
      ++i;
    return i;
  };
  const auto assigns = [&](std::size_t i) { // '=' that is not '=='
    return i < text.size() && text[i] == '=' && (i + 1 >= text.size() || text[i + 1] != '=');
  };
  {
    const char before = at > 0 ? text[at - 1] : '\0';
    if (is_quote(before)) {
      if (end < text.size() && text[end] == '=')
        return true; // "X=1"
      auto i = end < text.size() && is_quote(text[end]) ? skip_spaces(end + 1) : text.size();
      if (i < text.size() && text[i] == ':')
        return true; // {"X": "1"}
      if (i < text.size() && text[i] == ']' && assigns(skip_spaces(i + 1)))
        return true; // environ["X"] = "1"
      const auto call =
          lower_head(util::trim_right(text.substr(at >= 32 ? at - 32 : 0, at >= 32 ? 31 : at - 1)));
      for (auto setter :
           {"setenv("sv, "putenv("sv, "setdefault("sv, "delenv("sv, "setenvironmentvariable("sv, "stubenv("sv,
            "set_var("sv, "remove_var("sv, "deno.env.set("sv, "deno.env.delete("sv})
        if (call.ends_with(setter))
          return true;
      if (call.ends_with("env[") && call.find("delete ") != std::string_view::npos)
        return true; // delete process.env["X"]
      if (call.ends_with(".env(") && end < text.size() && is_quote(text[end]) &&
          skip_spaces(end + 1) < text.size() && text[skip_spaces(end + 1)] == ',')
        return true; // Command::new(..).env("X", "1"): the child's environment
    } else if (before == '.' && at >= 4 && text.substr(at - 4, 4) == "env.") {
      const auto head = lower_head(text.substr(at >= 32 ? at - 32 : 0, at >= 32 ? 32 : at));
      if (assigns(skip_spaces(end)) || head.find("delete ") != std::string_view::npos)
        return true; // process.env.X = "1", delete process.env.X
    }
  }
  return false;
}

// A default as a read shows it: trimmed, and cut (with "...") at its first line end or after 60 bytes.
struct Fallback {
  std::string_view kept;
  bool cut = false;
  std::string text() const { return cut ? std::string(kept) + "..." : std::string(kept); }
};

Fallback fallback_view(std::string_view value) {
  value = util::trim(value);
  if (value.size() > k_max_default || value.find('\n') != std::string_view::npos)
    return {value.substr(0, std::min(value.find('\n'), k_max_default)), true};
  return {value, false};
}

std::string fallback_text(std::string_view value) {
  return fallback_view(value).text();
}

} // namespace

std::optional<doc::Language> env_read_language(std::string_view path) {
  const auto name = util::base_name(path);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || name.ends_with(".min.js") || name.ends_with(".d.ts"))
    return std::nullopt;
  static const std::map<std::string_view, Language, std::less<>> k_extensions{{"py", Language::Python},
                                                                              {"js", Language::JavaScript},
                                                                              {"mjs", Language::JavaScript},
                                                                              {"cjs", Language::JavaScript},
                                                                              {"jsx", Language::JavaScript},
                                                                              {"ts", Language::TypeScript},
                                                                              {"mts", Language::TypeScript},
                                                                              {"cts", Language::TypeScript},
                                                                              {"tsx", Language::Tsx},
                                                                              {"go", Language::Go},
                                                                              {"rs", Language::Rust},
                                                                              {"java", Language::Java},
                                                                              {"c", Language::C},
                                                                              {"h", Language::C},
                                                                              {"cc", Language::Cpp},
                                                                              {"cpp", Language::Cpp},
                                                                              {"cxx", Language::Cpp},
                                                                              {"hpp", Language::Cpp},
                                                                              {"hh", Language::Cpp},
                                                                              {"hxx", Language::Cpp},
                                                                              {"sh", Language::Bash},
                                                                              {"bash", Language::Bash}};
  const auto it = k_extensions.find(name.substr(dot + 1));
  return it == k_extensions.end() ? std::nullopt : std::optional(it->second);
}

bool may_read_env(doc::Language language, std::string_view text) {
  return has_code_hit(text, prefilter(language));
}

namespace {

// What queries/env/bash.scm matches, found by a walk of the tree: in each `expansion`, the variable names
// before an operator of `:-`, `-`, `:=`, `=` (with the next named node as the default) or `:?`, `?`.
std::vector<EnvRead> bash_reads(TSNode root, std::string_view text, std::string_view path) {
  std::vector<EnvRead> out;
  const bool test = is_test_path(path);
  doc::walk(root, [&](TSNode node, std::uint32_t) {
    if (std::string_view(ts_node_type(node)) != "expansion")
      return true;
    const auto count = ts_node_child_count(node);
    std::uint32_t op = 0;
    while (op < count && (ts_node_field_name_for_child(node, op) == nullptr ||
                          std::string_view(ts_node_field_name_for_child(node, op)) != "operator"))
      ++op;
    if (op == count)
      return true;
    const auto op_text = node_text(ts_node_child(node, op), text);
    const bool with_default = op_text == ":-" || op_text == "-" || op_text == ":=" || op_text == "=";
    if (!with_default && op_text != ":?" && op_text != "?")
      return true;
    std::string fallback;
    for (auto i = op + 1; with_default && i < count; ++i)
      if (const auto child = ts_node_child(node, i); ts_node_is_named(child)) {
        fallback = fallback_text(node_text(child, text));
        break;
      }
    for (std::uint32_t i = 0; i < op; ++i) {
      const auto child = ts_node_child(node, i);
      if (std::string_view(ts_node_type(child)) != "variable_name")
        continue;
      const auto name = variable_name(node_text(child, text));
      if (name.empty())
        continue;
      const auto point = ts_node_start_point(child);
      out.push_back(EnvRead{std::string(name), fallback, std::string(path), static_cast<int>(point.row) + 1,
                            static_cast<int>(point.column) + 1, test});
    }
    return true;
  });
  return out;
}

// Calls `each(at)` for the place of every quote (", ', `) in `text`, in order: a mask of 16 bytes at a time
// (code dense with settings is dense with quotes too).
template <typename Each> void each_quote(std::string_view text, Each each) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i double_quote = _mm_set1_epi8('"');
  const __m128i single_quote = _mm_set1_epi8('\'');
  const __m128i backquote = _mm_set1_epi8('`');
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, double_quote), _mm_cmpeq_epi8(chunk, single_quote)),
                     _mm_cmpeq_epi8(chunk, backquote))));
    for (; mask != 0; mask &= mask - 1)
      each(i + static_cast<std::size_t>(__builtin_ctz(mask)));
  }
#endif
  for (; i < text.size(); ++i)
    if (is_quote(text[i]))
      each(i);
}

// A read the bytes gave, before it becomes an EnvRead or a ScannedEnvRead: its name a view of the file's
// text.
struct LightRead {
  std::string_view name;
  Fallback fallback;
  int line = 0;
  int column = 0;
  bool set_by_code = false;
};

// What both readers do after finding the reads: mark the names the file sets itself, and sort.
template <typename Read>
void finish_reads(std::vector<Read>& out, std::string_view text, std::span<const CodeHit> env_dots) {
  if (out.empty())
    return;
  std::unordered_set<std::string_view> names;
  // Most quotes are followed by no name read: a name's first byte and its length rule them out before a hash.
  std::array<bool, 256> first_bytes{};
  std::size_t shortest = std::string_view::npos;
  std::size_t longest = 0;
  for (const auto& read : out) {
    const std::string_view name = read.name;
    names.insert(name);
    first_bytes[static_cast<unsigned char>(name.front())] = true;
    shortest = std::min(shortest, name.size());
    longest = std::max(longest, name.size());
  }
  // sets_at fires only at a name right after a quote or after "env.": look there, not at every word.
  std::unordered_set<std::string_view> set_here;
  const auto check = [&](std::size_t start) {
    if (start >= text.size() || !first_bytes[static_cast<unsigned char>(text[start])])
      return;
    auto end = start;
    while (end < text.size() && detail::word_byte(text[end]))
      ++end;
    const auto token = text.substr(start, end - start);
    if (token.size() >= shortest && token.size() <= longest && names.contains(token) &&
        !set_here.contains(token) && sets_at(text, start, end))
      set_here.insert(token);
  };
  each_quote(text, [&](std::size_t at) { check(at + 1); });
  for (const auto& hit : env_dots)
    check(hit.byte + k_env_dot.size());
  // A child's environment built on this one's: `env: { ...process.env, X_CHILD: "1" }` sets X_CHILD.
  constexpr std::string_view k_spread = "...process.env";
  // find_needle (memmem), not string_view::find: that stops at every '.' of the code.
  for (auto at = find_needle(text, k_spread, 0); at != std::string_view::npos;
       at = find_needle(text, k_spread, at + 1)) {
    const auto object = text.substr(at, text.find('}', at) - at);
    for (const auto name : names)
      for (auto key = object.find(name); key != std::string_view::npos; key = object.find(name, key + 1)) {
        auto after = key + name.size();
        while (after < object.size() && object[after] == ' ')
          ++after;
        if (after < object.size() && object[after] == ':' && !detail::word_byte(object[key - 1])) {
          set_here.insert(name);
          break;
        }
      }
  }
  if (!set_here.empty())
    for (auto& read : out)
      read.set_by_code = set_here.contains(read.name);
  std::ranges::sort(out, [](const Read& a, const Read& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
}

// The reads env_reads_from_bytes found, with the names, defaults and places a query gives.
std::vector<LightRead> byte_reads(std::string_view text, const std::vector<ByteEnvRead>& found) {
  std::vector<LightRead> out;
  out.reserve(found.size());
  std::uint32_t counted = 0; // newlines are counted up to here
  int line = 1;
  std::vector<std::uint32_t> seen; // the name bytes taken, sorted: a read two hits find is one read
  for (const auto& read : found) {
    const auto name = variable_name(read.name_text);
    if (name.empty())
      continue;
    if (seen.empty() || read.name_byte > seen.back()) {
      seen.push_back(read.name_byte);
    } else if (const auto at = std::ranges::lower_bound(seen, read.name_byte);
               at != seen.end() && *at == read.name_byte) {
      continue;
    } else {
      seen.insert(at, read.name_byte);
    }
    if (read.name_byte < counted) {
      counted = 0;
      line = 1;
    }
    line += static_cast<int>(util::count_byte(text.substr(counted, read.name_byte - counted), '\n'));
    counted = read.name_byte;
    const auto line_start = text.rfind('\n', read.name_byte == 0 ? 0 : read.name_byte - 1);
    const auto column = read.name_byte == 0 || line_start == std::string_view::npos
                            ? read.name_byte + 1
                            : read.name_byte - static_cast<std::uint32_t>(line_start);
    out.push_back(LightRead{name, read.default_text.empty() ? Fallback{} : fallback_view(read.default_text),
                            line, static_cast<int>(column)});
  }
  return out;
}

std::vector<EnvRead> reads_in(std::string_view path, std::string_view text, doc::Language language,
                              EnvParseNote* note, doc::RunBudget* run, EnvReadMode mode,
                              std::optional<std::vector<LightRead>>& light);

// The reads of one file, each handed to `each(name, fallback, line, column, set_by_code)`, in the order of
// their places; `in_test` is the file's.
template <typename Each>
void each_read_in(std::string_view path, std::string_view text, doc::Language language, EnvParseNote* note,
                  doc::RunBudget* run, Each each) {
  std::optional<std::vector<LightRead>> light;
  const auto reads = reads_in(path, text, language, note, run, EnvReadMode::bytes_first, light);
  if (light) {
    for (const auto& read : *light)
      each(read.name, read.fallback, read.line, read.column, read.set_by_code);
    return;
  }
  for (const auto& read : reads)
    each(std::string_view(read.name), Fallback{read.default_value, false}, read.line, read.column,
         read.set_by_code);
}

} // namespace

namespace {

// The reads of a file: in `light` when the bytes gave them (the return value is empty then), else returned.
std::vector<EnvRead> reads_in(std::string_view path, std::string_view text, doc::Language language,
                              EnvParseNote* note, doc::RunBudget* run, EnvReadMode mode,
                              std::optional<std::vector<LightRead>>& light) {
  std::vector<EnvRead> out;
  EnvParseNote own_note;
  if (note == nullptr)
    note = &own_note;
  // A script's own variables are known only from the whole script. The prefilter's hits and the places of
  // "env." (finish_reads) in one pass.
  static constexpr std::array<std::string_view, 1> k_env_dots{k_env_dot};
  std::vector<CodeHit> hits;
  std::vector<CodeHit> env_dots;
  if (language == Language::Bash) {
    env_dots = find_code_hits(text, k_env_dots);
  } else {
    for (const auto& hit : find_code_hits(text, prefilter_and_env_dot(language)))
      (hit.size == k_env_dot.size() && text.substr(hit.byte, hit.size) == k_env_dot ? env_dots : hits)
          .push_back(hit);
  }
  if (mode == EnvReadMode::bytes_first && language != Language::Bash) {
    if (const auto found = env_reads_from_bytes(text, language, hits)) {
      note->from_bytes = true;
      light = byte_reads(text, *found);
      finish_reads(*light, text, env_dots);
      return out;
    }
  }
  const bool walk_bash = language == Language::Bash && mode == EnvReadMode::bytes_first;
  const CompiledQuery* query = walk_bash ? nullptr : &query_for(language);
  if (query != nullptr && (!query->query || !query->error.empty()))
    return out;
  thread_local std::map<Language, doc::ParserPtr> parsers;
  auto& parser = parsers[language];
  if (!parser)
    parser = doc::make_parser(language);
  if (!parser)
    return out;
  doc::ParseBudget budget(k_file_budget, run);
  const auto windows = code_windows(
      text, hits,
      {.hash_comments = language == Language::Python,
       .single_quoted_strings = language == Language::Python || language == Language::JavaScript ||
                                language == Language::TypeScript || language == Language::Tsx,
       .raw_backquotes = language == Language::Go});
  const auto parse = [&](std::span<const TSRange> ranges) {
    ts_parser_set_included_ranges(parser.get(), ranges.data(), static_cast<std::uint32_t>(ranges.size()));
    return doc::parse_until(parser.get(), text, budget);
  };
  auto tree = parse(windows);
  note->in_regions = !windows.empty();
  if (tree && note->in_regions && !hits_parse_cleanly(ts_tree_root_node(tree.get()), hits, windows)) {
    note->in_regions = false;
    note->reparsed = true;
    tree = parse({});
  }
  if (!tree) {
    note->budget_spent = true;
    return out;
  }
  const auto root = ts_tree_root_node(tree.get());
  if (walk_bash) {
    // The tree walked for what queries/env/bash.scm matches: that query costs ~130M instructions to compile
    // (tree-sitter analyses it against the large Bash grammar), more than the scripts a run reads.
    out = bash_reads(root, text, path);
    const auto own = assigned_in_script(root, text);
    std::erase_if(out, [&](const EnvRead& read) { return own.contains(read.name); });
    finish_reads(out, text, env_dots);
    return out;
  }
  const auto& compiled = *query;
  doc::QueryCursorPtr cursor(ts_query_cursor_new());
  TSQueryCursorOptions options{&budget, [](TSQueryCursorState* state) {
                                 return static_cast<doc::ParseBudget*>(state->payload)->spent();
                               }};
  ts_query_cursor_exec_with_options(cursor.get(), compiled.query.get(), root, &options);
  std::map<std::uint32_t, std::size_t> at_byte; // a read matched by two patterns is one read
  const bool test = is_test_path(path);
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor.get(), &match)) {
    if (match.pattern_index >= compiled.predicates.size() ||
        !holds(match, compiled.predicates[match.pattern_index], text))
      continue;
    std::optional<TSNode> name_node;
    std::string fallback;
    for (std::uint16_t i = 0; i < match.capture_count; ++i) {
      if (match.captures[i].index == *compiled.name)
        name_node = match.captures[i].node;
      else if (compiled.fallback && match.captures[i].index == *compiled.fallback)
        fallback = fallback_text(node_text(match.captures[i].node, text));
    }
    if (!name_node)
      continue;
    const auto name = variable_name(node_text(*name_node, text));
    if (name.empty())
      continue;
    const auto byte = ts_node_start_byte(*name_node);
    if (const auto it = at_byte.find(byte); it != at_byte.end()) {
      if (out[it->second].default_value.empty())
        out[it->second].default_value = std::move(fallback);
      continue;
    }
    const auto point = ts_node_start_point(*name_node);
    at_byte.emplace(byte, out.size());
    out.push_back(EnvRead{std::string(name), std::move(fallback), std::string(path),
                          static_cast<int>(point.row) + 1, static_cast<int>(point.column) + 1, test});
  }
  if (budget.expired())
    note->budget_spent = true;
  if (language == Language::Bash) {
    const auto own = assigned_in_script(root, text);
    std::erase_if(out, [&](const EnvRead& read) { return own.contains(read.name); });
  }
  finish_reads(out, text, env_dots);
  return out;
}

} // namespace

std::vector<EnvRead> env_reads_in(std::string_view path, std::string_view text, doc::Language language,
                                  EnvParseNote* note, doc::RunBudget* run, EnvReadMode mode) {
  std::optional<std::vector<LightRead>> light;
  auto out = reads_in(path, text, language, note, run, mode, light);
  if (!light)
    return out;
  const bool test = is_test_path(path);
  out.reserve(light->size());
  for (const auto& read : *light)
    out.push_back(EnvRead{std::string(read.name), read.fallback.text(), std::string(path), read.line,
                          read.column, test, read.set_by_code});
  return out;
}

bool is_setting_name(std::string_view name) {
  return name.size() > 1 && name.front() != '_' &&
         std::ranges::all_of(
             name, [](char c) { return detail::ascii_upper(c) || (c >= '0' && c <= '9') || c == '_'; }) &&
         std::ranges::any_of(name, detail::ascii_upper);
}

std::string_view TextArena::keep(std::string_view text, std::string_view more) {
  const auto size = text.size() + more.size();
  if (size == 0)
    return {};
  if (m_chunks.empty() || m_used + size > m_capacity) {
    // Chunks of 4 kB growing to 64 kB: a scan keeps one arena per run of 64 files, most of them small.
    m_capacity = std::max<std::size_t>(size, std::min<std::size_t>(m_capacity * 2 + 4096, 1u << 16));
    m_chunks.push_back(std::make_unique_for_overwrite<char[]>(m_capacity));
    m_used = 0;
  }
  char* at = m_chunks.back().get() + m_used;
  // An empty view may have no data at all: memcpy must not be given a null pointer, even for no bytes.
  if (!text.empty())
    std::memcpy(at, text.data(), text.size());
  if (!more.empty())
    std::memcpy(at + text.size(), more.data(), more.size());
  m_used += size;
  return {at, size};
}

void TextArena::take(TextArena&& other) {
  std::ranges::move(other.m_chunks, std::back_inserter(m_chunks));
  other.m_chunks.clear();
  other.m_used = other.m_capacity = 0;
  m_used = m_capacity; // the last chunk is another's now: the next keep starts a chunk of its own
}

std::optional<doc::Language> env_scan_language(const repo::FileEntry& file) {
  if ((file.mode & 0170000) == repo::k_mode_symlink || file.size > k_env_scan_max_bytes)
    return std::nullopt;
  return env_read_language(file.path);
}

std::optional<doc::Language> env_scan_file_language(const repo::FileEntry& file) {
  const auto language = env_scan_language(file);
  return language && !is_user_code_path(file.path) ? language : std::nullopt;
}

std::vector<const repo::FileEntry*> env_scan_files(const std::vector<const repo::FileEntry*>& files) {
  std::vector<const repo::FileEntry*> out;
  for (const auto* file : files)
    if (env_scan_file_language(*file))
      out.push_back(file);
  return out;
}

bool is_test_case_file(std::string_view path) {
  const auto name = util::base_name(path);
  const auto stem = name.substr(0, name.find('.'));
  return name.starts_with("test_") || name.starts_with("test-") || stem.ends_with("_test") ||
         stem.ends_with("Test") || stem.ends_with("Tests") || name.find(".test.") != std::string_view::npos ||
         name.find(".spec.") != std::string_view::npos || name == "conftest.py";
}

// The reads a run of files makes room for at its first (the synthetic monorepo's runs hold ~600).
constexpr std::size_t k_run_reads = 256;

// How far back in a file's reads a read looks for the same name, to keep its text once.
constexpr std::size_t k_near_reads = 16;

struct EnvReadCollector::Run {
  std::vector<ScannedEnvRead> reads; // name_id set by finish
  TextArena text;
  std::vector<std::string> over_budget;
  std::size_t scanned = 0, parsed = 0, from_bytes = 0, in_regions = 0, reparsed = 0;
  StringSet words;
};

struct EnvReadCollector::Shared {
  doc::RunBudget budget{k_scan_budget};
};

EnvReadCollector::EnvReadCollector(std::size_t runs) : m_runs(runs), m_shared(std::make_unique<Shared>()) {}

EnvReadCollector::~EnvReadCollector() = default;

void EnvReadCollector::add(std::size_t run, const repo::FileEntry& file, Language language,
                           std::string_view text) {
  auto& result = m_runs[run];
  if (text.empty() || text.size() >= k_env_scan_max_bytes)
    return;
  ++result.scanned;
  const bool script = language == Language::Bash;
  const bool reads_env = may_read_env(language, text);
  // A script's words are searched with the other files' (rules/env_var_undocumented.cpp), a test case's
  // name nothing.
  const bool counts = !script && !is_test_case_file(file.path);
  if ((!reads_env && !counts) || util::looks_binary(text))
    return;
  const auto first = result.reads.size();
  if (reads_env) {
    ++result.parsed;
    EnvParseNote note;
    const std::string_view path = file.path;
    std::optional<bool> test; // the file's, once it reads one
    each_read_in(path, text, language, &note, &m_shared->budget,
                 [&](std::string_view name, const Fallback& fallback, int line, int column, bool set) {
                   // The name kept once for the reads of it close by in the file (code reads one setting
                   // again and again); numbered in finish, for the whole scan at once.
                   std::string_view kept;
                   for (auto i = result.reads.size(); i > first && i + k_near_reads > result.reads.size();
                        --i)
                     if (result.reads[i - 1].name == name) {
                       kept = result.reads[i - 1].name;
                       break;
                     }
                   if (kept.empty())
                     kept = result.text.keep(name);
                   if (!test)
                     test = is_test_path(path);
                   // Room made by half again, not double: runs dense with settings hold thousands of reads.
                   if (result.reads.size() == result.reads.capacity())
                     result.reads.reserve(result.reads.empty() ? k_run_reads : result.reads.size() * 3 / 2);
                   result.reads.push_back(
                       ScannedEnvRead{kept, result.text.keep(fallback.kept, fallback.cut ? "..." : ""), path,
                                      0, line, column, *test, set, script});
                 });
    if (note.budget_spent)
      result.over_budget.push_back(file.path);
    result.from_bytes += note.from_bytes ? 1 : 0;
    result.in_regions += note.in_regions ? 1 : 0;
    result.reparsed += note.reparsed ? 1 : 0;
  }
  if (counts) {
    // The file's own names, each once (a file reads a few): a word that is one of them is no other's.
    std::vector<std::string_view> own;
    for (auto i = first; i < result.reads.size(); ++i)
      if (std::ranges::find(own, result.reads[i].name) == own.end())
        own.push_back(result.reads[i].name);
    for_each_setting_name(text, [&](std::string_view word) {
      if (std::ranges::find(own, word) == own.end() && !result.words.contains(word))
        result.words.emplace(word);
    });
  }
}

EnvReadScan EnvReadCollector::finish() {
  EnvReadScan scan;
  // The names, numbered in the order they first occur (the runs' in order, each run's reads in order). One
  // map for the scan, not one per run: code dense with settings reads names no other run reads.
  std::unordered_map<std::string_view, std::uint32_t> ids;
  for (auto& result : m_runs)
    for (auto& read : result.reads) {
      const auto [it, added] = ids.try_emplace(read.name, static_cast<std::uint32_t>(scan.names.size()));
      if (added)
        scan.names.push_back(read.name);
      read.name_id = it->second;
      read.name = scan.names[it->second];
    }
  scan.runs.reserve(m_runs.size());
  for (auto& result : m_runs)
    if (!result.reads.empty())
      scan.runs.push_back(std::move(result.reads));
  for (auto& result : m_runs) {
    scan.text.take(std::move(result.text));
    std::ranges::move(result.over_budget, std::back_inserter(scan.over_budget));
    scan.files_scanned += result.scanned;
    scan.files_parsed += result.parsed;
    scan.files_from_bytes += result.from_bytes;
    scan.files_in_regions += result.in_regions;
    scan.files_reparsed += result.reparsed;
    scan.named_words.merge(result.words);
  }
  m_runs.clear();
  return scan;
}

EnvReadScan scan_env_reads(const std::vector<const repo::FileEntry*>& files, const HeadReaders& readers,
                           unsigned jobs) {
  constexpr std::size_t k_files_per_run = 64;
  std::vector<std::pair<const repo::FileEntry*, Language>> candidates;
  for (const auto* file : files)
    if (const auto language = env_scan_language(*file))
      candidates.emplace_back(file, *language);
  const std::size_t runs = (candidates.size() + k_files_per_run - 1) / k_files_per_run;
  EnvReadCollector collector(runs);
  util::parallel_for(runs, jobs, [&](std::size_t run) {
    auto read = readers(k_env_scan_max_bytes);
    for (std::size_t i = run * k_files_per_run; i < std::min(candidates.size(), (run + 1) * k_files_per_run);
         ++i)
      collector.add(run, *candidates[i].first, candidates[i].second, read(*candidates[i].first));
  });
  return collector.finish();
}

bool is_well_known_env_var(std::string_view name) {
  static const auto lists = [] {
    std::pair<std::set<std::string, std::less<>>, std::vector<std::string>> out;
    for (auto line : util::split_lines(embedded("well-known.txt"))) {
      line = util::trim(line);
      if (line.empty() || line.starts_with('#'))
        continue;
      if (line.ends_with('*'))
        out.second.emplace_back(line.substr(0, line.size() - 1));
      else
        out.first.emplace(line);
    }
    return out;
  }();
  return lists.first.contains(name) || std::ranges::any_of(lists.second, [&](const std::string& prefix) {
           return name.starts_with(prefix);
         });
}

std::vector<std::string> env_query_errors() {
  std::vector<std::string> out;
  for (auto language : doc::k_all_languages) {
    if (query_files(language).empty())
      continue;
    const auto& compiled = query_for(language);
    if (!compiled.error.empty())
      out.push_back(compiled.error);
  }
  return out;
}

} // namespace tacit::facts
