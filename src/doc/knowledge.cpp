#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace tacit::doc {

namespace {

std::string strip_prompt(std::string_view line, bool* had_prompt, bool root_prompt_ok) {
  auto text = util::trim_left(line);
  *had_prompt = false;
  // A virtualenv's name before the prompt: "(.venv)$ tox -e py", "(venv) $ pytest".
  if (text.starts_with('(')) {
    const auto close = text.find(')');
    if (close != std::string_view::npos && close < 40 &&
        text.substr(1, close - 1).find_first_of(" \t()$") == std::string_view::npos) {
      const auto rest = util::trim_left(text.substr(close + 1));
      if (rest.starts_with("$ ") || rest.starts_with("% ") || rest == "$")
        text = rest;
    }
  }
  // "> " is not a prompt: npm prints its script lines that way, and shells use it for continuations.
  for (std::string_view prompt : {"$ ", "% ", "PS> ", "❯ ", "➜ "}) {
    if (text.starts_with(prompt)) {
      *had_prompt = true;
      return std::string(util::trim(text.substr(prompt.size())));
    }
  }
  if (text == "$" || text == "%") {
    *had_prompt = true;
    return {};
  }
  if (root_prompt_ok && text.starts_with("# ")) {
    *had_prompt = true;
    return std::string(util::trim(text.substr(2)));
  }
  return std::string(util::trim(text));
}

bool is_shell_info(std::string_view info) {
  const auto lang = util::to_lower(util::split_words(info).empty() ? "" : util::split_words(info).front());
  constexpr std::array<std::string_view, 22> k_shells{
      "",          "sh",   "bash",          "shell",        "console",
      "zsh",       "fish", "shell-session", "shellsession", "sh-session",
      "terminal",  "cmd",  "bat",           "batch",        "powershell",
      "ps",        "ps1",  "pwsh",          "text",         "txt",
      "plaintext", "plain"};
  for (auto shell : k_shells)
    if (lang == shell)
      return true;
  // `{bash}` / `bash title="x"` style info strings.
  return lang.starts_with("{bash") || lang.starts_with("{sh") || lang.starts_with("{shell") ||
         lang.starts_with("{console");
}

bool is_console_info(std::string_view info) {
  const auto lang = util::to_lower(util::trim(info));
  return lang.starts_with("console") || lang.starts_with("shell-session") || lang.starts_with("sh-session") ||
         lang.starts_with("shellsession") || lang.starts_with("terminal");
}

} // namespace

void KnowledgeIndex::add_command_text(const Document& doc, std::string_view text, int line, int column,
                                      bool code_block) {
  for (auto& words : split_commands(text)) {
    CommandMention mention;
    if (auto peeled = peel_wrappers(words); peeled != words)
      mention.peeled = std::move(peeled);
    mention.words = std::move(words);
    mention.doc = doc.path;
    mention.line = line;
    mention.column = column;
    mention.in_code_block = code_block;
    m_commands.push_back(std::move(mention));
  }
}

void KnowledgeIndex::add(const Document& doc) {
  // A user-facing doc (a tutorial) shows the users' commands, not this repository's: its paths are checked,
  // its commands document nothing.
  static const std::vector<CodeBlock> k_none;
  for (const auto& block : doc.user_facing ? k_none : doc.code_blocks) {
    if (!is_shell_info(block.info))
      continue;
    const bool console = is_console_info(block.info);
    const auto lines = util::split_lines(block.text);
    // With prompts, only prompted lines are commands; the rest is output.
    bool prompted = false;
    for (auto line : lines) {
      bool had = false;
      strip_prompt(line, &had, false);
      prompted = prompted || had;
    }
    std::string joined;
    int joined_line = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      bool had = false;
      auto text = strip_prompt(lines[i], &had, console);
      const int line = block.line + static_cast<int>(i);
      if (joined.empty()) {
        if (prompted && !had)
          continue;
        joined_line = line;
      }
      if (text.ends_with('\\') || text.ends_with(" ^") || text.ends_with(" `")) {
        text.pop_back();
        joined += text;
        joined += ' ';
        continue;
      }
      joined += text;
      add_command_text(doc, joined, joined_line, block.column, true);
      joined.clear();
    }
    if (!joined.empty())
      add_command_text(doc, joined, joined_line, block.column, true);
  }
  for (const auto& code : doc.inline_code) {
    if (!doc.user_facing)
      add_command_text(doc, code.text, code.line, code.column, false);
    if (auto path = inline_code_path(code.text); !path.empty())
      m_paths.push_back(
          PathMention{std::move(path), doc.path, code.line, code.column, PathMentionKind::inline_code});
  }
  for (const auto& link : doc.links) {
    if (auto path = link_path(link.target); !path.empty())
      m_paths.push_back(
          PathMention{std::move(path), doc.path, link.line, link.column, PathMentionKind::link});
  }
  for (const auto& import : doc.imports)
    m_paths.push_back(
        PathMention{import.target, doc.path, import.line, import.column, PathMentionKind::import});
}

void KnowledgeIndex::merge(KnowledgeIndex&& other) {
  m_commands.insert(m_commands.end(), std::make_move_iterator(other.m_commands.begin()),
                    std::make_move_iterator(other.m_commands.end()));
  m_paths.insert(m_paths.end(), std::make_move_iterator(other.m_paths.begin()),
                 std::make_move_iterator(other.m_paths.end()));
}

void KnowledgeIndex::append_copy(const KnowledgeIndex& other, const Span& span) {
  const auto commands =
      std::span(other.m_commands).subspan(span.commands_begin, span.commands_end - span.commands_begin);
  m_commands.insert(m_commands.end(), commands.begin(), commands.end());
  const auto paths = std::span(other.m_paths).subspan(span.paths_begin, span.paths_end - span.paths_begin);
  m_paths.insert(m_paths.end(), paths.begin(), paths.end());
}

const CommandMention* KnowledgeIndex::find(std::span<const CommandPattern> patterns) const {
  for (const auto& mention : m_commands)
    for (const auto& pattern : patterns)
      if (matches(mention.words, pattern) || matches(mention.peeled, pattern))
        return &mention;
  return nullptr;
}

} // namespace tacit::doc
