#pragma once
// CTX002 (broken-path-reference) on links to a heading: `#usage` in a doc and `guide.md#install` must name an
// anchor of the parsed Markdown doc they point to, as GitHub renders it (doc::anchors). Docs that are not
// parsed structurally, truncated ones and fragments that are not headings (`#L10`, `#/route`) are left alone.

#include <tacit/doc/document.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>

#include <functional>

namespace tacit::rules {

/// Reports each link of a `checked` doc whose fragment names no anchor of its target doc; once per doc and
/// target anchor.
void report_heading_links(const engine::Context& context, engine::Emitter& out,
                          const std::function<bool(const doc::Document&)>& checked);

} // namespace tacit::rules
