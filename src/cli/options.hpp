#pragma once
// Private to src/cli: what the command line's parsing needs besides CLI11 itself: the "did you mean" of an
// unknown option or subcommand, comma-separated --format lists, and case-insensitive levels.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::cli {

/// The message for arguments CLI11 did not expect, after a failed parse of `app`: each unknown option or
/// word, with the closest option or subcommand of the command it was given to ("did you mean").
std::string unexpected_arguments_message(const CLI::App& app);

/// The subcommand nearest to `word` among `names` as " (did you mean 'X'?)", or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& names);

/// --format values, each `FMT`, `FMT:FILE` or a comma-separated list of them (`text,sarif:out.sarif`). A
/// comma starts a new output only when a format name follows it; otherwise it belongs to the file name
/// before it (`sarif:a,b.sarif` is one output). `known` says whether a word is a format name.
std::vector<std::string> split_format_list(const std::vector<std::string>& values,
                                           bool (*known)(std::string_view));

/// A --fail-on level in any case, `warn` for `warning`: the canonical word, or nullopt.
std::optional<std::string> canonical_level(std::string_view value);

} // namespace tacit::cli
