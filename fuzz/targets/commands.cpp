// The command parser: each line split into commands (quotes, escapes, chains, redirections), normalised,
// its wrappers peeled, plumbing recognised; and the path readers of inline code and link targets.

#include "../fuzz_target.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/facts/ci.hpp>

TACIT_FUZZ_TARGET(commands) {
  const auto text = tacit::fuzz::as_text(data, size);
  for (std::size_t at = 0; at <= text.size();) {
    const auto end = std::min(text.find('\n', at), text.size());
    const auto line = text.substr(at, end - at);
    for (auto& words : tacit::doc::split_commands(line)) {
      tacit::facts::is_plumbing_command(words);
      auto normal = tacit::doc::normalize_command(std::move(words));
      tacit::doc::peel_wrappers(normal);
    }
    tacit::doc::inline_code_path(line);
    tacit::doc::link_path(line);
    at = end + 1;
  }
  return 0;
}
