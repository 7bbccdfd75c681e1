#include "json_scripts.hpp"
#include "toml_util.hpp"

#include <tacit/facts/packages.hpp>

namespace tacit::facts {

bool is_package_manifest(std::string_view file_name) {
  return file_name == "package.json" || file_name == "Cargo.toml";
}

std::string package_name(std::string_view file_name, std::string_view text) {
  if (file_name == "package.json") {
    const auto json = parse_package_json(text);
    const auto it = json.fields.find("name");
    return json.valid && it != json.fields.end() ? it->second.value : std::string();
  }
  if (file_name == "Cargo.toml") {
    const auto toml = toml::load(text, "Cargo.toml");
    if (!toml)
      return {};
    const auto* package = toml->find("package");
    const auto* name = package != nullptr ? package->find("name") : nullptr;
    return name != nullptr ? std::string(name->scalar()) : std::string();
  }
  return {};
}

} // namespace tacit::facts
