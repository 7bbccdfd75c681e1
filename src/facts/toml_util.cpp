#include "toml_util.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <toml++/toml.h>

namespace tacit::facts::toml {

namespace {

int line_of(const ::toml::node& node) {
  return node.source().begin.line > 0 ? static_cast<int>(node.source().begin.line) : 0;
}

int column_of(const ::toml::node& node) {
  return node.source().begin.column > 0 ? static_cast<int>(node.source().begin.column) : 0;
}

yaml::Node convert(const ::toml::node& node, int depth) {
  yaml::Node out;
  out.line = line_of(node);
  out.column = column_of(node);
  if (depth > yaml::k_max_depth)
    return out;
  if (const auto* table = node.as_table()) {
    out.kind = yaml::Node::Kind::map;
    for (const auto& [key, value] : *table) {
      yaml::Entry entry;
      entry.key = std::string(key.str());
      entry.line = key.source().begin.line > 0 ? static_cast<int>(key.source().begin.line) : line_of(value);
      entry.column = key.source().begin.column > 0 ? static_cast<int>(key.source().begin.column) : 0;
      entry.value = convert(value, depth + 1);
      out.entries.push_back(std::move(entry));
    }
    // toml++ keeps keys sorted; file order reads better in evidence and is what the YAML adapter gives.
    std::stable_sort(out.entries.begin(), out.entries.end(), [](const yaml::Entry& a, const yaml::Entry& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
  } else if (const auto* array = node.as_array()) {
    out.kind = yaml::Node::Kind::sequence;
    for (const auto& item : *array)
      out.items.push_back(convert(item, depth + 1));
  } else {
    out.kind = yaml::Node::Kind::scalar;
    if (const auto* text = node.as_string())
      out.value = text->get();
    else if (const auto* flag = node.as_boolean())
      out.value = flag->get() ? "true" : "false";
    else if (const auto* integer = node.as_integer())
      out.value = std::to_string(integer->get());
    else if (const auto* number = node.as_floating_point())
      out.value = std::to_string(number->get());
    // Dates and times are never a fact an extractor needs; they stay empty scalars.
  }
  return out;
}

} // namespace

Result<yaml::Node> load(std::string_view text, std::string_view path) {
  try {
    const ::toml::table table = ::toml::parse(text, path);
    return convert(table, 0);
  } catch (const ::toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return make_error(ErrorCode::parse, std::string(e.description()), std::string(path),
                      begin.line > 0 ? static_cast<int>(begin.line) : 0,
                      begin.column > 0 ? static_cast<int>(begin.column) : 0);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::parse, e.what(), std::string(path));
  }
}

} // namespace tacit::facts::toml
