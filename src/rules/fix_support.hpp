#pragma once
// What the rules that carry fixes share: the context file a fix writes into, its sections and heading
// style, and the edits (data: engine::Fix) that insert a block under a section or replace a span of a line.
// Rules only describe edits; src/fix/ applies them.

#include <tacit/engine/context.hpp>
#include <tacit/engine/fix.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tacit::rules::fixes {

/// Where a block of Markdown goes: the section whose heading starts a word with one of `keywords` (the
/// first keyword that matches wins), else a new section `title` at the end of the file.
struct SectionTarget {
  std::string_view title;                     ///< "Build": the heading of a new section
  std::span<const std::string_view> keywords; ///< lower case: "build", "develop"
};

/// The context file an agent reads first, when a fix can write into it: a root context file in Markdown
/// (the file a symlink to one points to), parsed whole; nullptr when there is none.
const doc::Document* context_file(const engine::Context& context);

/// The position just past the end of `text` (as TextPosition counts: a final newline starts a new line).
engine::TextPosition end_of(std::string_view text);

/// The heading line of a new section `title` in `doc`'s own style: the level of its sections (under a lone
/// title, the level below it), ATX (with closing hashes if its headings have them) or setext.
std::string heading_line(const doc::Document& doc, std::string_view title);

/// A fix that inserts `block` (Markdown, ending with '\n') into `doc` under the section `target` names:
/// after the last line of its own text (before its subsections), or in a new section at the end of the file.
engine::Fix insert_block(const doc::Document& doc, const SectionTarget& target, std::string block,
                         std::string description);

/// A fenced `sh` code block of `command` (which may hold several lines).
std::string command_block(std::string_view command);

/// A fix that inserts the command block of `command` into the context file an agent reads first, under
/// `target`; nullopt when there is no context file to write into or the command is empty.
std::optional<engine::Fix> insert_command(const engine::Context& context, const SectionTarget& target,
                                          std::string_view command);

/// A fix that replaces `original` at `line`:`column` (bytes, 1-based) of `path` with `replacement`.
engine::TextEdit replace(std::string path, int line, int column, std::string original,
                         std::string replacement);

/// The line `line` (1-based) of `text`, without its line end; empty past the end.
std::string_view line_of(std::string_view text, int line);

} // namespace tacit::rules::fixes

namespace tacit::rules::fixes {

/// The fix of a procedure rule (TASK101-105): `command` into the context file an agent reads first, under the
/// section its hint names ("Build", "Testing", "Linting", "Formatting", "Setup", "Checks"...), or one like it
/// that the file already has.
std::optional<engine::Fix> procedure_fix(const engine::Context& context, std::string_view section,
                                         std::string_view command);

} // namespace tacit::rules::fixes
