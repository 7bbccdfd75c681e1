// Odd files every real tree has (binary blobs, UTF-16, Latin-1, minified bundles, huge fixtures), and the
// dispatch from a planned file to its renderer.
#include "synth.hpp"

#include <fmt/format.h>

namespace tacit::bench {
namespace {

void random_bytes(std::string& out, Rng& rng, std::size_t count) {
  while (count > 0) {
    std::uint64_t bits = rng.next();
    for (int i = 0; i < 8 && count > 0; ++i, --count) {
      out.push_back(static_cast<char>(bits & 0xff));
      bits >>= 8;
    }
  }
}

std::string minified_js(Rng& rng, std::uint32_t size) {
  std::string out = "/*! example bundle | MIT */";
  while (out.size() < size) {
    const auto [verb, noun, letter, field, arg] =
        std::tuple{rng.pick(words::verbs), rng.pick(words::nouns), rng.below(26), rng.pick(words::nouns),
                   rng.range(0, 999)};
    out += fmt::format("var {0}{1}=function({2}){{return {2}&&{2}.{3}?{2}.{3}({4}):null}};", verb,
                       camel(noun), static_cast<char>('a' + letter), field, arg);
    if (rng.percent(10)) {
      const auto [name, value] = std::tuple{rng.pick(words::nouns), rng.range(0, 99999)};
      out += fmt::format("exports.{}={};", name, value);
    }
  }
  out += '\n';
  return out;
}

std::string large_json(Rng& rng, std::uint32_t size) {
  std::string out = "[\n";
  for (int id = 0; out.size() < size; ++id) {
    const auto [key, value, count_key, count, tag, other_tag, active] = std::tuple{
        rng.pick(words::nouns),   rng.pick(words::adjectives), rng.pick(words::nouns), rng.range(0, 1000000),
        rng.pick(words::domains), rng.pick(words::verbs),      rng.percent(50)};
    out += fmt::format(
        "  {{\"id\": {}, \"{}\": \"{}\", \"{}\": {}, \"tags\": [\"{}\", \"{}\"], \"active\": {}}},\n", id,
        key, value, count_key, count, tag, other_tag, active ? "true" : "false");
  }
  out.resize(out.size() - 2);
  out += "\n]\n";
  return out;
}

std::string vendor_modules(Rng& rng) {
  std::string out;
  for (int i = 0; i < 40; ++i) {
    const auto [org, lib, minor, patch] =
        std::tuple{rng.pick(words::people), rng.pick(words::nouns), rng.range(0, 20), rng.range(0, 9)};
    out += fmt::format("# github.com/{0}/{1} v1.{2}.{3}\n## explicit; go 1.20\ngithub.com/{0}/{1}\n", org,
                       lib, minor, patch);
  }
  return out;
}

} // namespace

std::string render_odd(const Plan& /*plan*/, const FileSpec& spec, Rng& rng) {
  std::string out;
  switch (spec.kind) {
  case FileKind::png:
    out = std::string{"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16};
    random_bytes(out, rng, spec.size);
    return out;
  case FileKind::binary_blob:
    random_bytes(out, rng, spec.size);
    return out;
  case FileKind::utf16_text: {
    std::string text = "Legacy notes exported from the old wiki.\r\n";
    while (text.size() < spec.size / 2) {
      append_sentence(text, rng);
      text += "\r\n";
    }
    out = "\xff\xfe";
    for (const char c : text) {
      out.push_back(c);
      out.push_back('\0');
    }
    return out;
  }
  case FileKind::latin1_text:
    while (out.size() < spec.size) {
      append_sentence(out, rng);
      out += "Caf\xe9 r\xe9sum\xe9 na\xefve \xa9 2019.\n";
    }
    return out;
  case FileKind::minified_js:
    return minified_js(rng, spec.size);
  case FileKind::large_json:
    return large_json(rng, spec.size);
  case FileKind::vendor_modules_txt:
    return vendor_modules(rng);
  case FileKind::symlink:
    return spec.target;
  default:
    return out;
  }
}

std::string render_file(const Plan& plan, const FileSpec& spec) {
  Rng rng(hash_text(spec.path, plan.seed));
  std::string out;
  switch (spec.kind) {
  case FileKind::source:
  case FileKind::test:
  case FileKind::vendor_source:
    out = render_code(plan, spec, rng);
    break;
  case FileKind::doc:
  case FileKind::adr:
  case FileKind::module_readme:
  case FileKind::module_agents:
  case FileKind::root_readme:
  case FileKind::agents:
  case FileKind::claude:
  case FileKind::contributing:
  case FileKind::architecture:
  case FileKind::changelog:
    out = render_doc(plan, spec, rng);
    break;
  case FileKind::binary_blob:
  case FileKind::png:
  case FileKind::utf16_text:
  case FileKind::latin1_text:
  case FileKind::empty:
  case FileKind::minified_js:
  case FileKind::large_json:
  case FileKind::vendor_modules_txt:
  case FileKind::symlink:
    out = render_odd(plan, spec, rng);
    break;
  default:
    out = render_build(plan, spec, rng);
    break;
  }
  if (spec.crlf) {
    std::string crlf;
    crlf.reserve(out.size() + out.size() / 32);
    for (const char c : out) {
      if (c == '\n') {
        crlf.push_back('\r');
      }
      crlf.push_back(c);
    }
    out = std::move(crlf);
  }
  return out;
}

} // namespace tacit::bench
