#pragma once
// What the .gitignore rules (ignore_rules.cpp) ask of the wildmatch matcher (glob.cpp). Internal to
// src/util/.

#include <string_view>

namespace tacit::util::glob_detail {

/// True for a pattern that wildmatch accepts (no unterminated or unknown character class...).
bool is_valid_pattern(std::string_view pattern);

} // namespace tacit::util::glob_detail
