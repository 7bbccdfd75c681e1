// The configuration loader: a .tacit.yaml and the files it `extends` (in one input, see split_files),
// validated against the built-in rules, merged, and printed back as `tacit config` does.

#include "../fuzz_target.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/config.hpp>

#include <map>

TACIT_FUZZ_TARGET(config) {
  const auto files = tacit::fuzz::split_files(tacit::fuzz::as_text(data, size), ".tacit.yaml");
  std::map<std::string, std::string> content;
  for (const auto& [path, text] : files)
    content.emplace(path, text);
  const tacit::engine::ConfigReader read = [&](const std::string& path) -> tacit::Result<std::string> {
    if (const auto it = content.find(path); it != content.end())
      return it->second;
    return tacit::make_error(tacit::ErrorCode::config, "no such file", path);
  };
  const auto rules = tacit::catalog::builtin().metas();
  if (auto config = tacit::engine::load_config(files.front().second, ".tacit.yaml", read, rules)) {
    tacit::engine::validate_config(*config, rules);
    tacit::engine::format_config(*config);
  }
  return 0;
}
