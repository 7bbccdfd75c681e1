#pragma once
// The parts of a decision record (status, context, decision, consequences) under their Nygard and MADR names
// and common synonyms, and the links between records. Internal to src/facts/.

#include <tacit/facts/decisions.hpp>

#include <string>
#include <string_view>

namespace tacit::facts::decision {

/// Whether a doc has a part, and whether it marks that part optional (a template's `<!-- optional -->`).
struct Part {
  bool present = false;
  bool optional = false;
  int line = 0;
  std::string value; ///< status: the value as written
};

/// The four parts of a record or template.
struct Parts {
  Part status;
  Part context;
  Part decision;
  Part consequences;
  bool madr = false; ///< MADR headings ("Context and Problem Statement", "Decision Outcome"...)
  std::string title;
};

/// Finds the parts in a record's or template's content. A heading counts when its section has text (in a
/// template, when it is there at all).
Parts find_parts(std::string_view content, bool template_file = true);

/// Adds the links and number relations of one prose line of a record (decision_links.cpp). `rest_syntax`:
/// the record is reStructuredText.
void scan_links(DecisionRecord& record, std::string_view raw_line, int line, bool rest_syntax);

/// Parses a record: parts, status, title and links (`path` is the record's repository path, to resolve
/// relative links).
DecisionRecord parse_record(const std::string& path, std::string_view content);

} // namespace tacit::facts::decision
