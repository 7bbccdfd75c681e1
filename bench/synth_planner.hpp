// Planner: the budgeted path allocator shared by the layout code (synth_plan.cpp, synth_modules.cpp).
#pragma once

#include "synth.hpp"

#include <fmt/format.h>

#include <unordered_set>

namespace tacit::bench {

// Hands out tracked files until the budget of exactly N is spent; paths are unique.
class Planner {
public:
  Planner(std::uint64_t tracked_files, std::uint64_t seed) : m_budget(tracked_files), m_rng(seed) {
    m_plan.seed = seed;
  }

  std::uint64_t left() const { return m_budget - m_used; }
  Rng& rng() { return m_rng; }
  Plan& plan() { return m_plan; }

  // Adds a file if the budget allows (ignored files are free); returns false when it is spent.
  bool add(FileSpec spec) {
    if (spec.tracked && m_used >= m_budget) {
      return false;
    }
    if (!m_paths.insert(spec.path).second) {
      return true;
    }
    if (spec.tracked) {
      ++m_used;
    }
    m_plan.files.push_back(std::move(spec));
    return true;
  }

  bool add(std::string path, FileKind kind, std::uint32_t size = 0) {
    FileSpec spec;
    spec.path = std::move(path);
    spec.kind = kind;
    spec.size = size;
    return add(std::move(spec));
  }

  // `dir/stem.ext`, or `dir/stem-2.ext` and so on if taken.
  std::string unique(std::string_view dir, std::string_view stem, std::string_view ext) {
    std::string path = fmt::format("{}/{}{}", dir, stem, ext);
    for (int n = 2; m_paths.contains(path); ++n) {
      path = fmt::format("{}/{}-{}{}", dir, stem, n, ext);
    }
    return path;
  }

  // A module or library name not used before.
  std::string fresh_name() {
    for (;;) {
      const auto [short_name, adjective, noun] =
          std::tuple{m_rng.percent(40), m_rng.pick(words::adjectives), m_rng.pick(words::nouns)};
      std::string name = short_name ? std::string{noun} : fmt::format("{}-{}", adjective, noun);
      if (m_names.insert(name).second) {
        return name;
      }
      if (m_rng.percent(30)) {
        name = fmt::format("{}{}", name, m_names.size());
        m_names.insert(name);
        return name;
      }
    }
  }

private:
  std::uint64_t m_budget;
  std::uint64_t m_used = 0;
  Rng m_rng;
  Plan m_plan;
  std::unordered_set<std::string> m_paths;
  std::unordered_set<std::string> m_names;
};

// Plans language modules (services, packages, crates...) until the budget is spent.
void plan_modules(Planner& p);

// A spec with the given path, kind and target size.
FileSpec make(std::string path, FileKind kind, std::uint32_t size = 0);

} // namespace tacit::bench
