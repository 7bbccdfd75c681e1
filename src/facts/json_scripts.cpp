#include "json_scripts.hpp"

#include <tacit/doc/languages.hpp>

#include <cstring>

namespace tacit::facts {

namespace {

std::string json_node_text(TSNode node, std::string_view source) {
  const auto begin = ts_node_start_byte(node);
  const auto end = ts_node_end_byte(node);
  return std::string(source.substr(begin, end - begin));
}

// The unescaped value of a JSON string node (escapes other than \" and \\ kept as written).
std::string string_value(TSNode node, std::string_view source) {
  auto text = json_node_text(node, source);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    text = text.substr(1, text.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() &&
        (text[i + 1] == '"' || text[i + 1] == '\\' || text[i + 1] == '/')) {
      out += text[++i];
    } else {
      out += text[i];
    }
  }
  return out;
}

// Calls visit(key, value) for each member of a JSON object; false from visit stops (and returns false).
template <class Visit> bool for_each_member(TSNode object, Visit visit) {
  for (uint32_t k = 0; k < ts_node_named_child_count(object); ++k) {
    const auto pair = ts_node_named_child(object, k);
    if (std::strcmp(ts_node_type(pair), "pair") != 0)
      continue;
    const auto key = ts_node_child_by_field_name(pair, "key", 3);
    const auto value = ts_node_child_by_field_name(pair, "value", 5);
    if (!ts_node_is_null(key) && !ts_node_is_null(value) && !visit(key, value))
      return false;
  }
  return true;
}

// The string members of a JSON object, with the lines of their keys.
void read_strings(TSNode object, std::string_view content, std::map<std::string, JsonString>& out) {
  for_each_member(object, [&](TSNode key, TSNode value) {
    if (std::strcmp(ts_node_type(value), "string") == 0)
      out[string_value(key, content)] =
          JsonString{string_value(value, content), static_cast<int>(ts_node_start_point(key).row) + 1};
    return true;
  });
}

// Converts a tree-sitter JSON value; false when nesting is too deep.
bool convert(TSNode node, std::string_view source, int depth, yaml::Node& out) {
  if (depth > yaml::k_max_depth)
    return false;
  out.line = static_cast<int>(ts_node_start_point(node).row) + 1;
  out.column = static_cast<int>(ts_node_start_point(node).column) + 1;
  const std::string_view type = ts_node_type(node);
  if (type == "object") {
    out.kind = yaml::Node::Kind::map;
    return for_each_member(node, [&](TSNode key, TSNode value) {
      yaml::Entry entry;
      entry.key = string_value(key, source);
      entry.line = static_cast<int>(ts_node_start_point(key).row) + 1;
      entry.column = static_cast<int>(ts_node_start_point(key).column) + 1;
      if (!convert(value, source, depth + 1, entry.value))
        return false;
      out.entries.push_back(std::move(entry));
      return true;
    });
  } else if (type == "array") {
    out.kind = yaml::Node::Kind::sequence;
    for (uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
      const auto child = ts_node_named_child(node, i);
      if (std::strcmp(ts_node_type(child), "comment") == 0)
        continue;
      out.items.emplace_back();
      if (!convert(child, source, depth + 1, out.items.back()))
        return false;
    }
  } else if (type == "null") {
    out.kind = yaml::Node::Kind::null;
  } else {
    out.kind = yaml::Node::Kind::scalar;
    out.value = type == "string" ? string_value(node, source) : json_node_text(node, source);
  }
  return true;
}

} // namespace

std::optional<yaml::Node> parse_json_tree(std::string_view content) {
  thread_local auto parser = doc::make_parser(doc::Language::Json);
  if (!parser)
    return std::nullopt;
  doc::TreePtr tree(
      ts_parser_parse_string(parser.get(), nullptr, content.data(), static_cast<uint32_t>(content.size())));
  if (!tree)
    return std::nullopt;
  const auto root = ts_tree_root_node(tree.get());
  if (ts_node_has_error(root))
    return std::nullopt;
  for (uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
    const auto child = ts_node_named_child(root, i);
    if (std::strcmp(ts_node_type(child), "comment") == 0)
      continue;
    yaml::Node out;
    if (!convert(child, content, 0, out))
      return std::nullopt;
    return out;
  }
  return std::nullopt;
}

PackageJson parse_package_json(std::string_view content) {
  PackageJson result;
  thread_local auto parser = doc::make_parser(doc::Language::Json);
  if (!parser)
    return result;
  doc::TreePtr tree(
      ts_parser_parse_string(parser.get(), nullptr, content.data(), static_cast<uint32_t>(content.size())));
  if (!tree)
    return result;
  const auto root = ts_tree_root_node(tree.get());
  TSNode object{};
  bool found = false;
  for (uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
    const auto child = ts_node_named_child(root, i);
    if (std::strcmp(ts_node_type(child), "object") == 0) {
      object = child;
      found = true;
      break;
    }
  }
  if (!found)
    return result;
  result.valid = !ts_node_has_error(root);
  for_each_member(object, [&](TSNode key, TSNode value) {
    const auto name = string_value(key, content);
    const int line = static_cast<int>(ts_node_start_point(key).row) + 1;
    const std::string_view type = ts_node_type(value);
    result.keys.emplace(name, line);
    if (name == "workspaces")
      result.has_workspaces = true;
    if (type == "string") {
      result.fields[name] = JsonString{string_value(value, content), line};
    } else if ((name == "scripts" || name == "engines") && type == "object") {
      read_strings(value, content, name == "scripts" ? result.scripts : result.engines);
    }
    return true;
  });
  return result;
}

} // namespace tacit::facts
