// runtime_paths: the files a doc's own shell procedure creates, writes, removes or tests for.

#include "../../../src/rules/runtime_paths.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

std::vector<std::string> paths_of(std::string block) {
  tacit::doc::Document doc;
  doc.code_blocks.push_back(tacit::doc::CodeBlock{"sh", std::move(block), 1, 1});
  return tacit::rules::runtime_paths(doc);
}

} // namespace

TEST_CASE("runtime_paths: redirections, output options, tee, cp, rm, test -f") {
  const auto paths = paths_of("$ make report > out/report.txt 2>&1\n"
                              "msgfmt -o po/x.mo po/x.po\n"
                              "tool --output=dist/a.json && cat log.txt | tee logs/run.log\n"
                              "cp .env.example .env.local\n"
                              "rm -rf tmp/cache\n"
                              "if [ -f config/local.yaml ]; then echo ok; fi\n"
                              "test ! -s state/batch.txt || echo busy\n");
  const std::vector<std::string> expected{".env.local",      "config/local.yaml", "dist/a.json",
                                          "logs/run.log",    "out/report.txt",    "po/x.mo",
                                          "state/batch.txt", "tmp/cache"};
  CHECK(paths == expected);
}

TEST_CASE("runtime_paths: variables assigned in the block, globs, and what is only read") {
  const auto paths = paths_of("TODO=\"po/todo.json\"\n"
                              "export OUT=build/out.txt\n"
                              "PENDING=po/pending.po\n"
                              "rm -f \"$TODO\" \"${PENDING}.tmp\"\n"
                              "tool >\"$OUT\"\n"
                              "rm -f po/result*.json\n"
                              "cat po/README.md src/main.c \"$UNKNOWN\" >/dev/null\n"
                              "echo done # > not/a/file.txt\n");
  const std::vector<std::string> expected{"build/out.txt", "po/pending.po.tmp", "po/result*.json",
                                          "po/todo.json"};
  CHECK(paths == expected);
  CHECK(tacit::rules::matches_runtime_path(paths, "po/result.json"));
  CHECK(tacit::rules::matches_runtime_path(paths, "po/result-3.json"));
  CHECK_FALSE(tacit::rules::matches_runtime_path(paths, "po/pending.po"));
  CHECK_FALSE(tacit::rules::matches_runtime_path(paths, "po/README.md"));
}
