#pragma once
// What the context-hygiene rules (CTX008 placeholders, CTX009 secrets, CTX010 machine paths) share: the
// lines of an agent context file, each with what it is (prose, code, HTML comment, front matter), and the
// prose of each line with its code spans and inline comments blanked out. Every scan here is a hand-written,
// linear pass: context files are untrusted input.

#include <tacit/doc/document.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules {

/// What a line of a context file is.
enum class LineKind { prose, code, comment, front_matter };

/// One line of a context file.
struct ContextLine {
  int number = 0;        ///< 1-based
  std::string_view text; ///< the line as written, without its line ending
  LineKind kind = LineKind::prose;
  std::string prose; ///< prose lines: `text` with code spans and HTML comments blanked (same length)
};

/// The lines of `doc` (an agent context file with its text kept) and what each one is.
std::vector<ContextLine> context_lines(const doc::Document& doc);

/// True for the agent context files these rules read (not personal files when `with_personal` is false).
bool is_hygiene_target(const doc::Document& doc, bool with_personal);

/// True when a directory of `path` says the file is a template or an example to copy, whose placeholders
/// are on purpose (templates/, template/, skeleton/, scaffold/, cookiecutter...).
bool in_template_dir(std::string_view path);

/// ASCII letters, digits and '_'.
bool is_word_char(char c);

/// Shannon entropy of the bytes of `text`, in bits per byte.
double shannon_entropy(std::string_view text);

} // namespace tacit::rules
