#pragma once
// Small string helpers shared by every module. No project dependencies.

#include <string>
#include <string_view>
#include <vector>

namespace tacit::util {

/// Strips ASCII whitespace from both ends.
std::string_view trim(std::string_view text);
std::string_view trim_left(std::string_view text);
std::string_view trim_right(std::string_view text);

/// Splits on a single character; keeps empty pieces.
std::vector<std::string_view> split(std::string_view text, char separator);

/// Splits on runs of ASCII whitespace; drops empty pieces.
std::vector<std::string_view> split_words(std::string_view text);

/// Splits into lines; "\n", "\r\n" and a lone "\r" each end a line; a final line without a newline is kept.
std::vector<std::string_view> split_lines(std::string_view text);

std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool contains(std::string_view text, std::string_view needle);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// True when the bytes are valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

/// True when the bytes look binary (a NUL byte in the first 8 KiB, as git decides).
bool looks_binary(std::string_view bytes);

/// The file name part of a '/'-separated path ("a/b/c.md" -> "c.md").
std::string_view base_name(std::string_view path);

/// The directory part of a '/'-separated path ("a/b/c.md" -> "a/b", "c.md" -> "").
std::string_view dir_name(std::string_view path);

/// Joins and normalises a repository-relative path: resolves "." and "..", squeezes "//".
/// Sets `escaped` to true when ".." climbs above the root (those parts are dropped).
std::string normalize_path(std::string_view path, bool* escaped = nullptr);

/// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` (case-insensitive) within `max_distance` edits, or "" when none is:
/// the "did you mean" of every error message.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates,
                          std::size_t max_distance = 2);

} // namespace tacit::util
