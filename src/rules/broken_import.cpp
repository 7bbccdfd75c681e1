// CTX011 broken-import: a context file's `@path` import that is missing, circular, or deeper than agents
// follow.

#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 1> k_options{{
    {"max-import-hops", "5",
     "hops of imports that Claude Code and Gemini CLI follow from a memory file (CLAUDE.md, GEMINI.md)"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "CTX011",
    .name = "broken-import",
    .category = "CTX",
    .severity = engine::Severity::error,
    .summary = "a context file's `@path` import is missing, circular, or deeper than agents follow",
    .docs =
        {
            .what_it_does =
                "Follows the `@path` imports of agent context files (CLAUDE.md, .claude/CLAUDE.md and "
                "GEMINI.md at "
                "any depth, and every file they import, AGENTS.md included) and reports three faults: "
                "an "
                "import whose file does not exist, an import that closes a cycle, and an import more hops "
                "away "
                "from a CLAUDE.md or GEMINI.md than the agents follow (Claude Code and Gemini CLI stop after "
                "5). "
                "An import resolves relative to the file that contains it. Not imports: `@` inside code "
                "spans "
                "and code blocks, e-mail addresses, handles and npm scopes (`@types/node`), decorators and "
                "versions (`@pytest.fixture`, `@1.2.3`: the target needs a file extension that names a "
                "file). "
                "Imports from the home directory (`@~/...`), absolute paths and paths above the repository "
                "root "
                "point outside the repository and are not checked, nor are files the repository ignores on "
                "purpose (`@CLAUDE.local.md`) or a path that exists relative to the repository root. A "
                "missing "
                "import is reported here only, never also as a broken path (CTX002). Files that only "
                "agents without imports load (Cursor's or Continue's rules, which name files with `@` as "
                "context to add by hand) are not checked.",
            .why_it_matters =
                "An import the agent cannot resolve is dropped without a word: the instructions it was meant "
                "to "
                "load never reach the agent, and nobody notices because the context file looks complete. A "
                "cycle or a chain deeper than the agent follows loses instructions the same way.",
            .example = "CLAUDE.md imports a testing guide that was renamed:\n\n"
                       "```\nCLAUDE.md:3:1: CTX011 '@docs/testing.md' imports a file that does not exist\n"
                       "  hint: fix the path (relative to the repository root) or remove the import; did you "
                       "mean 'docs/guides/testing.md'?\n```",
            .how_to_fix =
                "Point the import at the file's current path, relative to the importing file. Break a "
                "cycle by removing the import that leads back, and import a deeply nested file "
                "directly from a file closer to CLAUDE.md or GEMINI.md.",
        },
    .options = k_options,
};

// File extensions an import target must end with: `@pytest.fixture` and `@1.2.3` are not files.
constexpr std::array<std::string_view, 44> k_file_extensions{
    "md",   "mdc", "markdown", "mdx",  "txt",  "rst", "adoc",  "json",    "jsonc", "yaml", "yml",
    "toml", "ini", "cfg",      "conf", "xml",  "py",  "js",    "ts",      "tsx",   "jsx",  "mjs",
    "cjs",  "rs",  "go",       "java", "kt",   "c",   "h",     "cc",      "cpp",   "hpp",  "cs",
    "rb",   "php", "swift",    "sh",   "bash", "sql", "proto", "graphql", "css",   "html", "mk"};

// Files a repository deliberately keeps out of version control.
constexpr std::array<std::string_view, 4> k_private_names{"CLAUDE.local.md", "AGENTS.local.md",
                                                          "GEMINI.local.md", "settings.local.json"};

bool names_a_file(std::string_view target) {
  const auto name = util::base_name(target);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos)
    return false;
  const auto ext = util::to_lower(name.substr(dot + 1));
  return std::find(k_file_extensions.begin(), k_file_extensions.end(), ext) != k_file_extensions.end();
}

// A memory file whose imports Claude Code or Gemini CLI follow when they load it.
bool follows_imports(const doc::Document& doc) {
  const auto* spec = doc::match_context_file(doc.path);
  return spec && spec->scope != doc::ContextScope::personal && spec->import_hops > 0;
}

struct Edge {
  const doc::Document* from;
  const doc::Import* import;
  std::string path; // resolved repository path
};

class BrokenImport final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (std::none_of(context.documents().begin(), context.documents().end(),
                     [](const auto& doc) { return doc.kind == doc::DocKind::agent_context; }))
      return out.not_applicable("no agent context file to check");
    report_missing(context, out);
    std::set<std::tuple<std::string, int, int>> reported;
    for (const auto& doc : context.documents())
      if (doc.kind == doc::DocKind::agent_context && follows_imports(doc))
        if (const auto* root = canonical(context, &doc))
          walk(context, *root, out, reported);
  }

