// The yaml-cpp adapter: loading with exceptions caught, merge keys, duplicate keys, marks, scalar lines.

#include "yaml_util.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>
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
  std::string m_error;
  int m_error_line = 0;
};

Node Converter::convert(const YAML::Node& in, int depth, int fallback_line, int fallback_column) {
  Node out;
  const auto mark = in.Mark();
  // A null value's mark points at the token after it: its key's mark is the better place.
  const bool has_mark = mark.line >= 0 && !in.IsNull();
  out.line = has_mark ? mark.line + 1 : fallback_line;
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
    const int key_line = key_mark.line >= 0 ? key_mark.line + 1 : out.line;
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
      if (value.is_map())
        merge.sources.push_back(std::move(value));
      for (auto& item : value.items)
        if (item.is_map())
          merge.sources.push_back(std::move(item));
        else
          m_issues.push_back({item.line, "a merged value (`<<`) that is not a mapping is ignored"});
      if (!value.is_map() && !value.is_sequence())
        m_issues.push_back({key_line, "a merge key (`<<`) needs a mapping or a list of mappings"});
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

std::size_t leading_spaces(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ')
    ++n;
  return n;
}

bool is_blank(std::string_view line) {
  return util::trim(line).empty();
}

// Moves (row, col) past an anchor and a tag to the first character of the value itself.
void skip_properties(const std::vector<std::string_view>& lines, std::size_t& row, std::size_t& col) {
  for (int rows = 0; row < lines.size() && rows < 4;) {
    const auto line = lines[row];
    while (col < line.size() && (line[col] == ' ' || line[col] == '\t'))
      ++col;
    if (col >= line.size()) {
      ++row, ++rows;
      col = 0;
      continue;
    }
    if (line[col] != '&' && line[col] != '!')
      return;
    while (col < line.size() && line[col] != ' ' && line[col] != '\t')
      ++col;
  }
}

// A literal block keeps every line break: line i of the value is line i after the header.
void literal_lines(const Node& node, const std::vector<std::string_view>& lines, std::size_t header,
                   std::vector<ScalarLine>& out) {
  const auto pieces = util::split(node.value, '\n');
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (is_blank(pieces[i]))
      continue;
    const std::size_t row = header + 1 + i;
    int column = 1;
    if (row < lines.size() && lines[row].ends_with(pieces[i]))
      column = static_cast<int>(lines[row].size() - pieces[i].size()) + 1;
    out.push_back({std::string(pieces[i]), static_cast<int>(row) + 1, column});
  }
}

// A folded block joins lines at its own indentation with spaces; blank and more-indented lines break.
void folded_lines(const std::vector<std::string_view>& lines, std::size_t header,
                  std::vector<ScalarLine>& out) {
  std::size_t row = header + 1;
  while (row < lines.size() && is_blank(lines[row]))
    ++row;
  if (row >= lines.size())
    return;
  const std::size_t indent = leading_spaces(lines[row]);
  ScalarLine current;
  auto flush = [&] {
    if (!current.text.empty())
      out.push_back(std::move(current));
    current = ScalarLine{};
  };
  for (; row < lines.size(); ++row) {
    const auto line = lines[row];
    if (is_blank(line)) {
      flush();
      continue;
    }
    const auto lead = leading_spaces(line);
    if (lead < indent)
      break;
    const auto text = util::trim_right(line.substr(lead));
    if (lead > indent) {
      flush();
      out.push_back({std::string(text), static_cast<int>(row) + 1, static_cast<int>(lead) + 1});
    } else if (current.text.empty()) {
      current = {std::string(text), static_cast<int>(row) + 1, static_cast<int>(lead) + 1};
    } else {
      current.text += ' ';
      current.text += text;
    }
  }
  flush();
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
  try {
    const auto roots = YAML::LoadAll(std::string(text));
    Converter converter(doc.issues);
    for (const auto& root : roots) {
      doc.documents.push_back(converter.convert(root, 0, 1, 1));
      if (converter.failed())
        return make_error(ErrorCode::parse, converter.error(), std::string(path), converter.error_line());
    }
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    const int column = e.mark.line >= 0 ? e.mark.column + 1 : 0;
    return make_error(ErrorCode::parse, e.msg, std::string(path), line, column);
  } catch (const std::exception& e) { // std::bad_alloc and anything else yaml-cpp lets through
    return make_error(ErrorCode::parse, e.what(), std::string(path));
  }
  return doc;
}

std::vector<ScalarLine> scalar_lines(const Node& node, const std::vector<std::string_view>& lines) {
  std::vector<ScalarLine> out;
  if (!node.is_scalar() || is_blank(node.value))
    return out;
  std::size_t row = node.line > 0 ? static_cast<std::size_t>(node.line - 1) : lines.size();
  std::size_t col = node.column > 0 ? static_cast<std::size_t>(node.column - 1) : 0;
  skip_properties(lines, row, col);
  const char first = row < lines.size() && col < lines[row].size() ? lines[row][col] : '\0';
  if (first == '|') {
    literal_lines(node, lines, row, out);
    return out;
  }
  if (first == '>') {
    folded_lines(lines, row, out);
    return out;
  }
  // Plain or quoted: the value's lines, all at the scalar's line (the text starts after a quote).
  const bool quoted = first == '"' || first == '\'';
  const int line = row < lines.size() ? static_cast<int>(row) + 1 : node.line;
  const int column = row < lines.size() ? static_cast<int>(col) + (quoted ? 2 : 1) : node.column;
  bool first_piece = true;
  for (auto piece : util::split(node.value, '\n')) {
    const auto trimmed = util::trim(piece);
    if (!trimmed.empty()) {
      const int lead = first_piece ? static_cast<int>(piece.size() - util::trim_left(piece).size()) : 0;
      out.push_back({std::string(trimmed), line, column + lead});
    }
    first_piece = false;
  }
  return out;
}

} // namespace tacit::facts::yaml
