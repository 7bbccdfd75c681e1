#pragma once
// An in-memory repository for the CI (and other fact) extractor tests: sorted file entries and their content,
// read through a FileReader that records what was read; and one-line summaries of the facts to compare.

#include <tacit/facts/ci.hpp>
#include <tacit/facts/facts.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tacit::test {

class CiRepo {
public:
  CiRepo() = default;
  CiRepo(std::initializer_list<std::pair<std::string, std::string>> files) {
    for (const auto& [path, content] : files) {
      m_content[path] = content;
      m_entries.push_back(repo::FileEntry{path, 0100644, content.size()});
    }
    std::sort(m_entries.begin(), m_entries.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    for (const auto& entry : m_entries)
      m_pointers.push_back(&entry);
  }

  facts::CiFacts extract() const { return facts::extract_ci(m_pointers, reader()); }

  const std::vector<std::string>& reads() const { return m_reads; }

  /// The sorted entries, for the other extractors.
  const std::vector<const repo::FileEntry*>& files() const { return m_pointers; }

  /// A reader over the content that records what was read.
  facts::FileReader reader() const {
    m_reads.clear();
    return [this](const repo::FileEntry& file) {
      m_reads.push_back(file.path);
      const auto it = m_content.find(file.path);
      return it == m_content.end() ? std::string() : it->second;
    };
  }

  /// Every other fact (targets, test suites, build systems) of the same files.
  facts::Facts facts() const { return facts::extract_facts(m_pointers, reader()); }

private:
  std::map<std::string, std::string> m_content;
  std::vector<repo::FileEntry> m_entries;
  std::vector<const repo::FileEntry*> m_pointers;
  mutable std::vector<std::string> m_reads;
};

/// Lines joined with newlines (doctest prints strings, not vectors).
inline std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines)
    out += line + "\n";
  return out;
}

/// "line:column text" for each command, a line each, with " [plumbing]" for plumbing.
inline std::string commands(const facts::CiFacts& facts) {
  std::vector<std::string> out;
  for (const auto& c : facts.commands)
    out.push_back(fmt::format("{}:{} {}{}", c.line, c.column, c.text, c.plumbing ? " [plumbing]" : ""));
  return joined(out);
}

/// "path:line job/step: text" for each command.
inline std::string located(const facts::CiFacts& facts) {
  std::vector<std::string> out;
  for (const auto& c : facts.commands)
    out.push_back(fmt::format("{}:{} {}/{}: {}", c.path, c.line, c.job, c.step, c.text));
  return joined(out);
}

/// "line event detail" for each trigger.
inline std::string triggers(const facts::CiFacts& facts) {
  std::vector<std::string> out;
  for (const auto& t : facts.triggers)
    out.push_back(
        fmt::format("{}:{} {}{}{}", t.path, t.line, t.event, t.detail.empty() ? "" : " ", t.detail));
  return joined(out);
}

} // namespace tacit::test
