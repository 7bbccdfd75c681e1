#include <tacit/doc/languages.hpp>

#include <malloc.h>
#include <time.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

// Entry points of the grammars built into tacit_treesitter (see grammars/grammars.lock).
extern "C" {
const TSLanguage* tree_sitter_markdown(void);
const TSLanguage* tree_sitter_markdown_inline(void);
const TSLanguage* tree_sitter_yaml(void);
const TSLanguage* tree_sitter_json(void);
const TSLanguage* tree_sitter_bash(void);
const TSLanguage* tree_sitter_python(void);
const TSLanguage* tree_sitter_javascript(void);
const TSLanguage* tree_sitter_typescript(void);
const TSLanguage* tree_sitter_tsx(void);
const TSLanguage* tree_sitter_go(void);
const TSLanguage* tree_sitter_rust(void);
const TSLanguage* tree_sitter_c(void);
const TSLanguage* tree_sitter_cpp(void);
const TSLanguage* tree_sitter_java(void);
}

namespace tacit::doc {

namespace {

// tree-sitter's memory, counted per thread: what a thread allocates and frees (a tree freed on another
// thread makes that thread's count drift, which budgets do not mind: they compare with the count at their
// start). Allocation failure aborts, as tree-sitter's own allocator does.
thread_local std::int64_t t_tree_sitter_bytes = 0;

void* checked(void* memory, std::size_t size) {
  if (!memory && size > 0) {
    std::fprintf(stderr, "tacit: tree-sitter could not allocate %zu bytes\n", size);
    std::abort();
  }
  if (memory)
    t_tree_sitter_bytes += static_cast<std::int64_t>(::malloc_usable_size(memory));
  return memory;
}

void* counted_malloc(std::size_t size) {
  return checked(std::malloc(size), size);
}

void* counted_calloc(std::size_t count, std::size_t size) {
  return checked(std::calloc(count, size), count * size);
}

void* counted_realloc(void* memory, std::size_t size) {
  const auto before = memory ? static_cast<std::int64_t>(::malloc_usable_size(memory)) : 0;
  void* moved = std::realloc(memory, size);
  if (moved || size == 0)
    t_tree_sitter_bytes -= before;
  return checked(moved, size);
}

void counted_free(void* memory) {
  if (memory)
    t_tree_sitter_bytes -= static_cast<std::int64_t>(::malloc_usable_size(memory));
  std::free(memory);
}

// Installed before main, before any tree-sitter object exists.
[[maybe_unused]] const bool k_counting = [] {
  ts_set_allocator(counted_malloc, counted_calloc, counted_realloc, counted_free);
  return true;
}();

struct Alias {
  std::string_view name;
  Language language;
};

// Info strings and file-type words seen in the wild, lowercase.
constexpr Alias k_aliases[] = {
    {"markdown", Language::Markdown},
    {"md", Language::Markdown},
    {"yaml", Language::Yaml},
    {"yml", Language::Yaml},
    {"json", Language::Json},
    {"jsonc", Language::Json},
    {"bash", Language::Bash},
    {"sh", Language::Bash},
    {"shell", Language::Bash},
    {"zsh", Language::Bash},
    {"python", Language::Python},
    {"py", Language::Python},
    {"python3", Language::Python},
    {"javascript", Language::JavaScript},
    {"js", Language::JavaScript},
    {"jsx", Language::JavaScript},
    {"mjs", Language::JavaScript},
    {"cjs", Language::JavaScript},
    {"node", Language::JavaScript},
    {"typescript", Language::TypeScript},
    {"ts", Language::TypeScript},
    {"mts", Language::TypeScript},
    {"cts", Language::TypeScript},
    {"tsx", Language::Tsx},
    {"go", Language::Go},
    {"golang", Language::Go},
    {"rust", Language::Rust},
    {"rs", Language::Rust},
    {"c", Language::C},
    {"h", Language::C},
    {"cpp", Language::Cpp},
    {"c++", Language::Cpp},
    {"cxx", Language::Cpp},
    {"cc", Language::Cpp},
    {"hpp", Language::Cpp},
    {"java", Language::Java},
};

char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

const char* read_text(void* payload, uint32_t byte, TSPoint /*point*/, uint32_t* bytes_read) {
  const auto* text = static_cast<const std::string_view*>(payload);
  if (byte >= text->size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<uint32_t>(text->size() - byte);
  return text->data() + byte;
}

bool on_progress(TSParseState* state) {
  return static_cast<ParseBudget*>(state->payload)->spent();
}

} // namespace

const TSLanguage* ts_language(Language language) {
  switch (language) {
  case Language::Markdown:
    return tree_sitter_markdown();
  case Language::MarkdownInline:
    return tree_sitter_markdown_inline();
  case Language::Yaml:
    return tree_sitter_yaml();
  case Language::Json:
    return tree_sitter_json();
  case Language::Bash:
    return tree_sitter_bash();
  case Language::Python:
    return tree_sitter_python();
  case Language::JavaScript:
    return tree_sitter_javascript();
  case Language::TypeScript:
    return tree_sitter_typescript();
  case Language::Tsx:
    return tree_sitter_tsx();
  case Language::Go:
    return tree_sitter_go();
  case Language::Rust:
    return tree_sitter_rust();
  case Language::C:
    return tree_sitter_c();
  case Language::Cpp:
    return tree_sitter_cpp();
  case Language::Java:
    return tree_sitter_java();
  }
  std::unreachable();
}

std::string_view language_name(Language language) {
  switch (language) {
  case Language::Markdown:
    return "markdown";
  case Language::MarkdownInline:
    return "markdown_inline";
  case Language::Yaml:
    return "yaml";
  case Language::Json:
    return "json";
  case Language::Bash:
    return "bash";
  case Language::Python:
    return "python";
  case Language::JavaScript:
    return "javascript";
  case Language::TypeScript:
    return "typescript";
  case Language::Tsx:
    return "tsx";
  case Language::Go:
    return "go";
  case Language::Rust:
    return "rust";
  case Language::C:
    return "c";
  case Language::Cpp:
    return "cpp";
  case Language::Java:
    return "java";
  }
  std::unreachable();
}

std::optional<Language> language_from_name(std::string_view name) {
  for (const Alias& alias : k_aliases) {
    if (alias.name.size() != name.size()) {
      continue;
    }
    bool equal = true;
    for (std::size_t i = 0; i < name.size() && equal; ++i) {
      equal = to_lower(name[i]) == alias.name[i];
    }
    if (equal) {
      return alias.language;
    }
  }
  return std::nullopt;
}

ParserPtr make_parser(Language language) {
  ParserPtr parser(ts_parser_new());
  if (!parser || !ts_parser_set_language(parser.get(), ts_language(language))) {
    return nullptr;
  }
  return parser;
}

std::chrono::nanoseconds thread_cpu_time() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

ParseBudget::~ParseBudget() {
  if (m_run != nullptr && !m_expired)
    m_run->charge(thread_cpu_time() - m_charged);
}

bool ParseBudget::spent() {
  if (m_expired)
    return true;
  if (tree_sitter_bytes_on_thread() > m_memory_limit) {
    m_out_of_memory = true;
    m_expired = true;
    return true;
  }
  const auto now = thread_cpu_time();
  if (m_run != nullptr) {
    m_run_spent = m_run->charge(now - m_charged);
    m_charged = now;
  }
  m_expired = m_run_spent || now >= m_limit;
  return m_expired;
}

std::int64_t tree_sitter_bytes_on_thread() {
  return t_tree_sitter_bytes;
}

TreePtr parse_until(TSParser* parser, std::string_view text, ParseBudget& budget) {
  TSInput input{&text, read_text, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{&budget, on_progress};
  TreePtr tree(ts_parser_parse_with_options(parser, nullptr, input, options));
  if (!tree) {
    ts_parser_reset(parser); // a cancelled parse would otherwise resume on the next call
  }
  return tree;
}

std::vector<TSRange> ranges_without_named_children(TSNode node) {
  std::vector<TSRange> ranges;
  TSPoint point = ts_node_start_point(node);
  uint32_t byte = ts_node_start_byte(node);
  auto add_until = [&](TSPoint end_point, uint32_t end_byte) {
    if (end_byte > byte) {
      ranges.push_back(TSRange{point, end_point, byte, end_byte});
    }
  };
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode child = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(child) && ts_node_end_byte(child) > byte) {
      add_until(ts_node_start_point(child), ts_node_start_byte(child));
      point = ts_node_end_point(child);
      byte = ts_node_end_byte(child);
    }
  }
  ts_tree_cursor_delete(&cursor);
  add_until(ts_node_end_point(node), ts_node_end_byte(node));
  return ranges;
}

} // namespace tacit::doc
