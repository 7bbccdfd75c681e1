// What the procedure rules share, about CI: which commands gate changes, CircleCI parameters, release jobs,
// and where gating CI runs a command (a finding's evidence).

#include "procedure_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace tacit::rules::procedure {

std::vector<engine::Location> ci_evidence(const engine::Context& context,
                                          std::span<const doc::CommandPattern> patterns, std::size_t limit) {
  std::vector<engine::Location> out;
  std::set<std::string> jobs;
  const auto& ci = context.ci();
  const Gate gate(ci);
  for (const auto& command : ci.commands) {
    if (out.size() >= limit)
      break;
    if (command.plumbing || command.foreign || !gate(command) || is_release_job(command) ||
        jobs.contains(command.path + "\n" + command.job))
      continue;
    for (const auto& words : doc::split_commands(without_parameters(command.text))) {
      const auto peeled = doc::peel_wrappers(words);
      const bool runs =
          std::any_of(patterns.begin(), patterns.end(), [&](const doc::CommandPattern& pattern) {
            return doc::matches(peeled, pattern) || doc::matches(words, pattern);
          });
      if (!runs)
        continue;
      jobs.insert(command.path + "\n" + command.job);
      out.push_back(
          engine::Location{command.path, command.line, command.column,
                           fmt::format("CI job '{}' runs `{}`", command.job, util::trim(command.text))});
      break;
    }
  }
  return out;
}

namespace {

bool is_gating(const facts::CiTrigger& trigger) {
  if (trigger.detail == "none")
    return false;
  return (trigger.event == "push" && !trigger.detail.starts_with("tags")) ||
         trigger.event == "pull_request" || trigger.event == "pull_request_target" ||
         trigger.event == "merge_group" || trigger.event == "workflow_call";
}

// A GitHub push trigger on the main branch only: what it runs, runs after the merge.
bool is_main_push(const facts::CiTrigger& trigger) {
  constexpr std::string_view k_prefix = "branches: ";
  if (trigger.event != "push" || !trigger.detail.starts_with(k_prefix))
    return false;
  for (auto branch : util::split(std::string_view(trigger.detail).substr(k_prefix.size()), ',')) {
    branch = util::trim(branch);
    if (branch != "main" && branch != "master" && branch != "trunk")
      return false;
  }
  return true;
}

// Actions (lower-cased "owner/name") whose job deploys or commits for the team. Release actions are not
// here: a build job often uploads its artifacts with one, guarded by a release condition, and checks too.
constexpr std::array<std::string_view, 8> k_publishing_actions{"actions/deploy-pages",
                                                               "actions/upload-pages-artifact",
                                                               "peaceiris/actions-gh-pages",
                                                               "jamesives/github-pages-deploy-action",
                                                               "stefanzweifel/git-auto-commit-action",
                                                               "peter-evans/create-pull-request",
                                                               "endbug/add-and-commit",
                                                               "ad-m/github-push-action"};

bool is_publishing_action(std::string_view uses) {
  const auto name = util::to_lower(uses.substr(0, uses.find('@')));
  return std::any_of(k_publishing_actions.begin(), k_publishing_actions.end(),
                     [&](std::string_view pattern) { return util::glob_match(pattern, name); });
}

} // namespace

Gate::Gate(const facts::CiFacts& ci) {
  std::map<std::string, bool> main_push_only; // GitHub workflows: every gating trigger is a push to main
  // A push's `paths:` filter narrows the same event its `branches:` filter does (each is a trigger of its
  // own here): it decides nothing about the branch, unless the push has no branch filter (any branch).
  std::set<std::string> path_filtered_pushes;
  std::set<std::string> branch_filtered_pushes;
  for (const auto& trigger : ci.triggers) {
    auto& gates = trigger.job.empty() ? m_files[trigger.path] : m_jobs[trigger.job];
    gates = gates || is_gating(trigger);
    if (trigger.job.empty() && trigger.path.starts_with(".github/") && is_gating(trigger)) {
      if (trigger.event == "push" &&
          (trigger.detail.starts_with("paths: ") || trigger.detail.starts_with("paths-ignore: "))) {
        path_filtered_pushes.insert(trigger.path);
        continue;
      }
      if (trigger.event == "push" && trigger.detail.starts_with("branches: "))
        branch_filtered_pushes.insert(trigger.path);
      const auto [it, added] = main_push_only.emplace(trigger.path, true);
      it->second = it->second && is_main_push(trigger);
    }
  }
  for (const auto& path : path_filtered_pushes)
    if (!branch_filtered_pushes.contains(path))
      main_push_only[path] = false;
  for (const auto& [path, only] : main_push_only)
    if (only)
      m_files[path] = false;
  for (const auto& action : ci.actions)
    if (is_publishing_action(action.uses))
      m_publishing_jobs.insert(action.path + "\n" + action.job);
}

bool Gate::operator()(const facts::CiCommand& command) const {
  const auto& pipeline = command.pipeline.empty() ? command.path : command.pipeline;
  const auto file = m_files.find(pipeline);
  if (file != m_files.end() ? !file->second : pipeline.starts_with(".github/workflows/"))
    return false;
  if (m_publishing_jobs.contains(pipeline + "\n" + command.job) ||
      m_publishing_jobs.contains(command.path + "\n" + command.job))
    return false;
  if (pipeline.starts_with(".github/"))
    return true; // GitHub's triggers are the workflow's, and its job names are no other system's
  const auto job = m_jobs.find(command.job);
  return job == m_jobs.end() || job->second;
}

