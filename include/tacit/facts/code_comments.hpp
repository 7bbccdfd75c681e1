#pragma once
// Facts read from the code's comments: the instructions a comment gives the next person to change the code
// ("keep in sync with", "do not change without", "must be called before", "never edit", a HACK or XXX with
// its reason), knowledge that belongs in the docs. A byte prefilter (the phrases, case-insensitively) picks
// the files; tree-sitter parses only those, with the grammars the environment reads use, and a phrase
// counts only inside a comment node (not in a string, not in code).

#include <tacit/doc/languages.hpp>
#include <tacit/facts/generated.hpp>
#include <tacit/repo/snapshot.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// One comment that gives an instruction.
struct InstructionComment {
  std::string path;
  int line = 0; ///< of the phrase
  int column = 0;
  std::string kind;    ///< "keep in sync", "do not change without", "call order", "never edit", "hack"
  std::string excerpt; ///< the comment's sentence around the phrase, one line, at most 100 characters
};

/// What a scan of the comments found.
struct CommentScan {
  std::vector<InstructionComment> comments; ///< sorted by path, line, column
  std::size_t files_scanned = 0;            ///< files read
  std::size_t files_parsed = 0;             ///< files the prefilter let through to tree-sitter
};

/// The kind of instruction a comment's text gives (see InstructionComment::kind), and where its phrase
/// starts in `text`; kind is empty when it gives none. HACK and XXX count only with a reason ("because",
/// "until", "otherwise", "works around"); "do not edit" only when it is not a generated file's marker.
struct InstructionMatch {
  std::string_view kind;
  std::size_t offset = 0;
};
InstructionMatch instruction_in(std::string_view comment);

/// True when `text` holds one of the phrases (case-insensitively): the prefilter before tree-sitter.
bool may_hold_instruction(std::string_view text);

/// The instruction comments of one file's `text`, parsed as `language` (budgeted like env_reads_in).
std::vector<InstructionComment> instruction_comments_in(std::string_view path, std::string_view text,
                                                        doc::Language language,
                                                        doc::RunBudget* run = nullptr);

/// Scans `files` (code in the languages tacit has grammars for: Python, JavaScript, TypeScript, Go, Rust,
/// Java, C, C++, shell) in runs of neighbouring paths on up to `jobs` threads; files over 1 MiB and binary
/// files are skipped.
CommentScan scan_instruction_comments(const std::vector<const repo::FileEntry*>& files,
                                      const HeadReaders& readers, unsigned jobs);

} // namespace tacit::facts
