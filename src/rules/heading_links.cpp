// CTX002's links to headings: `#usage` and `guide.md#install` must name an anchor of the Markdown doc.

#include "heading_links.hpp"

#include <tacit/doc/headings.hpp>
#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tacit::rules {

namespace {

// Fragments that name a heading: not empty, not a line (`#L10`), a text fragment or a single-page app's
// route (`#/config`, `#!`).
bool is_heading_fragment(std::string_view fragment) {
  if (fragment.empty() || fragment.starts_with('/') || fragment.starts_with('!') ||
      fragment.find(":~:") != std::string_view::npos ||
      fragment.find_first_of("{}$<>") != std::string_view::npos)
    return false;
  return !(fragment.size() >= 2 && (fragment[0] == 'L' || fragment[0] == 'l') &&
           std::isdigit(static_cast<unsigned char>(fragment[1])));
}

// The one anchor that contains the fragment or that the fragment contains, if there is exactly one.
std::string suggest_anchor(const std::vector<std::string>& anchors, std::string_view wanted) {
  std::string found;
  for (const auto& anchor : anchors)
    if (anchor.size() >= 3 && wanted.size() >= 3 &&
        (anchor.find(wanted) != std::string::npos || wanted.find(anchor) != std::string_view::npos)) {
      if (!found.empty())
        return {};
      found = anchor;
    }
  return found;
}

} // namespace

// Links to a heading (`#usage`, `guide.md#install`) of a parsed Markdown doc must name one of its anchors.
void report_heading_links(const engine::Context& context, engine::Emitter& out,
                          const std::function<bool(const doc::Document&)>& checked) {
  std::map<const doc::Document*, std::vector<std::string>> anchors;
  std::set<std::pair<std::string, std::string>> reported;
  for (const auto& doc : context.documents()) {
    // A symlink to a doc is checked as its target.
    if (!checked(doc) || !doc.structural || doc.parse_timed_out || context.is_alias(doc))
      continue;
    for (const auto& link : doc.links) {
      const auto hash = link.target.find('#');
      if (hash == std::string::npos || link.image)
        continue;
      const auto unescaped = doc::markdown_unescape(std::string_view(link.target).substr(hash + 1));
      const std::string_view fragment = unescaped;
      if (!is_heading_fragment(fragment))
        continue;
      const doc::Document* target = &doc;
      std::string target_path = doc.path;
      if (hash > 0) {
        const auto path = doc::link_path(link.target);
        if (path.empty())
          continue; // a URL or another scheme
        bool escaped = false;
        const auto dir = util::dir_name(doc.path);
        target_path = path.starts_with('/') || dir.empty()
                          ? util::normalize_path(path, &escaped)
                          : util::normalize_path(fmt::format("{}/{}", dir, path), &escaped);
        target = escaped ? nullptr : context.document(target_path);
      }
      if (!target || !target->structural || target->parse_timed_out || target->truncated)
        continue;
      auto [it, added] = anchors.try_emplace(target);
      if (added)
        it->second = doc::anchors(*target);
      const auto wanted = doc::normalize_fragment(fragment);
      if (std::ranges::binary_search(it->second, wanted))
        continue;
      const auto subject = fmt::format("{}#{}", target_path, wanted);
      if (!reported.emplace(doc.path, subject).second)
        continue;
      auto& finding = out.emit(fmt::format("'{}' names no heading of {}", link.target, target_path),
                               engine::Location{doc.path, link.line, link.column, {}}, subject);
      const auto suggestion = suggest_anchor(it->second, wanted);
      finding.hint = suggestion.empty()
                         ? std::string("link to a heading that exists, or remove the link")
                         : fmt::format("link to a heading that exists; did you mean '#{}'?", suggestion);
    }
  }
}

} // namespace tacit::rules