std::string without_parameters(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto open = text.find("<<");
    const auto close = open == std::string_view::npos ? open : text.find(">>", open + 2);
    const auto inner = close == std::string_view::npos ? std::string_view()
                                                       : util::trim(text.substr(open + 2, close - open - 2));
    if (!inner.starts_with("parameters.") && !inner.starts_with("pipeline.")) {
      if (open == std::string_view::npos || close == std::string_view::npos) {
        out += text;
        break;
      }
      out += text.substr(0, open + 2);
      text.remove_prefix(open + 2);
      continue;
    }
    out += text.substr(0, open);
    out += "$PARAMETER";
    text.remove_prefix(close + 2);
  }
  return out;
}

namespace {

// The value `env:` gives `name`, or null.
const std::string* env_value(const facts::CiCommand& command, std::string_view name) {
  for (const auto& [key, value] : command.env)
    if (key == name)
      return &value;
  return nullptr;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

} // namespace

namespace {

// `text` with every `${{ matrix.NAME }}` written as `value`; nullopt when it names no such value.
std::optional<std::string> with_matrix_value(std::string_view text, std::string_view name,
                                             std::string_view value) {
  std::string out;
  bool found = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto open = text.find("${{", i);
    const auto close = open == std::string_view::npos ? open : text.find("}}", open + 3);
    if (close == std::string_view::npos) {
      out += text.substr(i);
      break;
    }
    const auto inner = util::trim(text.substr(open + 3, close - open - 3));
    const bool match = inner.starts_with("matrix.") && inner.substr(7) == name;
    out += text.substr(i, (match ? open : close + 2) - i);
    if (match)
      out += value;
    found = found || match;
    i = close + 2;
  }
  return found ? std::optional(out) : std::nullopt;
}

// At most this many variants of one command line: a larger matrix is left unresolved.
constexpr std::size_t k_max_matrix_variants = 8;

} // namespace

std::string resolved_text(const facts::CiCommand& command) {
  auto text = without_parameters(with_env_values(command));
  if (command.matrix.empty() || text.find("${{") == std::string::npos)
    return text;
  // One command per combination of the values the matrix states for the names it uses, as separate
  // commands of the line (`npm run ${{ matrix.task }}` over lint, test: `npm run lint; npm run test`).
  std::vector<std::string> variants{text};
  for (const auto& [name, values] : command.matrix) {
    if (values.empty() || variants.size() * values.size() > k_max_matrix_variants ||
        !with_matrix_value(variants.front(), name, values.front()))
      continue;
    std::vector<std::string> next;
    for (const auto& variant : variants)
      for (const auto& value : values)
        next.push_back(*with_matrix_value(variant, name, value));
    variants = std::move(next);
  }
  return util::join(variants, "; ");
}

std::string with_env_values(const facts::CiCommand& command) {
  const auto& text = command.text;
  if (command.env.empty() || text.find('$') == std::string::npos)
    return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '$') {
      out += text[i++];
      continue;
    }
    // `${{ env.NAME }}`
    if (text.compare(i, 3, "${{") == 0) {
      const auto close = text.find("}}", i + 3);
      if (close != std::string::npos) {
        const auto inner = util::trim(std::string_view(text).substr(i + 3, close - i - 3));
        if (inner.starts_with("env.")) {
          if (const auto* value = env_value(command, inner.substr(4))) {
            out += *value;
            i = close + 2;
            continue;
          }
        }
      }
      out += text[i++];
      continue;
    }
    // `${NAME}` and `$NAME`
    const bool braced = i + 1 < text.size() && text[i + 1] == '{';
    std::size_t end = i + (braced ? 2 : 1);
    while (end < text.size() && is_name_char(text[end]))
      ++end;
    const auto name = std::string_view(text).substr(i + (braced ? 2 : 1), end - i - (braced ? 2 : 1));
    const bool closed = !braced || (end < text.size() && text[end] == '}');
    const auto* value = !name.empty() && closed ? env_value(command, name) : nullptr;
    if (value == nullptr) {
      out += text[i++];
      continue;
    }
    out += *value;
    i = end + (braced ? 1 : 0);
  }
  return out;
}

bool is_release_job(const facts::CiCommand& command) {
  const auto names = util::to_lower(command.job + " " + command.step);
  for (std::string_view word : {"release", "publish", "deploy", "goreleaser"})
    if (names.find(word) != std::string::npos)
      return true;
  // So is every job of a release workflow (release.yml, publish.yml), and a local action that only it uses.
  const auto pipeline = util::to_lower(command.pipeline.empty() ? command.path : command.pipeline);
  for (std::string_view word : {"release", "publish", "deploy"})
    if (util::base_name(pipeline).find(word) != std::string::npos)
      return true;
  // Benchmark jobs measure; they do not gate (CodSpeed, `bench`, `benchmarks`).
  for (std::string_view word : {"bench", "codspeed"})
    if (names.find(word) != std::string::npos || util::base_name(pipeline).find(word) != std::string::npos)
      return true;
  // So do size reports (`size data`, `size-report.yml`: a bundle's sizes uploaded for a bot's comment): the
  // two words side by side in one name, not "size" in a job's name and "data" in a step's.
  for (std::string text :
       {util::to_lower(command.job), util::to_lower(command.step), std::string(pipeline)}) {
    std::ranges::replace_if(
        text, [](char c) { return c == '-' || c == '_' || c == '.' || c == '/'; }, ' ');
    if (text.find("size data") != std::string::npos || text.find("size report") != std::string::npos)
      return true;
  }
  // A step that warms or fills a cache runs a build for its side effect, not as a check.
  std::string word;
  for (const char c : util::to_lower(command.step) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
      continue;
    }
    if (word == "cache" || word == "warm" || word == "prefetch")
      return true;
    word.clear();
  }
  return false;
}

} // namespace tacit::rules::procedure
