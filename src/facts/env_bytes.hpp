#pragma once
// Environment reads taken from the bytes, without a parse, where the bytes leave no doubt. Parsing even a
// window of lines around each prefilter hit costs thousands of instructions a byte of window; code that reads
// its settings in every other function (`os.Getenv("X")` in most files of a large service) spends most of a
// scan there. Most reads are written in one of a few plain forms (`os.environ.get("X", "d")`,
// `process.env.X ?? "d"`, `std::env::var("X")`, `getenv("X")`), and most other hits are plainly no read
// (`os.environ.copy()`, an identifier that only contains the word, a line comment). This reader decides
// each hit from the bytes around it and a lexer pass over the file (strings, comments); it gives up on the
// whole file at the first hit it cannot decide with certainty, and the caller then parses as before. What it
// returns is what the tree-sitter queries (queries/env/*.scm) would match: the unit tests compare the two.

#include "code_regions.hpp"

#include <tacit/doc/languages.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// One read found in the bytes: where the name's node starts and its text (a string literal with its quotes,
/// or an identifier), and the default's node text (empty when none), as a query's @name and @default would
/// capture them.
struct ByteEnvRead {
  std::uint32_t name_byte = 0;
  std::string_view name_text;
  std::string_view default_text;
};

/// The reads at `hits` (find_code_hits with the language's prefilter needles), in the order of the hits;
/// nullopt when some hit cannot be decided from the bytes (a hit in a string or block comment, a form the
/// reader does not know, a comment inside a read): parse the file then. Bash is never read here.
std::optional<std::vector<ByteEnvRead>> env_reads_from_bytes(std::string_view text, doc::Language language,
                                                             std::span<const CodeHit> hits);

} // namespace tacit::facts
