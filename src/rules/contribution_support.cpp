// Doc prose and word mentions for TASK106-108.

#include "contribution_support.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/util/strings.hpp>

namespace tacit::rules::contribution {

std::vector<DocText> doc_texts(const engine::Context& context) {
  std::vector<DocText> out;
  for (const auto& doc : context.documents())
    if (!doc.text.empty())
      out.push_back(DocText{doc.path, doc.text});
  for (const auto& file : context.facts().contribution_files)
    if (!file.text.empty())
      out.push_back(DocText{file.path, file.text});
  return out;
}

bool mentions(std::string_view text, std::initializer_list<std::string_view> words) {
  const auto lower = util::to_lower(text);
  for (auto word : words)
    if (lower.find(word) != std::string::npos)
      return true;
  return false;
}

} // namespace tacit::rules::contribution
