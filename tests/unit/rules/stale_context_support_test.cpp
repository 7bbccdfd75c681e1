// Tests for what CTX007 (stale-context) reads besides path mentions: bare file names, the paths a setup file
// names.

#include "../../../src/rules/stale_context_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit::rules;

namespace {

std::string listed(const std::vector<NamedPath>& paths) {
  std::string out;
  for (const auto& path : paths)
    out += std::to_string(path.line) + ":" + std::to_string(path.column) + " " + path.text + "\n";
  return out;
}

} // namespace

TEST_CASE("bare file names: a known extension and a stem with a letter, no slash, no space") {
  CHECK(is_bare_file_name("check_docs.sh"));
  CHECK(is_bare_file_name(".golangci.yml"));
  CHECK(is_bare_file_name("Makefile.mk"));
  CHECK_FALSE(is_bare_file_name("scripts/check_docs.sh")); // a path: the path mentions' part
  CHECK_FALSE(is_bare_file_name("1.2.3"));
  CHECK_FALSE(is_bare_file_name("example.com"));
  CHECK_FALSE(is_bare_file_name(".env"));
  CHECK_FALSE(is_bare_file_name("make lint"));
  CHECK_FALSE(is_bare_file_name("x..sh"));
}

TEST_CASE("bare file names of a doc: inline code that is one name, the program or script of a command") {
  tacit::doc::Document doc;
  doc.path = "AGENTS.md";
  doc.inline_code = {{"check_docs.sh", 3, 10}, {"run check.sh", 4, 2}, {"src/a.py", 5, 1}};
  std::vector<tacit::doc::CommandMention> commands(3);
  commands[0].words = {"bash", "lint.sh", "--fix"};
  commands[0].doc = "AGENTS.md";
  commands[0].line = 7;
  commands[0].column = 1;
  commands[1].words = {"make", "lint.sh"}; // a target, not a script make runs
  commands[1].doc = "AGENTS.md";
  commands[1].line = 8;
  commands[2].words = {"bash", "other.sh"};
  commands[2].doc = "README.md";
  CHECK(listed(bare_file_names(doc, commands)) == "3:10 check_docs.sh\n7:1 lint.sh\n");
}

TEST_CASE("script paths: what a doc's code blocks run by a relative path, not inline code") {
  tacit::doc::Document doc;
  doc.path = "AGENTS.md";
  std::vector<tacit::doc::CommandMention> commands(5);
  const auto set = [&](std::size_t i, std::vector<std::string> words, bool block) {
    commands[i].words = std::move(words);
    commands[i].doc = "AGENTS.md";
    commands[i].line = static_cast<int>(i) + 1;
    commands[i].column = 1;
    commands[i].in_code_block = block;
  };
  set(0, {"scripts/check.sh", "--all"}, true);
  set(1, {"bash", "tools/lint.sh"}, true);
  set(2, {"scripts/inline.sh"}, false); // inline code: a path mention, CTX002's
  set(3, {"$HOME/bin/x.sh"}, true);
  set(4, {"go", "run", "./cmd/x"}, true);
  CHECK(listed(script_paths(doc, commands)) == "1:1 scripts/check.sh\n2:1 tools/lint.sh\n");
}

TEST_CASE("setup file paths: relative paths with a slash, not URLs, images, variables or absolute paths") {
  const auto text = "{\n  \"postCreateCommand\": \"bash ./scripts/dev/setup-db.sh && make\",\n"
                    "  \"image\": \"mcr.microsoft.com/devcontainers/base:bookworm\",\n"
                    "  \"mounts\": [\"source=${localEnv:HOME}/.ssh,target=/home/dev/.ssh\"],\n"
                    "  \"url\": \"https://example.com/a/b\", \"features\": {\"ghcr.io/x/y:1\": {}},\n"
                    "  \"dockerfile\": \"../docker/dev/Dockerfile\"\n}\n";
  CHECK(listed(setup_file_paths(text)) == "2:32 scripts/dev/setup-db.sh\n"
                                          "6:18 ../docker/dev/Dockerfile\n");
}

TEST_CASE("selected packages: a name after a workspace option, not a path, glob or set") {
  const auto name = [](std::vector<std::string> words) { return selected_package(words).name; };
  CHECK(name({"pnpm", "--filter", "@shop/web", "test"}) == "@shop/web");
  CHECK(name({"pnpm", "-F", "web...", "build"}) == "web");
  CHECK(name({"pnpm", "--filter=...^@shop/api", "build"}) == "@shop/api");
  CHECK(name({"npm", "-w", "api", "run", "build"}) == "api");
  CHECK(name({"npm", "--workspace=api", "test"}) == "api");
  CHECK(name({"yarn", "workspace", "web", "dev"}) == "web");
  CHECK(name({"turbo", "run", "build", "--filter=web"}) == "web");
  CHECK(name({"cargo", "test", "-p", "shop-core"}) == "shop-core");
  CHECK(name({"cargo", "update", "--package", "serde@1.0.1"}) == "serde");
  CHECK(selected_package({"cargo", "test", "-p", "core"}).manifest == "Cargo.toml");
  CHECK(selected_package({"pnpm", "-F", "web", "test"}).manifest == "package.json");
  CHECK(name({"pnpm", "--filter", "./packages/web", "test"}).empty()); // a path: CTX002's
  CHECK(name({"npm", "-w", "packages/web", "test"}).empty());
  CHECK(name({"pnpm", "--filter", "@shop/*", "test"}).empty());
  CHECK(name({"pnpm", "--filter", "{packages/web}", "test"}).empty());
  CHECK(name({"pnpm", "--filter", "!web", "test"}).empty());
  CHECK(name({"pnpm", "-w", "add", "x"}).empty()); // pnpm -w is the workspace root
  CHECK(name({"yarn", "workspace", "web"}).empty());
  CHECK(name({"make", "-p", "x"}).empty());
  CHECK(name({"cargo", "test", "--", "-p", "x"}).empty());
}
