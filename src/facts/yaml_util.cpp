// The yaml-cpp adapter: loading with exceptions caught, merge keys, duplicate keys, marks.

#include "yaml_util.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <exception>
#include <unordered_map>
#include <unordered_set>

namespace tacit::facts::yaml {

namespace {

// Copies yaml-cpp nodes into Nodes, resolving merges and counting what it copies.
class Converter {
public:
  explicit Converter(std::vector<Issue>& issues) : m_issues(issues) {}

  Node convert(const YAML::Node& in, int depth, int fallback_line, int fallback_column);

  /// Marks of the document being converted are this many lines below the start of the file.
  void set_line_offset(int offset) { m_line_offset = offset; }

  bool failed() const { return !m_error.empty(); }
  const std::string& error() const { return m_error; }
  int error_line() const { return m_error_line; }

private:
  // Explicit keys win; among merged maps (`<<: [*a, *b]`, or several `<<` keys) the earlier one wins.
  void convert_map(const YAML::Node& in, Node& out, int depth);
  void fail(std::string message, int line) {
    if (!failed()) {
      m_error = std::move(message);
      m_error_line = line;
    }
  }

  std::vector<Issue>& m_issues;
  std::size_t m_nodes = 0;
  int m_line_offset = 0;
  std::string m_error;
  int m_error_line = 0;
};

Node Converter::convert(const YAML::Node& in, int depth, int fallback_line, int fallback_column) {
  Node out;
  const auto mark = in.Mark();
  // A null value's mark points at the token after it: its key's mark is the better place.
  const bool has_mark = mark.line >= 0 && !in.IsNull();
  out.line = has_mark ? mark.line + 1 + m_line_offset : fallback_line;
  out.column = has_mark ? mark.column + 1 : fallback_column;
  if (failed())
    return out;
  if (++m_nodes > k_max_nodes) {
    fail(fmt::format("more than {} values once aliases are expanded", k_max_nodes), out.line);
    return out;
  }
  if (depth > k_max_depth) {
    fail(fmt::format("nested deeper than {} levels (or an alias that contains itself)", k_max_depth),
         out.line);
    return out;
  }
  const auto& tag = in.Tag();
  if (!tag.empty() && tag != "?" && tag != "!")
    out.tag = tag;
  switch (in.Type()) {
  case YAML::NodeType::Scalar:
    out.kind = Node::Kind::scalar;
    out.value = in.Scalar();
    break;
  case YAML::NodeType::Sequence:
    out.kind = Node::Kind::sequence;
    for (const auto& item : in) {
      out.items.push_back(convert(item, depth + 1, out.line, out.column));
      if (failed())
        break;
    }
    break;
  case YAML::NodeType::Map:
    out.kind = Node::Kind::map;
    convert_map(in, out, depth);
    break;
  default:
    break;
  }
  return out;
}

void Converter::convert_map(const YAML::Node& in, Node& out, int depth) {
  struct Merge {
    std::size_t position = 0; // merged keys go before the explicit entry at this index
    std::vector<Node> sources;
  };
  std::vector<Entry> explicit_entries;
  std::vector<Merge> merges;
  std::unordered_map<std::string, std::size_t> index;
  int merge_line = 0;
  for (const auto& pair : in) { // not it->first: yaml-cpp's operator-> returns a temporary
    if (failed())
      break;
    const YAML::Node& key = pair.first;
    const auto key_mark = key.Mark();
    const int key_line = key_mark.line >= 0 ? key_mark.line + 1 + m_line_offset : out.line;
    const int key_column = key_mark.line >= 0 ? key_mark.column + 1 : out.column;
    if (!key.IsScalar() && !key.IsNull()) {
      m_issues.push_back({key_line, "a key that is not a plain value is ignored"});
      continue;
    }
    std::string name = key.IsScalar() ? key.Scalar() : std::string();
    auto value = convert(pair.second, depth + 1, key_line, key_column);
    // Only a plain `<<` merges: a quoted "<<" is an ordinary key.
    if (key.IsScalar() && key.Tag() == "?" && name == "<<") {
      if (merge_line > 0)
        m_issues.push_back({key_line, fmt::format("duplicate key '<<' (also on line {})", merge_line)});
      merge_line = key_line;
      Merge merge{explicit_entries.size(), {}};
      if (value.is_map()) {
        merge.sources.push_back(std::move(value));
      } else if (value.is_sequence()) {
        for (auto& item : value.items)
          if (item.is_map())
            merge.sources.push_back(std::move(item));
          else
            m_issues.push_back({item.line, "a merged value (`<<`) that is not a mapping is ignored"});
      } else {
        m_issues.push_back({key_line, "a merge key (`<<`) needs a mapping or a list of mappings"});
      }
      merges.push_back(std::move(merge));
      continue;
    }
    if (auto found = index.find(name); found != index.end()) {
      auto& previous = explicit_entries[found->second];
      m_issues.push_back({key_line, fmt::format("duplicate key '{}' (also on line {}); the last one is used",
                                                name, previous.line)});
      previous = Entry{std::move(name), key_line, key_column, std::move(value)};
      continue;
    }
    index.emplace(name, explicit_entries.size());
    explicit_entries.push_back(Entry{std::move(name), key_line, key_column, std::move(value)});
  }
  if (merges.empty()) {
    out.entries = std::move(explicit_entries);
    return;
  }
  std::unordered_set<std::string> taken;
  for (const auto& entry : explicit_entries)
    taken.insert(entry.key);
  std::size_t next_merge = 0;
  for (std::size_t i = 0; i <= explicit_entries.size(); ++i) {
    for (; next_merge < merges.size() && merges[next_merge].position == i; ++next_merge)
      for (auto& source : merges[next_merge].sources)
        for (auto& entry : source.entries)
          if (taken.insert(entry.key).second)
            out.entries.push_back(std::move(entry));
    if (i < explicit_entries.size())
      out.entries.push_back(std::move(explicit_entries[i]));
  }
}

// One document of a file: its text and the 0-based line where it starts.
struct Chunk {
  std::string_view text;
  int first_line = 0;
  int content_line = -1;    // 0-based line of the first thing that is not a comment, a directive or blank
  std::string_view content; // that thing
};

// Splits a file at its `---` document markers. yaml-cpp 0.7's LoadAll loops forever, allocating, on some
// malformed input (a line that starts with ','); one Load per document does not.
std::vector<Chunk> split_documents(std::string_view text) {
  std::vector<Chunk> out;
  std::size_t start = 0;
  int start_line = 0;
  int content_line = -1;
  std::string_view content;
  int line = 0;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos)
      end = text.size();
    const auto row = text.substr(pos, end - pos);
    const bool marker =
        row.starts_with("---") && (row.size() == 3 || row[3] == ' ' || row[3] == '\t' || row[3] == '\r');
    if (marker && content_line >= 0) {
      out.push_back({text.substr(start, pos - start), start_line, content_line, content});
      start = pos;
      start_line = line;
      content_line = -1;
    }
    const auto rest = util::trim(marker ? row.substr(3) : row);
    if (content_line < 0 && !rest.empty() && rest.front() != '#' && (marker || rest.front() != '%')) {
      content_line = line;
      content = rest;
    }
    pos = end + 1;
  }
  out.push_back({text.substr(start), start_line, content_line, content});
  return out;
}

} // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& entry : entries)
    if (entry.key == key)
      return &entry.value;
  return nullptr;
}