private:
  // A symlinked document stands for the document it points to.
  static const doc::Document* canonical(const engine::Context& context, const doc::Document* doc) {
    if (doc && !doc->symlink_target.empty())
      if (const auto* target = context.document(doc->symlink_target))
        return target;
    return doc;
  }

  static std::vector<Edge> edges(const doc::Document& doc) {
    std::vector<Edge> out;
    for (const auto& import : doc.imports)
      if (names_a_file(import.target))
        if (auto path = doc::resolve_import(doc.path, import.target); !path.empty())
          out.push_back(Edge{&doc, &import, std::move(path)});
    return out;
  }

  static bool checked(const engine::Context& context, const doc::Document& doc) {
    if (doc.kind != doc::DocKind::agent_context && !doc.imported)
      return false;
    if (const auto* spec = doc::match_context_file(doc.path);
        spec && spec->scope == doc::ContextScope::personal)
      return false;
    // A symlink's imports are reported once, in the file it points to.
    const auto* target = canonical(context, &doc);
    return target == &doc || !checked(context, *target);
  }

  static void report_missing(const engine::Context& context, engine::Emitter& out) {
    // Only the files an agent that follows imports loads: Continue's or Cursor's rules name files with `@`
    // too (`@theme.ts`), as context the reader adds by hand, not as an import.
    std::set<std::string> loaded;
    for (const auto& root : context.documents())
      if (root.kind == doc::DocKind::agent_context && follows_imports(root))
        for (const auto& entry : reach(context, *canonical(context, &root)))
          loaded.insert(entry.first);
    for (const auto& doc : context.documents()) {
      if (!checked(context, doc) || !loaded.contains(canonical(context, &doc)->path))
        continue;
      for (const auto& edge : edges(doc)) {
        const auto& target = edge.import->target;
        // An import written from the repository root (not from the importing file) is left alone; so is
        // a file the repository ignores on purpose (generated, personal).
        const auto from_root = doc::resolve_import("", target);
        if (context.path_exists(edge.path) || (!from_root.empty() && context.path_exists(from_root)))
          continue;
        if (context.snapshot().is_ignored(edge.path) ||
            (!from_root.empty() && context.snapshot().is_ignored(from_root)) ||
            std::find(k_private_names.begin(), k_private_names.end(), util::base_name(edge.path)) !=
                k_private_names.end())
          continue;
        auto& finding = out.emit(fmt::format("'@{}' imports a file that does not exist", target),
                                 engine::Location{doc.path, edge.import->line, edge.import->column, {}},
                                 fmt::format("missing:{}", target));
        const auto dir = util::dir_name(doc.path);
        const auto suggestion = same_name(context, edge.path);
        finding.hint = fmt::format("fix the path (relative to {}) or remove the import{}",
                                   dir.empty() ? std::string("the repository root") : fmt::format("{}/", dir),
                                   suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion));
        finding.related = importers(context, doc);
      }
    }
  }

  // The only file with the same name as the missing one, or "".
  static std::string same_name(const engine::Context& context, std::string_view missing) {
    std::string found;
    for (const auto* file : context.files())
      if (util::base_name(file->path) == util::base_name(missing)) {
        if (!found.empty())
          return {};
        found = file->path;
      }
    return found;
  }

  // Shortest import paths from a memory file: each reached file (by path, documents through their
  // symlinks) with its hops and the import that reached it first.
  struct Reach {
    int hops = 0;
    std::optional<Edge> via;
  };
  static std::map<std::string, Reach> reach(const engine::Context& context, const doc::Document& root) {
    std::map<std::string, Reach> out{{root.path, Reach{}}};
    std::vector<const doc::Document*> frontier{&root};
    for (int hop = 1; !frontier.empty(); ++hop) {
      std::vector<const doc::Document*> next;
      for (const auto* node : frontier)
        for (auto& edge : edges(*node)) {
          const auto* target = canonical(context, context.document(edge.path));
          const auto key = target ? target->path : edge.path;
          if (out.contains(key) || !context.path_exists(edge.path))
            continue;
          out.emplace(key, Reach{hop, edge});
          if (target)
            next.push_back(target);
        }
      frontier = std::move(next);
    }
    return out;
  }

  static std::vector<engine::Location> chain_to(const std::map<std::string, Reach>& reached,
                                                std::string path) {
    std::vector<engine::Location> chain;
    for (auto it = reached.find(path); it != reached.end() && it->second.via;
         it = reached.find(it->second.via->from->path)) {
      const auto& edge = *it->second.via;
      chain.push_back(engine::Location{edge.from->path, edge.import->line, edge.import->column,
                                       fmt::format("imports {}", edge.path)});
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }

  // The import chain that loads `doc` from a CLAUDE.md or GEMINI.md (the first root that reaches it).
  static std::vector<engine::Location> importers(const engine::Context& context, const doc::Document& doc) {
    if (!doc.imported)
      return {};
    for (const auto& root : context.documents())
      if (root.kind == doc::DocKind::agent_context && follows_imports(root))
        if (const auto reached = reach(context, *canonical(context, &root)); reached.contains(doc.path))
          return chain_to(reached, doc.path);
    return {};
  }

  // Imports past the last hop the agents follow, from the files loaded at that hop.
  static void report_depth(const engine::Context& context, const doc::Document& root, engine::Emitter& out,
                           std::set<std::tuple<std::string, int, int>>& reported) {
    const auto max_hops = static_cast<int>(out.option_int("max-import-hops"));
    const auto reached = reach(context, root);
    for (const auto& [path, at] : reached) {
      const auto* doc = at.hops == max_hops ? context.document(path) : nullptr;
      if (!doc)
        continue;
      for (const auto& edge : edges(*doc)) {
        const auto* target = canonical(context, context.document(edge.path));
        const auto it = reached.find(target ? target->path : edge.path);
        if (it == reached.end() || it->second.hops <= max_hops)
          continue;
        if (!reported.insert({edge.from->path, edge.import->line, edge.import->column}).second)
          continue;
        auto& finding = out.emit(
            fmt::format("'@{}' is import hop {} from {}: Claude Code and Gemini CLI follow {}, so {} is "
                        "never loaded",
                        edge.import->target, max_hops + 1, root.path, max_hops, edge.path),
            engine::Location{edge.from->path, edge.import->line, edge.import->column, {}},
            fmt::format("depth:{}", edge.import->target));
        finding.hint = fmt::format("import {} from a file at most {} hops from {}, or move its content there",
                                   edge.path, max_hops - 1, root.path);
        finding.related = chain_to(reached, edge.from->path);
      }
    }
  }

  // Depth-first from one memory file: imports that lead back to a file on the way (a cycle).
  static void walk(const engine::Context& context, const doc::Document& root, engine::Emitter& out,
                   std::set<std::tuple<std::string, int, int>>& reported) {
    struct Frame {
      const doc::Document* doc;
      std::vector<Edge> edges;
      std::size_t next = 0;
    };
    std::set<const doc::Document*> done;
    std::vector<Frame> stack;
    stack.push_back(Frame{&root, edges(root)});
    while (!stack.empty()) {
      auto& frame = stack.back();
      if (frame.next == frame.edges.size()) {
        done.insert(frame.doc);
        stack.pop_back();
        continue;
      }
      const auto edge = frame.edges[frame.next++];
      const auto* target = canonical(context, context.document(edge.path));
      if (!target || done.contains(target))
        continue;
      const auto on_stack =
          std::find_if(stack.begin(), stack.end(), [&](const Frame& f) { return f.doc == target; });
      if (on_stack == stack.end())
        stack.push_back(Frame{target, edges(*target)});
      else if (reported.insert({edge.from->path, edge.import->line, edge.import->column}).second)
        report_cycle(stack, on_stack, edge, out);
    }
    report_depth(context, root, out, reported);
  }

  static std::vector<engine::Location> stack_chain(const auto& begin, const auto& end) {
    std::vector<engine::Location> chain;
    for (auto it = begin; it != end; ++it) {
      const auto& edge = it->edges[it->next - 1];
      chain.push_back(engine::Location{it->doc->path, edge.import->line, edge.import->column,
                                       fmt::format("imports {}", edge.path)});
    }
    return chain;
  }

  static void report_cycle(const auto& stack, auto on_stack, const Edge& edge, engine::Emitter& out) {
    std::string cycle;
    for (auto it = on_stack; it != stack.end(); ++it)
      cycle += fmt::format("{} -> ", it->doc->path);
    cycle += on_stack->doc->path;
    auto& finding = out.emit(fmt::format("'@{}' closes an import cycle: {}", edge.import->target, cycle),
                             engine::Location{edge.from->path, edge.import->line, edge.import->column, {}},
                             fmt::format("cycle:{}", edge.import->target));
    finding.hint = fmt::format("remove the import of {} from {}: the agent has already loaded it", edge.path,
                               edge.from->path);
    finding.related = stack_chain(on_stack, std::prev(stack.end()));
  }
};

} // namespace

TACIT_RULE(BrokenImport)

} // namespace tacit::rules
