// CTX010 machine-specific-path: an absolute home-directory path (/Users/x, /home/x, C:\Users\x) in a
// context file.

#include "context_hygiene.hpp"
#include "fix_support.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX010",
    .name = "machine-specific-path",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary = "an absolute home-directory path (/Users/x, /home/x, C:\\Users\\x) in an agent context file",
    .docs =
        {
            .what_it_does =
                "Finds absolute paths into one person's home directory in agent context files, code blocks "
                "included: `/Users/<name>/...` (macOS), `/home/<name>/...` (Linux) and "
                "`C:\\Users\\<name>\\...` (Windows), with at least one path segment after the user name. "
                "Names that stand for anyone are not one person's: placeholders (`/home/user`, "
                "`/Users/you`, `/Users/<name>`, `/home/$USER`, `/Users/USERNAME`, example names such as "
                "alice or jdoe) and the users of CI runners, containers and cloud images (`/home/runner`, "
                "`/home/vscode`, `/home/node`, `/home/ubuntu`, `/home/linuxbrew`...). URLs "
                "(`https://example.com/home/...`), paths inside other paths (`src/home/...`) and lines about "
                "web routes are not file paths. Personal files (CLAUDE.local.md) may hold such paths. One "
                "finding per home directory and file, at its first use. A context file that is a symlink to "
                "another (CLAUDE.md -> AGENTS.md) is read once, as its target.",
            .why_it_matters =
                "A path into one developer's home exists on no other machine: not on a teammate's, not in "
                "CI, not in the container or cloud sandbox an agent runs in. An agent told to read "
                "`/Users/alice/work/app/config.yml` fails, or worse, looks for a substitute; the path also "
                "leaks a user name and a directory layout.",
            .example = "AGENTS.md was written on a laptop:\n\n"
                       "```markdown\nThe fixtures live in /Users/mkhan/src/shop/tests/fixtures.\n```\n\n"
                       "```\nAGENTS.md:3:22: CTX010 '/Users/mkhan/src/shop/tests/fixtures' is a path on one "
                       "developer's machine\n  hint: write the path relative to the repository root "
                       "('tests/fixtures')\n```",
            .how_to_fix = "Write paths relative to the repository root. For a per-user file, write `~/...` "
                          "or `$HOME/...`; for a tool's location, say how to find it (`which`, an "
                          "environment variable).",
        },
    .fixable = true,
};

// User names that stand for anyone: placeholders, example people, CI runners, containers, cloud images.
constexpr std::array<std::string_view, 48> k_generic_users{
    "user",      "username",   "user1",    "users",  "you",         "yourname", "yourusername", "me",
    "name",      "myuser",     "myname",   "runner", "runneradmin", "ubuntu",   "vscode",       "node",
    "codespace", "codespaces", "circleci", "travis", "jenkins",     "gitpod",   "admin",        "ec2-user",
    "dev",       "developer",  "app",      "coder",  "linuxbrew",   "shared",   "guest",        "foo",
    "bar",       "john",       "jane",     "jdoe",   "johndoe",     "janedoe",  "alice",        "bob",
    "example",   "someone",    "somebody", "test",   "docker",      "vagrant",  "default",      "public"};

