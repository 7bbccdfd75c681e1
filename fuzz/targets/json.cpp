// The JSON readers: the strict reader with locations (util::json) and the baseline file built on it, and the
// plain-tree and package.json readers of the per-run file cache (facts).

#include "../../src/facts/json_scripts.hpp" // PackageJson (internal to facts)
#include "../../src/facts/yaml_util.hpp"    // the plain tree
#include "../fuzz_target.hpp"

#include <tacit/engine/baseline.hpp>
#include <tacit/facts/file_cache.hpp>
#include <tacit/util/json_parse.hpp>

#include <string>

TACIT_FUZZ_TARGET(json) {
  const auto text = tacit::fuzz::as_text(data, size);
  if (auto value = tacit::util::json::parse(text, "fuzz.json"))
    tacit::util::json::quote(value->text);
  if (auto baseline = tacit::engine::parse_baseline(text, ".tacit-baseline.json"))
    tacit::engine::render_baseline(*baseline);

  const std::string content(text);
  tacit::facts::ParsedFileCache files([&](const tacit::repo::FileEntry&) { return content; });
  const tacit::repo::FileEntry package{"package.json", 0100644, content.size()};
  files.package_json(package);
  files.json(package);
  return 0;
}
