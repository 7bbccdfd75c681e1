#pragma once
// The audit's formats, one file each (audit_text.cpp: text and Markdown; audit_report.cpp: json-lines and
// the dispatch; audit_html.cpp). Internal to src/report/.

#include <tacit/audit/audit.hpp>

#include <span>
#include <string>

namespace tacit::report {

std::string render_audit_text(std::span<const audit::Repository> repositories);
std::string render_audit_markdown(std::span<const audit::Repository> repositories);
std::string render_audit_json_lines(std::span<const audit::Repository> repositories);
std::string render_audit_html(std::span<const audit::Repository> repositories);

/// One repository as the json-lines object (one line, no newline); the HTML report embeds the same objects.
std::string audit_json(const audit::Repository& repository);

} // namespace tacit::report
