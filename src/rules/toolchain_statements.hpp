#pragma once
// CTX006's toolchain part: the runtime versions a doc line states ("Node 18", "Python 3.10", "Go 1.21"),
// read conservatively: a line that speaks of a range, a minimum or several versions states none.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules {

/// A version a doc line states for a toolchain.
struct StatedVersion {
  std::string tool;    ///< node, python, go (ToolchainPin::tool)
  std::string version; ///< "18", "3.10", "1.21": the part a pin is compared on
  int column = 0;      ///< 1-based column of the tool's name
};

/// The versions `line` states exactly, at most one per tool; none when the line speaks of a range or a
/// minimum ("18+", ">= 3.10", "or later", "at least", "requires", "supports"...) or names two versions of
/// one tool.
std::vector<StatedVersion> stated_versions(std::string_view line);

/// The part of a pin's version that a stated version is compared on (node: the major; python and go: major
/// and minor), or nullopt for a pin that is not one exact version ("lts/iron", ">=3.10", "system").
std::optional<std::string> comparable_pin(std::string_view tool, std::string_view version);

} // namespace tacit::rules
