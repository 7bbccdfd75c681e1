// The Markdown document reader: block and inline parse, sections, headings and their anchors, imports, the
// commands and paths the knowledge index takes from it; and the text scan that reads other doc formats.

#include "../fuzz_target.hpp"

#include <tacit/doc/document.hpp>
#include <tacit/doc/headings.hpp>
#include <tacit/doc/knowledge.hpp>

TACIT_FUZZ_TARGET(markdown) {
  const auto text = tacit::fuzz::as_text(data, size);
  tacit::doc::Document doc;
  doc.path = "AGENTS.md";
  doc.kind = tacit::doc::DocKind::agent_context;
  tacit::doc::parse_markdown(text, doc);
  tacit::doc::find_imports(text, doc);
  tacit::doc::headings(doc);
  tacit::doc::anchors(doc);
  tacit::doc::KnowledgeIndex index;
  index.add(doc);
  for (const auto& import : doc.imports)
    tacit::doc::resolve_import(doc.path, import.target);

  tacit::doc::Document plain;
  plain.path = "docs/guide.rst";
  plain.format = tacit::doc::DocFormat::restructured_text;
  tacit::doc::scan_text(text, plain);
  tacit::doc::sections(plain);
  return 0;
}