bool is_generic_user(std::string_view name) {
  const auto lower = util::to_lower(name);
  if (std::find(k_generic_users.begin(), k_generic_users.end(), lower) != k_generic_users.end())
    return true;
  if (lower.find("user") != std::string::npos || lower.find("your") != std::string::npos ||
      lower.find("name") != std::string::npos || lower.find("xxx") != std::string::npos)
    return true;
  // USERNAME, ME, YOU: written in capitals, a name is a placeholder.
  return name.size() > 1 &&
         std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_name_char(char c) {
  return is_word_char(c) || c == '.' || c == '-';
}

bool is_separator(char c) {
  return c == '/' || c == '\\';
}

// Where the path ends: at a blank, a quote or a closing bracket; trailing punctuation is not the path's.
std::size_t path_end(std::string_view line, std::size_t from) {
  std::size_t end = from;
  while (end < line.size() &&
         std::string_view(" \t\"'`<>()[]{}|,;*").find(line[end]) == std::string_view::npos)
    ++end;
  while (end > from && std::string_view(".:").find(line[end - 1]) != std::string_view::npos)
    --end;
  return end;
}

struct HomePath {
  std::size_t column = 0; // 0-based
  std::string path;       // the whole path as written
  std::string home;       // "/Users/alice", "C:\Users\alice"
  std::string rest;       // what follows the home directory, '/'-separated
};

// A home directory path starting at `at` after its user name, or nullopt.
std::optional<HomePath> read_home(std::string_view line, std::size_t at, std::size_t name_begin) {
  std::size_t name_end = name_begin;
  while (name_end < line.size() && is_name_char(line[name_end]))
    ++name_end;
  const auto name = line.substr(name_begin, name_end - name_begin);
  if (name.empty() || !is_word_char(name[0]) || name_end >= line.size() || !is_separator(line[name_end]) ||
      is_generic_user(name))
    return std::nullopt;
  std::size_t rest_begin = name_end;
  while (rest_begin < line.size() && is_separator(line[rest_begin]))
    ++rest_begin;
  const auto end = path_end(line, rest_begin);
  if (end <= rest_begin || !is_name_char(line[rest_begin]))
    return std::nullopt;
  HomePath home{at, std::string(line.substr(at, end - at)), std::string(line.substr(at, name_end - at)), {}};
  for (char c : line.substr(rest_begin, end - rest_begin))
    if (!is_separator(c) || (!home.rest.empty() && home.rest.back() != '/'))
      home.rest += is_separator(c) ? '/' : c;
  return home;
}

// Lines about web routes: "/home/dashboard" there is a URL path.
bool about_routes(std::string_view line) {
  const auto lower = util::to_lower(line);
  for (std::string_view word : {"route", "url", "endpoint", "href", "redirect", "navigate", "get ", "post "})
    if (lower.find(word) != std::string::npos)
      return true;
  return false;
}

std::vector<HomePath> find_home_paths(std::string_view line) {
  std::vector<HomePath> out;
  const bool routes = line.find("/home/") != std::string_view::npos && about_routes(line);
  for (std::size_t at = 0; at < line.size(); ++at) {
    const auto rest = line.substr(at);
    const char before = at > 0 ? line[at - 1] : ' ';
    const bool file_url = at >= 7 && line.substr(at - 7, 7) == "file://";
    const bool starts_token =
        file_url ||
        (!is_word_char(before) && std::string_view(".-~$}/\\").find(before) == std::string_view::npos);
    std::optional<HomePath> found;
    if (starts_token && rest.starts_with("/Users/")) {
      found = read_home(line, at, at + 7);
    } else if (starts_token && rest.starts_with("/home/") && !routes) {
      found = read_home(line, at, at + 6);
    } else if (!is_word_char(before) && rest.size() > 3 && rest[1] == ':' &&
               ((rest[0] >= 'A' && rest[0] <= 'Z') || (rest[0] >= 'a' && rest[0] <= 'z'))) {
      std::size_t i = at + 2;
      while (i < line.size() && is_separator(line[i]))
        ++i;
      if (i > at + 2 && util::iequals(line.substr(i, 5), "users") && i + 5 < line.size() &&
          is_separator(line[i + 5])) {
        i += 5;
        while (i < line.size() && is_separator(line[i]))
          ++i;
        found = read_home(line, at, i);
      }
    }
    if (found) {
      at += found->path.size();
      out.push_back(std::move(*found));
    }
  }
  return out;
}

// The longest tail of `rest` that is a path in the repository: what the absolute path most likely meant.
std::string repository_path(const engine::Context& context, std::string_view rest) {
  const auto parts = util::split(rest, '/');
  for (std::size_t skip = 0; skip < parts.size(); ++skip) {
    std::vector<std::string> tail(parts.begin() + static_cast<long>(skip), parts.end());
    const auto candidate = util::join(tail, "/");
    if (!candidate.empty() && context.path_exists(candidate) && (skip > 0 || tail.size() > 1))
      return candidate;
  }
  return {};
}

class MachineSpecificPath final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (std::none_of(context.documents().begin(), context.documents().end(),
                     [](const auto& doc) { return is_hygiene_target(doc, false); }))
      return out.not_applicable("no agent context file to check");
    for (const auto& doc : context.documents()) {
      if (!is_hygiene_target(doc, false) || context.is_alias(doc))
        continue;
      struct Use {
        HomePath first;
        int line = 0;
        std::vector<int> more;
        std::vector<std::pair<int, HomePath>> all; // every occurrence, for the fix
      };
      std::map<std::string, Use> uses;
      std::vector<std::string> order;
      int number = 0;
      for (auto line : util::split_lines(doc.text)) {
        ++number;
        for (auto& home : find_home_paths(line)) {
          auto [it, inserted] = uses.try_emplace(home.home);
          it->second.all.emplace_back(number, home);
          if (inserted) {
            it->second.first = std::move(home);
            it->second.line = number;
            order.push_back(it->first);
          } else if (it->second.more.empty() || it->second.more.back() != number) {
            it->second.more.push_back(number);
          }
        }
      }
      for (const auto& key : order) {
        auto& finding = emit(context, out, doc, uses.at(key).first, uses.at(key).line, uses.at(key).more);
        finding.fix = relative_fix(context, doc, uses.at(key).all);
      }
    }
  }

