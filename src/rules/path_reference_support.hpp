#pragma once
// What CTX002 (broken-path-reference) asks of a doc's prose: whether the sentence that leads to a mention
// says the path is produced ("generates `doc/manual.pdf`"). A doc may hold tens of thousands of mentions, on
// one line or many: the lines are split once per doc and each line is scanned once, so a question costs O(1).

#include <tacit/doc/document.hpp>

#include <string_view>
#include <unordered_map>
#include <vector>

namespace tacit::rules {

/// Answers "does the sentence before (line, column) name an output?" for the docs of one run.
class OutputWords {
public:
  /// True when the text that leads to the 1-based `line` and byte `column` of `doc` holds an output word.
  bool before(const doc::Document& doc, int line, int column);

  /// The 1-based `line` of `doc`'s text (empty when it has none): the doc is split into lines once per run.
  std::string_view line(const doc::Document& doc, int line);

private:
  // One doc: its lines, where each line's first '.' is, and per line (on first use) a bit per cut position,
  // for the line alone and for the line joined to the one before it.
  struct Lines {
    std::vector<std::string_view> text;
    std::vector<std::size_t> first_dot;
    std::vector<std::vector<bool>> alone;
    std::vector<std::vector<bool>> joined;
  };

  Lines& lines_of(const doc::Document& doc);

  std::unordered_map<const doc::Document*, Lines> m_docs;
};

} // namespace tacit::rules
