#pragma once
// Facts about the repository's decisions: decision records (ADRs) with their parts and links, the logs
// that hold them, and other decision docs (kept in Facts::decision_docs).

#include <tacit/facts/provenance.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// Everything the extractors found (facts.hpp); the decision record extractor fills several of its fields.
struct Facts;

/// A link from a decision record to another record: a relative link, or a relation by number
/// ("Supersedes ADR-0003").
struct DecisionLink {
  std::string relation; ///< supersedes, superseded-by, amends, amended-by, replaces, replaced-by, link
  std::string target;   ///< as written: a relative path (`0007-x.md`) or a number reference (`ADR-0003`)
  std::string resolved; ///< the repository path a path target names; "" for a number reference
  int number = -1;      ///< the record number a number reference names, else -1
  int line = 0;
  int column = 0; ///< column of the target's first character
};

/// A decision record (ADR) in Nygard (## Status / ## Context / ## Decision / ## Consequences) or MADR
/// layout ("Context and Problem Statement", "Decision Outcome", front matter `status:`).
struct DecisionRecord {
  std::string path;
  std::string log;    ///< the folder of its log (docs/adr); for ADR-*.md outside such a folder, its folder
  std::string title;  ///< the first heading
  int number = -1;    ///< from the file name (0007-x.md, adr-007-x.md, ADR-7.md); -1 when none
  std::string layout; ///< nygard, madr
  std::string
      status; ///< the status as written ("Accepted", "superseded by [ADR-9](0009-x.md)"); "" when none
  int status_line = 0;
  bool has_status = false;
  bool has_context = false;
  bool has_decision = false;
  bool has_consequences = false;
  /// No section headings, only paragraphs that give the context and state the decision ("We will use ...").
  bool prose_only = false;
  std::vector<DecisionLink> links;
};

/// A folder of decision records, its index and its record template.
struct DecisionLog {
  std::string dir;   ///< docs/adr, doc/decisions... ("" for the root)
  std::string index; ///< README.md / index.md of the folder, or ""
  /// A record template (template.md, 0000-template.md, adr-template.md), or "". The parts below are
  /// those it asks for (a part it leaves out or marks optional is not required of the records).
  std::string template_path;
  bool template_status = true;
  bool template_context = true;
  bool template_decision = true;
  bool template_consequences = true;
};

/// The decision record extractor: records in docs/adr, doc/adr, docs/decisions, docs/architecture/decisions,
/// adr/ (any folder named adr, adrs, decisions, decision-records, architecture-decisions) and ADR-*.md files;
/// their logs, indexes and templates (neither is a record), and other decision docs.
void extract_decision_records(const std::vector<const repo::FileEntry*>& files, const FileReader& read,
                              Facts& facts);

/// The record number in a decision record's file name (0007-x.md, adr-007-x.md, ADR-7.md), or -1 (a date
/// such as 20200924-x.md is not a number).
int record_number(std::string_view name);

} // namespace tacit::facts
