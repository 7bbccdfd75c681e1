// GitHub's job summary: with --format github, the Markdown summary is appended to the file named by
// $GITHUB_STEP_SUMMARY. Appended, never truncated (other steps write there too); a failure to write is a
// warning on stderr and never changes the exit code.

#include "commands.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tacit::cli {

void append_step_summary(const std::vector<engine::Finding>& findings, const report::RunInfo& info) {
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (!path || !*path)
    return;
  const auto text = report::render_markdown(findings, info);
  FILE* file = std::fopen(path, "ab");
  bool ok = file != nullptr;
  if (ok)
    ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (file && std::fclose(file) != 0)
    ok = false;
  if (!ok)
    fmt::print(stderr, "tacit: warning: cannot append the step summary to {} (GITHUB_STEP_SUMMARY): {}\n",
               path, std::strerror(errno));
}

} // namespace tacit::cli