const Node& Document::root() const {
  static const Node k_null;
  return documents.empty() ? k_null : documents.front();
}

Result<Document> load(std::string_view text, std::string_view path) {
  Document doc;
  Converter converter(doc.issues);
  int offset = 0;
  std::size_t values = 0;
  try {
    for (const auto& chunk : split_documents(text)) {
      offset = chunk.first_line;
      converter.set_line_offset(offset);
      // Under a byte per value, a smaller document cannot hold too many: only aliases can make it grow.
      if (chunk.text.size() >= k_max_nodes / 2)
        if (const auto line = count_values(chunk.text, values))
          return make_error(ErrorCode::parse, fmt::format("more than {} values", k_max_nodes),
                            std::string(path), *line + offset);
      const auto root = YAML::Load(std::string(chunk.text));
      // On a stray token where a document should start, yaml-cpp reads nothing and says nothing.
      const bool null_literal = chunk.content == "~" || chunk.content == "null" || chunk.content == "Null" ||
                                chunk.content == "NULL";
      if (root.IsNull() && chunk.content_line >= 0 && !null_literal)
        return make_error(
            ErrorCode::parse,
            fmt::format("unexpected '{}' where a document should start", chunk.content.substr(0, 1)),
            std::string(path), chunk.content_line + 1);
      doc.documents.push_back(converter.convert(root, 0, offset + 1, 1));
      if (converter.failed())
        return make_error(ErrorCode::parse, converter.error(), std::string(path), converter.error_line());
    }
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 + offset : 0;
    const int column = e.mark.line >= 0 ? e.mark.column + 1 : 0;
    const bool deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    return make_error(
        ErrorCode::parse,
        deep ? fmt::format("nested deeper than the YAML parser allows ({} levels)", k_parser_max_depth)
             : e.msg,
        std::string(path), line, column);
  } catch (const std::exception& e) { // std::bad_alloc and anything else yaml-cpp lets through
    return make_error(ErrorCode::parse, e.what(), std::string(path));
  }
  return doc;
}

} // namespace tacit::facts::yaml
