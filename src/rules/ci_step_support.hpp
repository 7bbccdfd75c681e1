#pragma once
// What TASK104 (ci-step-undocumented) asks of a CI command besides its head: the variants of a documented
// command (the arguments that select what runs). Internal to src/rules/.

#include "procedure_support.hpp"

#include <tacit/engine/context.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules::procedure {

/// The words of a target's or script's name: "test-integration-flaky" -> test, integration, flaky.
std::vector<std::string> name_words(std::string_view name);

/// A name that says it installs, cleans, packages or publishes (`install-tools`, `dist`, `release.sh`).
bool is_housekeeping_name(std::string_view name);

/// The arguments that select what runs (selecting_arguments) that some doc gives with each head; the Gradle
/// tasks and Maven goals of every doc command under the program alone; under the empty head, the words that
/// docs show alone in inline code (a list of targets: `testdeps`).
std::map<Head, std::set<std::string>> documented_arguments(const engine::Context& context);

/// What a CI command with a documented head selects that no doc gives with that head, joined; "" when
/// nothing, or when the difference only narrows what the documented command runs.
std::string undocumented_arguments(const std::map<Head, std::set<std::string>>& documented, const Head& head,
                                   const std::vector<std::string>& words);

} // namespace tacit::rules::procedure