private:
  // Every use of the home directory in the doc written relative to the root, when each names a path in the
  // repository (a per-user file such as ~/.npmrc has no such path: no fix).
  static std::optional<engine::Fix> relative_fix(const engine::Context& context, const doc::Document& doc,
                                                 const std::vector<std::pair<int, HomePath>>& uses) {
    if (!doc.column_shifts.empty() || doc.truncated)
      return std::nullopt;
    engine::Fix fix;
    for (const auto& [line, home] : uses) {
      const auto relative = repository_path(context, home.rest);
      const auto text = fixes::line_of(doc.text, line);
      if (relative.empty() || (home.column >= 7 && text.substr(home.column - 7, 7) == "file://"))
        return std::nullopt;
      fix.edits.push_back(
          fixes::replace(doc.path, line, static_cast<int>(home.column) + 1, home.path, relative));
    }
    if (fix.edits.empty())
      return std::nullopt;
    fix.description =
        fmt::format("write {} relative to the repository root in {}", uses.front().second.home, doc.path);
    return fix;
  }

  static engine::Finding& emit(const engine::Context& context, engine::Emitter& out, const doc::Document& doc,
                               const HomePath& home, int line, const std::vector<int>& more) {
    auto message = fmt::format("'{}' is a path on one developer's machine", home.path);
    if (!more.empty())
      message += fmt::format(" ('{}' is used on {} more line{})", home.home, more.size(),
                             more.size() == 1 ? "" : "s");
    auto& finding =
        out.emit(std::move(message), engine::Location{doc.path, line, static_cast<int>(home.column) + 1, {}},
                 home.home);
    const auto relative = repository_path(context, home.rest);
    finding.hint =
        relative.empty()
            ? fmt::format("write the path relative to the repository root, or as ~/... for a per-user "
                          "file: '{}' exists only on one machine",
                          home.home)
            : fmt::format("write the path relative to the repository root ('{}')", relative);
    for (std::size_t i = 0; i < more.size() && i < 5; ++i)
      finding.related.push_back(engine::Location{doc.path, more[i], 0, "also uses " + home.home});
    return finding;
  }
};

} // namespace

TACIT_RULE(MachineSpecificPath)

} // namespace tacit::rules
