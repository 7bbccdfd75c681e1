// Tests for CTX009's scanner (rules/secret_scan): the credential formats, the placeholders that are not
// credentials, and that the raw secret never reaches a finding or any output format.

#include "../../../src/rules/secret_scan.hpp"
#include "../repo/repo_test_support.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/report/report.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace tacit;
using rules::find_secrets;

namespace {

// Credentials are assembled at run time so that this file holds none.
std::string github_token() {
  return std::string("gh") + "p_" + "R8fkq2LzX0pWmT4vNc7bYhJ3sAe9GdUo1iKx";
}
std::string openai_key() {
  return std::string("sk") + "-proj-" + "Qm4Tz8Rk2Lp7Xw1Vn5Hc9Jb3Gf6Ds0Ay";
}
std::string db_password() {
  return std::string("Zt7") + "qLm2Rv9XkP4wBn8Hc";
}

std::vector<std::string> kinds(std::string_view line) {
  std::vector<std::string> out;
  for (const auto& match : find_secrets(line, {}))
    out.push_back(match.kind);
  return out;
}

} // namespace

TEST_CASE("find_secrets: each credential format, masked to its first 4 characters") {
  const auto token = github_token();
  const auto found = find_secrets("Bearer " + token + " here", {});
  REQUIRE(found.size() == 1);
  CHECK(found[0].column == 7);
  CHECK(found[0].kind == "GitHub token");
  CHECK(found[0].masked == "ghp_****");
  CHECK(kinds("key: " + openai_key()) == std::vector<std::string>{"OpenAI API key"});
  CHECK(kinds(std::string("AKIA") + "O4DRVAUKVWZZUTKW") == std::vector<std::string>{"AWS access key ID"});
  CHECK(kinds("DB_PASSWORD=\"" + db_password() + "\"") ==
        std::vector<std::string>{"a value assigned to 'DB_PASSWORD'"});
  // A variable holding a token found by its format is reported once.
  CHECK(kinds("GITHUB_TOKEN=" + token).size() == 1);
}

TEST_CASE("find_secrets: placeholders, examples and low-entropy values are not credentials") {
  CHECK(kinds("AKIAIOSFODNN7EXAMPLE").empty());
  CHECK(kinds("use sk-... or sk-proj-...").empty());
  CHECK(kinds("OPENAI_API_KEY=<YOUR_TOKEN> and ${TOKEN} and $GITHUB_TOKEN").empty());
  CHECK(kinds("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").empty());
  CHECK(kinds("ghp_R8fkq2LzX0pWmT4vNc7bYhJ3sAe9****").empty());
  CHECK(kinds("api_key: 'fake-key-for-the-unit-tests'").empty());
  CHECK(kinds("password = \"aaaaaaaaaaaaaaaaaaaa\"").empty());
  CHECK(kinds("password = \"abcdefghijklmnopqrstuvwxyz\"").empty());
  CHECK(kinds("secret_key: settings.SECRET_KEY_VALUE").empty());
  CHECK(kinds("the task-abcdefghijklmnopqrstuvwxyz0123456789 runner").empty());
  CHECK(find_secrets("-----BEGIN RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA...").empty());
}

TEST_CASE("find_secrets: linear on hostile input") {
  const std::string line(200000, 'A');
  CHECK(find_secrets("AKIA" + line, {}).empty());
  CHECK(find_secrets(std::string(200000, '='), {}).empty());
}

TEST_CASE("CTX009: no output format shows the raw secret") {
  test::TempDir tmp;
  const auto token = github_token();
  const auto key = openai_key();
  const auto password = db_password();
  test::write_file(tmp / "CLAUDE.md", "# Staging\n\nUse `" + token + "` and " + key +
                                          ".\n\n```sh\nexport DB_PASSWORD=\"" + password + "\"\n```\n");
  repo::SnapshotOptions options;
  options.path = tmp.path();
  auto snapshot = repo::Snapshot::open(options);
  REQUIRE(snapshot.has_value());
  std::vector<std::string> notes;
  auto context = engine::analyze(std::move(*snapshot), {1}, notes);
  REQUIRE(context.has_value());
  const auto findings = engine::run_rules(**context, catalog::builtin().rules(), {{"CTX009"}, {}}, 1);
  REQUIRE(findings.size() == 3);
  const std::vector<std::string> secrets{token, key, password};
  for (const auto& finding : findings)
    for (const auto& secret : secrets) {
      CHECK(finding.message.find(secret.substr(0, 8)) == std::string::npos);
      CHECK(finding.subject.find(secret.substr(0, 8)) == std::string::npos);
      CHECK(finding.hint.find(secret.substr(0, 8)) == std::string::npos);
    }

  // The markdown format escapes Markdown punctuation: the masked token reads `ghp\_\*\*\*\*` there.
  const auto masked = [](const std::string& output) {
    return output.find("ghp_****") != std::string::npos ||
           output.find("ghp\\_\\*\\*\\*\\*") != std::string::npos;
  };
  for (auto name : report::format_names()) {
    CAPTURE(name);
    const auto output = report::render(*report::parse_format(name), findings, report::RunInfo{});
    CHECK(masked(output));
    for (const auto& secret : secrets)
      CHECK(output.find(secret.substr(4)) == std::string::npos);

    // The same through the command line, stdout and stderr together.
    const auto out_file = tmp.path().parent_path() / (tmp.path().filename().string() + ".out");
    const auto command = std::string(TACIT_BINARY) + " check '" + tmp.path().string() +
                         "' --select CTX009 --format " + std::string(name) + " >'" + out_file.string() +
                         "' 2>&1";
    CHECK(std::system(command.c_str()) != -1);
    std::ifstream in(out_file);
    std::stringstream cli;
    cli << in.rdbuf();
    std::filesystem::remove(out_file);
    CHECK(masked(cli.str()));
    for (const auto& secret : secrets)
      CHECK(cli.str().find(secret.substr(4)) == std::string::npos);
  }
}
