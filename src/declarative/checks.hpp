#pragma once
// What a declarative rule's check finds (checks.cpp), before rule.cpp renders it into findings. Internal to
// src/declarative/.

#include "rule.hpp"

#include <map>
#include <string>
#include <vector>

namespace tacit::declarative {

/// One violation of a check: where, what it is about, and the placeholders it sets.
struct Violation {
  engine::Location location;
  std::string subject;
  std::map<std::string, std::string, std::less<>> values;
  std::vector<engine::Location> related;
  bool budget = false; ///< a query that ran out of time: reported as such
};

/// The violations of `check` over the context: one per file, item or missing requirement.
std::vector<Violation> violations(const engine::Context& context, const Check& check);

} // namespace tacit::declarative
