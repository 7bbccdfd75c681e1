// Every configuration example in README.md and docs/ loads, so that examples never rot. A fenced ```yaml
// block whose first line that is not a comment starts with `version:` is a .tacit.yaml: it is loaded and
// validated against the built-in rules (local files it extends read as empty configurations). A block that
// starts with a `# <folder>/<name>.yaml` comment followed by `id:` is a rule file: it is loaded as one.

#include <tacit/catalog/catalog.hpp>
#include <tacit/declarative/rules.hpp>
#include <tacit/engine/config.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace tacit;

namespace {

namespace fs = std::filesystem;

struct Snippet {
  std::string where; ///< file:line of the fence
  std::string text;
};

std::vector<Snippet> yaml_blocks(const fs::path& file, const std::string& shown) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const auto content = buffer.str();
  std::vector<Snippet> out;
  std::optional<Snippet> open;
  int number = 0;
  for (auto line : util::split_lines(content)) {
    ++number;
    if (!open && line == "```yaml") {
      open = Snippet{fmt::format("{}:{}", shown, number), {}};
    } else if (open && line.starts_with("```")) {
      out.push_back(std::move(*open));
      open.reset();
    } else if (open) {
      open->text += line;
      open->text += '\n';
    }
  }
  return out;
}

std::vector<Snippet> all_blocks() {
  const fs::path source = TACIT_SOURCE_DIR;
  std::vector<Snippet> out = yaml_blocks(source / "README.md", "README.md");
  std::vector<fs::path> docs;
  for (const auto& entry : fs::recursive_directory_iterator(source / "docs"))
    if (entry.path().extension() == ".md")
      docs.push_back(entry.path());
  std::sort(docs.begin(), docs.end());
  for (const auto& doc : docs)
    for (auto& block : yaml_blocks(doc, fs::relative(doc, source).string()))
      out.push_back(std::move(block));
  return out;
}

// The first line that is neither blank nor a comment.
std::string_view first_key_line(std::string_view text) {
  for (auto line : util::split_lines(text))
    if (auto trimmed = util::trim(line); !trimmed.empty() && !trimmed.starts_with('#'))
      return trimmed;
  return {};
}

} // namespace

TEST_CASE("docs: every .tacit.yaml example in README.md and docs/ loads and names only known rules") {
  const auto metas = catalog::builtin().metas();
  std::size_t configs = 0;
  for (const auto& block : all_blocks()) {
    if (!first_key_line(block.text).starts_with("version:"))
      continue;
    ++configs;
    INFO(block.where, "\n", block.text);
    const engine::ConfigReader stub = [](const std::string&) -> Result<std::string> {
      return std::string("version: 1\n");
    };
    auto config = engine::load_config(block.text, ".tacit.yaml", stub, metas);
    REQUIRE_MESSAGE(config, (config ? std::string{} : to_string(config.error())));
    auto valid = engine::validate_config(*config, metas);
    CHECK_MESSAGE(valid, (valid ? std::string{} : to_string(valid.error())));
  }
  CHECK(configs >= 4); // README (2) and docs/configuration.md (2) at least
}

TEST_CASE("docs: every rule file example in README.md and docs/ loads") {
  std::size_t rules = 0;
  for (const auto& block : all_blocks()) {
    const auto first = util::split_lines(block.text).front();
    if (!first.starts_with("# ") || !first.ends_with(".yaml") || first.ends_with(".tacit.yaml") ||
        !first_key_line(block.text).starts_with("id:"))
      continue;
    ++rules;
    INFO(block.where, "\n", block.text);
    auto rule = declarative::load_rule_file(block.text, std::string(first.substr(2)), {});
    CHECK_MESSAGE(rule, (rule ? std::string{} : to_string(rule.error())));
  }
  CHECK(rules >= 1); // README's security-policy rule at least
}
