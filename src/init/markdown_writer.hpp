#pragma once
// A small Markdown writer for what init writes: ATX headings, paragraphs and list items wrapped at 80
// columns (a code span is never split), fenced `sh` blocks, and exactly one blank line between blocks, so
// that the output passes markdownlint's default rules. Internal to src/init/.

#include <string>
#include <string_view>
#include <vector>

namespace tacit::init {

/// Builds a Markdown document block by block.
class MarkdownWriter {
public:
  /// An ATX heading (`## Testing`).
  void heading(int level, std::string_view text);
  /// A paragraph, wrapped.
  void paragraph(std::string_view text);
  /// A list item, wrapped with its continuation lines indented; consecutive items form one list.
  void item(std::string_view text);
  /// A fenced `sh` block, one command a line (tabs become spaces: markdownlint refuses hard tabs).
  void commands(const std::vector<std::string>& lines);
  /// The document, ending with one newline.
  std::string str() const;

private:
  void start_block(bool list_item);
  std::string m_out;
  bool m_in_list = false;
};

/// `text` wrapped at `width` columns: words split at spaces outside code spans, the first line prefixed with
/// `first`, the others with `rest`.
std::string wrap(std::string_view text, std::string_view first, std::string_view rest,
                 std::size_t width = 80);

} // namespace tacit::init
