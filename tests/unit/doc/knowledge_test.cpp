// Tests for the knowledge index (doc/knowledge): how doc lines become commands (tokenizing, normalising,
// peeling wrappers), command patterns, which inline code and link targets are repository paths, and
// KnowledgeIndex over hand-built documents.

#include <tacit/doc/knowledge.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit::doc;

namespace {

using Words = std::vector<std::string>;
using Commands = std::vector<Words>;

CodeBlock block(std::string info, std::string text, int line, int column = 1) {
  CodeBlock out;
  out.info = std::move(info);
  out.text = std::move(text);
  out.line = line;
  out.column = column;
  return out;
}

Document document(std::string path) {
  Document doc;
  doc.path = std::move(path);
  return doc;
}

// The commands of an index, as words, in order.
Commands words_of(const KnowledgeIndex& index) {
  Commands out;
  for (const auto& mention : index.commands())
    out.push_back(mention.words);
  return out;
}

} // namespace

TEST_CASE("split_commands: words, quotes and escapes") {
  CHECK(split_commands("make test") == Commands{{"make", "test"}});
  CHECK(split_commands("  make   test\t-j4  ") == Commands{{"make", "test", "-j4"}});
  CHECK(split_commands("") == Commands{});
  CHECK(split_commands("   ") == Commands{});
  CHECK(split_commands("echo 'a b' \"c d\"") == Commands{{"echo", "a b", "c d"}});
  CHECK(split_commands("echo 'a && b' \"x | y\"") == Commands{{"echo", "a && b", "x | y"}});
  CHECK(split_commands("echo \"it's\"") == Commands{{"echo", "it's"}});
  CHECK(split_commands("echo pre'fix'post") == Commands{{"echo", "prefixpost"}});
  CHECK(split_commands("echo a\\ b") == Commands{{"echo", "a b"}});
  CHECK(split_commands("echo a\\&\\&b") == Commands{{"echo", "a&&b"}});
  CHECK(split_commands("git commit -m ''") == Commands{{"git", "commit", "-m", ""}});
  // An unterminated quote runs to the end of the line.
  CHECK(split_commands("echo 'unterminated text") == Commands{{"echo", "unterminated text"}});
}

TEST_CASE("split_commands: operators split a line into commands") {
  CHECK(split_commands("make build && make test") == Commands{{"make", "build"}, {"make", "test"}});
  CHECK(split_commands("make build || echo failed") == Commands{{"make", "build"}, {"echo", "failed"}});
  CHECK(split_commands("cd app; npm ci") == Commands{{"cd", "app"}, {"npm", "ci"}});
  CHECK(split_commands("cd app;npm ci") == Commands{{"cd", "app"}, {"npm", "ci"}});
  CHECK(split_commands("cat log | grep error | wc -l") ==
        Commands{{"cat", "log"}, {"grep", "error"}, {"wc", "-l"}});
  CHECK(split_commands("make build&&make test") == Commands{{"make", "build"}, {"make", "test"}});
  CHECK(split_commands("npm start &") == Commands{{"npm", "start"}});
  CHECK(split_commands("(cd web && npm test)") == Commands{{"cd", "web"}, {"npm", "test"}});
  CHECK(split_commands("a ;; b") == Commands{{"a"}, {"b"}});
  CHECK(split_commands("&& make") == Commands{{"make"}});
  // Arithmetic runs no program: `$(( ))` is a word, `(( ))` nothing.
  CHECK(split_commands("longlines=$(( longlines + 1 ))") == Commands{});
  CHECK(split_commands("echo $(( 1 << 2 )) done") == Commands{{"echo", "$(( 1 << 2 ))", "done"}});
  CHECK(split_commands("(( count++ )) && make test") == Commands{{"make", "test"}});
}

TEST_CASE("split_commands: comments") {
  CHECK(split_commands("make test # runs the unit tests") == Commands{{"make", "test"}});
  CHECK(split_commands("# just a comment") == Commands{});
  CHECK(split_commands("#!/bin/sh") == Commands{});
  // A '#' inside a word or quotes is not a comment.
  CHECK(split_commands("echo a#b") == Commands{{"echo", "a#b"}});
  CHECK(split_commands("echo '# not a comment'") == Commands{{"echo", "# not a comment"}});
  CHECK(split_commands("pytest tests/test_x.py::test_a#x") ==
        Commands{{"pytest", "tests/test_x.py::test_a#x"}});
}

TEST_CASE("split_commands: redirections and their targets are dropped") {
  CHECK(split_commands("make test > out.txt") == Commands{{"make", "test"}});
  CHECK(split_commands("make test >out.txt") == Commands{{"make", "test"}});
  CHECK(split_commands("make test >> out.txt") == Commands{{"make", "test"}});
  CHECK(split_commands("make test 2>&1") == Commands{{"make", "test"}});
  CHECK(split_commands("make test 2>&1 | tee log.txt") == Commands{{"make", "test"}, {"tee", "log.txt"}});
  CHECK(split_commands("make test > out.txt 2>&1") == Commands{{"make", "test"}});
  CHECK(split_commands("make test 2> err.log") == Commands{{"make", "test"}});
  CHECK(split_commands("make test 2>/dev/null") == Commands{{"make", "test"}});
  CHECK(split_commands("make test >/dev/null 2>&1 && make lint") ==
        Commands{{"make", "test"}, {"make", "lint"}});
  CHECK(split_commands("echo hi >&2") == Commands{{"echo", "hi"}});
  CHECK(split_commands("mysql db < schema.sql") == Commands{{"mysql", "db"}});
  CHECK(split_commands("make test &> all.log") == Commands{{"make", "test"}});
  // A digit that is a whole argument, not a descriptor.
  CHECK(split_commands("head -n 5 file") == Commands{{"head", "-n", "5", "file"}});
}

TEST_CASE("normalize_command: env assignments and prefix commands") {
  CHECK(normalize_command({"CI=1", "npm", "test"}) == Words{"npm", "test"});
  CHECK(normalize_command({"FOO=bar", "BAZ_2=", "make"}) == Words{"make"});
  // `command -v X` looks X up and runs nothing; `command X` runs X.
  CHECK(normalize_command({"command", "-v", "pylint"}) == Words{"command", "-v", "pylint"});
  CHECK(normalize_command({"command", "-V", "ruff"}) == Words{"command", "-V", "ruff"});
  CHECK(normalize_command({"command", "ruff", "check"}) == Words{"ruff", "check"});
  CHECK(normalize_command({"sudo", "make", "install"}) == Words{"make", "install"});
  CHECK(normalize_command({"sudo", "-E", "make", "install"}) == Words{"make", "install"});
  CHECK(normalize_command({"time", "make"}) == Words{"make"});
  CHECK(normalize_command({"nohup", "./server"}) == Words{"server"});
  CHECK(normalize_command({"env", "-i", "A=1", "make", "check"}) == Words{"make", "check"});
  CHECK(normalize_command({"exec", "python", "app.py"}) == Words{"python", "app.py"});
  CHECK(normalize_command({"sudo", "time", "DEBUG=1", "make"}) == Words{"make"});
  // rustup's toolchain override is not part of the command.
  CHECK(normalize_command({"cargo", "+stable", "semver-checks"}) == Words{"cargo", "semver-checks"});
  CHECK(normalize_command({"cargo", "+nightly", "fmt", "--check"}) == Words{"cargo", "fmt", "--check"});
  CHECK(normalize_command({"npx", "+x"}) == Words{"npx", "+x"});
  // Not assignments: "=x" and names starting with a digit or with other characters.
  CHECK(normalize_command({"=x", "make"}) == Words{"=x", "make"});
  CHECK(normalize_command({"1A=x", "make"}) == Words{"1A=x", "make"});
  CHECK(normalize_command({"a-b=x", "make"}) == Words{"a-b=x", "make"});
  // An assignment after the program is an argument.
  CHECK(normalize_command({"make", "CC=clang", "all"}) == Words{"make", "CC=clang", "all"});
  // Only prefixes: nothing left.
  CHECK(normalize_command({"sudo"}).empty());
  CHECK(normalize_command({"A=1"}).empty());
  CHECK(normalize_command({}).empty());
}

TEST_CASE("normalize_command: program aliases and ./ prefixes") {
  CHECK(normalize_command({"./gradlew", "build"}) == Words{"gradle", "build"});
  CHECK(normalize_command({"gradlew", "test"}) == Words{"gradle", "test"});
  CHECK(normalize_command({"gradlew.bat", "test"}) == Words{"gradle", "test"});
  CHECK(normalize_command({"./mvnw", "verify"}) == Words{"mvn", "verify"});
  CHECK(normalize_command({"mvnw.cmd", "verify"}) == Words{"mvn", "verify"});
  CHECK(normalize_command({"py.test", "-x"}) == Words{"pytest", "-x"});
  CHECK(normalize_command({"python3", "-m", "pytest"}) == Words{"python", "-m", "pytest"});
  CHECK(normalize_command({"python3.12", "-m", "venv", ".venv"}) == Words{"python", "-m", "venv", ".venv"});
  CHECK(normalize_command({"python2.7", "setup.py"}) == Words{"python", "setup.py"});
  CHECK(normalize_command({"pip3", "install", "-e", "."}) == Words{"pip", "install", "-e", "."});
  CHECK(normalize_command({"./scripts/test.sh"}) == Words{"scripts/test.sh"});
  CHECK(normalize_command({"././build.sh"}) == Words{"build.sh"});
  // Only the program is renamed.
  CHECK(normalize_command({"echo", "python3"}) == Words{"echo", "python3"});
  CHECK(normalize_command({"make", "./gradlew"}) == Words{"make", "./gradlew"});
}

TEST_CASE("normalize_command: a prefix command's option that takes a value") {
  // Regression: the value of an option of sudo/nice/env is taken for the program.
  CHECK(normalize_command({"sudo", "-u", "postgres", "psql"}) == Words{"psql"});
  CHECK(normalize_command({"nice", "-n", "10", "make", "build"}) == Words{"make", "build"});
}

TEST_CASE("split_commands normalises every command of a line") {
  CHECK(split_commands("CI=1 ./gradlew check && sudo -E make install") ==
        Commands{{"gradle", "check"}, {"make", "install"}});
  CHECK(split_commands("time py.test tests/ 2>&1 | tee log") ==
        Commands{{"pytest", "tests/"}, {"tee", "log"}});
  // A command that is only an assignment disappears.
  CHECK(split_commands("export X=1; FOO=bar") == Commands{{"export", "X=1"}});
}

TEST_CASE("peel_wrappers: runners that run another program") {
  CHECK(peel_wrappers({"python", "-m", "pytest"}) == Words{"pytest"});
  CHECK(peel_wrappers({"python", "-m", "pytest", "-x", "tests/"}) == Words{"pytest", "-x", "tests/"});
  CHECK(peel_wrappers({"python", "-u", "-m", "pytest"}) == Words{"pytest"});
  CHECK(peel_wrappers({"uv", "run", "pytest", "-x"}) == Words{"pytest", "-x"});
  CHECK(peel_wrappers({"uvx", "ruff", "check"}) == Words{"ruff", "check"});
  CHECK(peel_wrappers({"npx", "--yes", "prettier", "--check", "."}) == Words{"prettier", "--check", "."});
  CHECK(peel_wrappers({"npx", "-y", "eslint"}) == Words{"eslint"});
  CHECK(peel_wrappers({"pnpm", "exec", "vitest"}) == Words{"vitest"});
  CHECK(peel_wrappers({"pnpm", "dlx", "create-vite"}) == Words{"create-vite"});
  CHECK(peel_wrappers({"bunx", "tsc"}) == Words{"tsc"});
  CHECK(peel_wrappers({"bun", "x", "tsc"}) == Words{"tsc"});
  CHECK(peel_wrappers({"npm", "exec", "--", "jest"}) == Words{"jest"});
  CHECK(peel_wrappers({"yarn", "exec", "jest"}) == Words{"jest"});
  CHECK(peel_wrappers({"hatch", "run", "pytest"}) == Words{"pytest"});
  CHECK(peel_wrappers({"pipx", "run", "black", "."}) == Words{"black", "."});
  CHECK(peel_wrappers({"pdm", "run", "pytest"}) == Words{"pytest"});
  CHECK(peel_wrappers({"rye", "run", "pytest"}) == Words{"pytest"});
  CHECK(peel_wrappers({"bundle", "exec", "rspec"}) == Words{"rspec"});
}

TEST_CASE("peel_wrappers: a wrapper option's value is not the wrapped program") {
  CHECK(peel_wrappers({"uv", "run", "--locked", "--group", "pre-commit", "pre-commit", "run",
                       "--all-files"}) == Words{"pre-commit", "run", "--all-files"});
  CHECK(peel_wrappers({"uv", "run", "--with=ruff", "ruff", "check"}) == Words{"ruff", "check"});
  CHECK(peel_wrappers({"uvx", "--from", "ruff==0.6", "ruff", "check"}) == Words{"ruff", "check"});
  CHECK(peel_wrappers({"npx", "-p", "typescript", "tsc"}) == Words{"tsc"});
  CHECK(peel_wrappers({"npx", "prettier@3.9.0", "--write", "."}) == Words{"prettier", "--write", "."});
  CHECK(peel_wrappers({"npx", "@biomejs/biome@1.9.4", "check"}) == Words{"@biomejs/biome", "check"});
  CHECK(peel_wrappers({"npx", "@biomejs/biome", "check"}) == Words{"@biomejs/biome", "check"});
  CHECK(peel_wrappers({"poetry", "run", "-C", "app", "pytest"}) == Words{"pytest"});
}

// Found by the commands fuzz target (fuzz/corpus/commands/regression-wrapper-of-assignments.txt): a wrapper
// followed only by environment assignments left nothing to peel, and its first word was read anyway (a crash
// on a context file that says `uv run FOO=1`).
TEST_CASE("peel_wrappers: a wrapper of nothing but environment assignments runs nothing") {
  CHECK(peel_wrappers({"uv", "run", "FOO=1"}).empty());
  CHECK(peel_wrappers({"poetry", "run", "A=1", "B=2"}).empty());
  CHECK(peel_wrappers({"npx", "--yes", "X=y"}).empty());
}

TEST_CASE("peel_wrappers: nested wrappers, normalisation of the wrapped command") {
  CHECK(peel_wrappers({"poetry", "run", "python", "-m", "pytest"}) == Words{"pytest"});
  CHECK(peel_wrappers({"pipenv", "run", "python3", "-m", "pytest", "-q"}) == Words{"pytest", "-q"});
  CHECK(peel_wrappers({"uv", "run", "py.test"}) == Words{"pytest"});
  CHECK(peel_wrappers({"uv", "run", "--", "python", "-m", "mypy", "src"}) == Words{"mypy", "src"});
  CHECK(peel_wrappers({"uv", "run", "CI=1", "pytest"}) == Words{"pytest"});
}

TEST_CASE("peel_wrappers: commands that are not wrapped stay as they are") {
  CHECK(peel_wrappers({"pytest", "-x"}) == Words{"pytest", "-x"});
  CHECK(peel_wrappers({"python", "script.py"}) == Words{"python", "script.py"});
  CHECK(peel_wrappers({"python", "-c", "print(1)"}) == Words{"python", "-c", "print(1)"});
  CHECK(peel_wrappers({"uv", "sync"}) == Words{"uv", "sync"});
  CHECK(peel_wrappers({"poetry", "install"}) == Words{"poetry", "install"});
  CHECK(peel_wrappers({"pnpm", "install"}) == Words{"pnpm", "install"});
  CHECK(peel_wrappers({"npm", "test"}) == Words{"npm", "test"});
  // A wrapper with nothing to wrap.
  CHECK(peel_wrappers({"npx"}) == Words{"npx"});
  CHECK(peel_wrappers({"uv", "run"}) == Words{"uv", "run"});
  CHECK(peel_wrappers({"python", "-m"}) == Words{"python", "-m"});
  CHECK(peel_wrappers({"npx", "--yes"}) == Words{"npx", "--yes"});
  CHECK(peel_wrappers({}) == Words{});
}

TEST_CASE("matches: program, subcommands, flags before the subcommand") {
  const CommandPattern npm_test{"npm", {"test", "t"}};
  CHECK(matches({"npm", "test"}, npm_test));
  CHECK(matches({"npm", "t", "--watch"}, npm_test));
  CHECK(matches({"npm", "--silent", "test"}, npm_test));
  CHECK(matches({"npm", "-s", "test", "--", "--coverage"}, npm_test));
  CHECK_FALSE(matches({"npm", "install"}, npm_test));
  CHECK_FALSE(matches({"npm"}, npm_test));
  CHECK_FALSE(matches({"pnpm", "test"}, npm_test));
  CHECK_FALSE(matches({}, npm_test));
  CHECK_FALSE(matches({"npm", "test:unit"}, npm_test));
  CHECK_FALSE(matches({"npm", "tests"}, npm_test));
  // A flag that looks like the subcommand is still a flag.
  CHECK_FALSE(matches({"npm", "--test"}, npm_test));

  // The program alone.
  const CommandPattern ctest{"ctest", {}};
  CHECK(matches({"ctest"}, ctest));
  CHECK(matches({"ctest", "--test-dir", "build"}, ctest));
  CHECK_FALSE(matches({"cmake", "--build", "build"}, ctest));
  CHECK_FALSE(matches({"ctest2"}, ctest));

  // Several targets on one command line.
  const CommandPattern make_check{"make", {"check"}};
  CHECK(matches({"make", "-j4", "all", "check"}, make_check));
  CHECK(matches({"make", "check"}, make_check));
  CHECK_FALSE(matches({"make", "checks"}, make_check));
}

TEST_CASE("matches: subcommand_prefix") {
  const CommandPattern npm_test{"npm", {"test"}, true};
  CHECK(matches({"npm", "test"}, npm_test));
  CHECK(matches({"npm", "test:unit"}, npm_test));
  CHECK(matches({"npm", "tests"}, npm_test));
  CHECK(matches({"npm", "test-all"}, npm_test));
  CHECK(matches({"npm", "--silent", "test:e2e"}, npm_test));
  CHECK_FALSE(matches({"npm", "start"}, npm_test));
  CHECK_FALSE(matches({"npm", "--test"}, npm_test));
  CHECK_FALSE(matches({"npm", "unittest"}, npm_test));
}

TEST_CASE("matches: the value of a flag is not a subcommand") {
  // Regression: every non-flag word after the program is tried as a subcommand, so a flag's value counts:
  // `cargo build --features test` is taken for `cargo test`, `go build -tags test` for `go test`.
  CHECK_FALSE(matches({"cargo", "build", "--features", "test"}, CommandPattern{"cargo", {"test"}}));
  CHECK_FALSE(matches({"go", "build", "-tags", "test", "./..."}, CommandPattern{"go", {"test"}}));
}

TEST_CASE("inline_code_path: what is clearly a path") {
  CHECK(inline_code_path("src/main.cpp") == "src/main.cpp");
  CHECK(inline_code_path("  src/main.cpp  ") == "src/main.cpp");
  CHECK(inline_code_path("docs/") == "docs/");
  CHECK(inline_code_path("src/render/") == "src/render/");
  CHECK(inline_code_path("docs/guide/setup.md") == "docs/guide/setup.md");
  CHECK(inline_code_path("./scripts/build.sh") == "./scripts/build.sh");
  CHECK(inline_code_path("../shared/notes.md") == "../shared/notes.md");
  CHECK(inline_code_path("src/app.test.ts") == "src/app.test.ts");
  CHECK(inline_code_path("lib/legacy.js") == "lib/legacy.js");
  CHECK(inline_code_path("docs/adr/0001-use-postgres.md") == "docs/adr/0001-use-postgres.md");
  CHECK(inline_code_path("src/x.c") == "src/x.c");
  CHECK(inline_code_path("src/max.js") == "src/max.js");
  // A line number or trailing punctuation is not part of the path.
  CHECK(inline_code_path("src/main.cpp:42") == "src/main.cpp");
  CHECK(inline_code_path("src/main.cpp.") == "src/main.cpp");
  CHECK(inline_code_path("src/main.cpp,") == "src/main.cpp");
  CHECK(inline_code_path("src/main.cpp:") == "src/main.cpp");
}

TEST_CASE("inline_code_path: hidden directories are repository paths") {
  // Regression: a first segment with a dot is taken for a domain (github.com/...), so every path under a
  // hidden directory is dropped and never checked.
  CHECK(inline_code_path(".github/workflows/ci.yml") == ".github/workflows/ci.yml");
  CHECK(inline_code_path(".cursor/rules/style.mdc") == ".cursor/rules/style.mdc");
  CHECK(inline_code_path(".claude/settings.json") == ".claude/settings.json");
}

TEST_CASE("inline_code_path: a real examples/ directory is not a placeholder") {
  // Regression: anything that starts with "example" is treated as a placeholder, so a repository's own
  // examples/ directory is never checked.
  CHECK(inline_code_path("examples/basic/main.go") == "examples/basic/main.go");
}

TEST_CASE("inline_code_path: what is not clearly a path") {
  // No directory part: a bare file name may resolve anywhere.
  CHECK(inline_code_path("README.md") == "");
  CHECK(inline_code_path("main.cpp") == "");
  // Commands and prose.
  CHECK(inline_code_path("make test") == "");
  CHECK(inline_code_path("npm run build") == "");
  CHECK(inline_code_path("cd src/app") == "");
  CHECK(inline_code_path("--config=path/x.yml") == "");
  CHECK(inline_code_path("-o/out.txt") == "");
  // No extension and no trailing slash: a directory, a branch, a package, a ratio.
  CHECK(inline_code_path("src/lib") == "");
  CHECK(inline_code_path("origin/main") == "");
  CHECK(inline_code_path("and/or") == "");
  CHECK(inline_code_path("@types/node") == "");
  CHECK(inline_code_path("application/json") == "");
  // Placeholders.
  CHECK(inline_code_path("path/to/file.py") == "");
  CHECK(inline_code_path("Path/To/File.py") == "");
  CHECK(inline_code_path("<dir>/file.py") == "");
  CHECK(inline_code_path("src/<name>.cpp") == "");
  CHECK(inline_code_path("foo/bar.py") == "");
  CHECK(inline_code_path("src/foo.py") == "");
  CHECK(inline_code_path("your/config.yml") == "");
  CHECK(inline_code_path("lib/my_app/application.ex") == "");
  CHECK(inline_code_path("src/MyApp/Program.cs") == "");
  CHECK(inline_code_path("plugins/my-plugin/index.js") == "");
  CHECK(inline_code_path("src/mypy_plugin.py") == "src/mypy_plugin.py");
  CHECK(inline_code_path("src/YOUR_MODULE.py") == "");
  CHECK(inline_code_path("src/.../x.py") == "");
  CHECK(inline_code_path("src/{a,b}.c") == "");
  CHECK(inline_code_path("$HOME/config.yml") == "");
  CHECK(inline_code_path("${ROOT}/x.md") == "");
  // Globs.
  CHECK(inline_code_path("src/*.cpp") == "");
  CHECK(inline_code_path("**/*.md") == "");
  CHECK(inline_code_path("test/file?.txt") == "");
  CHECK(inline_code_path("src/[ab].c") == "");
  // URLs, absolute and home paths, domains, Windows paths.
  CHECK(inline_code_path("https://example.com/docs/x.md") == "");
  CHECK(inline_code_path("/etc/nginx/nginx.conf") == "");
  CHECK(inline_code_path("/usr/local/bin/") == "");
  CHECK(inline_code_path("~/.bashrc.d/x.sh") == "");
  CHECK(inline_code_path("github.com/owner/repo/main.go") == "");
  CHECK(inline_code_path("C:\\Users\\me\\x.txt") == "");
  // Placeholder parts in the file name.
  CHECK(inline_code_path("docs/adr/NNNN-title.md") == "");
  CHECK(inline_code_path("docs/releases/0.MINOR.x.md") == "");
  CHECK(inline_code_path("_posts/YYYY-MM-DD-title.md") == "");
  CHECK(inline_code_path("src/NAME.py") == "");
  CHECK(inline_code_path("docs/VERSION.md") == "");
  CHECK(inline_code_path("lib/plugin-x.js") == "");
  // Versions.
  CHECK(inline_code_path("release/v1.2.3") == "");
  CHECK(inline_code_path("node/18.x") == "");
  CHECK(inline_code_path("api/v2.x") == "");
  // Empty, odd extensions.
  CHECK(inline_code_path("") == "");
  CHECK(inline_code_path("   ") == "");
  CHECK(inline_code_path("src/.gitignore") == "");
  CHECK(inline_code_path("src/file.") == "");
  CHECK(inline_code_path("a/b.c-d") == "");
  CHECK(inline_code_path("x/y.abcdefghijk") == "");
}

TEST_CASE("link_path: repository paths") {
  CHECK(link_path("docs/setup.md") == "docs/setup.md");
  CHECK(link_path("  docs/setup.md  ") == "docs/setup.md");
  CHECK(link_path("./CONTRIBUTING.md") == "./CONTRIBUTING.md");
  CHECK(link_path("../README.md") == "../README.md");
  CHECK(link_path("/docs/abs.md") == "/docs/abs.md"); // root-relative: a repository path for the resolver
  CHECK(link_path("README.md") == "README.md");
  CHECK(link_path("docs/") == "docs/");
  CHECK(link_path("assets/logo.png") == "assets/logo.png");
  // Anchors and queries are cut.
  CHECK(link_path("docs/setup.md#install") == "docs/setup.md");
  CHECK(link_path("src/main.py?plain=1") == "src/main.py");
  CHECK(link_path("src/main.py?plain=1#L10") == "src/main.py");
  CHECK(link_path("src/main.py#L10-L20") == "src/main.py");
  // Percent-decoding.
  CHECK(link_path("docs/my%20file.md") == "docs/my file.md");
  CHECK(link_path("docs/caf%C3%A9.md") == "docs/caf\xC3\xA9.md");
  CHECK(link_path("a%2fb.md") == "a/b.md");
  CHECK(link_path("100%.md") == "100%.md");
  CHECK(link_path("x%2.md") == "x%2.md");
  CHECK(link_path("x%zz.md") == "x%zz.md");
  CHECK(link_path("x%41") == "xA");
  // <angle> targets.
  CHECK(link_path("<docs/my file.md>") == "docs/my file.md");
  CHECK(link_path("<docs/a.md#part>") == "docs/a.md");
}

TEST_CASE("link_path: backslash escapes in a destination are undone") {
  // Regression: CommonMark backslash escapes are allowed in link destinations ([x](docs/a\_b.md) links to
  // docs/a_b.md), and parse_markdown passes the destination as written; link_path keeps the backslash, so
  // CTX002 reports 'docs/a\_b.md' as missing.
  CHECK(link_path("docs/a\\_b.md") == "docs/a_b.md");
  CHECK(link_path("docs/\\(draft\\).md") == "docs/(draft).md");
}

TEST_CASE("link_path: URLs, other schemes and anchors are not paths") {
  CHECK(link_path("https://example.com/docs/x.md") == "");
  CHECK(link_path("http://localhost:8080") == "");
  CHECK(link_path("HTTPS://EXAMPLE.COM") == "");
  CHECK(link_path("mailto:dev@example.com") == "");
  CHECK(link_path("tel:+123456") == "");
  // E-mail addresses: an autolink `<user@host>` or a link that forgot its mailto:.
  CHECK(link_path("<git+subscribe@vger.kernel.org>") == "");
  CHECK(link_path("mail@nlohmann.me") == "");
  CHECK(link_path("first.last@sub.example.co.uk") == "");
  // Paths with an '@' stay paths.
  CHECK(link_path("icons/logo@2x.png") == "icons/logo@2x.png");
  CHECK(link_path("@scope/pkg/README.md") == "@scope/pkg/README.md");
  CHECK(link_path("logo@2x.png") == "logo@2x.png");
  CHECK(link_path("ftp://files.example.com/a.tgz") == "");
  CHECK(link_path("vscode://file/x") == "");
  CHECK(link_path("git+ssh://git@github.com/a/b.git") == "");
  CHECK(link_path("data:image/png;base64,AAAA") == "");
  CHECK(link_path("javascript:alert(1)") == "");
  CHECK(link_path("C:/Users/me/x.md") == "");
  CHECK(link_path("//cdn.example.com/x.js") == "");
  CHECK(link_path("<https://example.com>") == "");
  CHECK(link_path("#installation") == "");
  CHECK(link_path("#") == "");
  CHECK(link_path("") == "");
  CHECK(link_path("   ") == "");
  CHECK(link_path("<>") == "");
}

TEST_CASE("KnowledgeIndex::add: a console block with prompts and output") {
  auto doc = document("README.md");
  doc.code_blocks.push_back(
      block("console", "$ npm install\nadded 10 packages in 2s\n$ npm run build\nbuild ok\n", 5));
  KnowledgeIndex index;
  index.add(doc);
  REQUIRE(index.commands().size() == 2);
  const auto& first = index.commands()[0];
  CHECK(first.words == Words{"npm", "install"});
  CHECK(first.peeled.empty()); // no wrapper to peel
  CHECK(first.doc == "README.md");
  CHECK(first.line == 5);
  CHECK(first.column == 1);
  CHECK(first.in_code_block);
  CHECK(index.commands()[1].words == Words{"npm", "run", "build"});
  CHECK(index.commands()[1].line == 7);
  CHECK(index.paths().empty());
}

TEST_CASE("KnowledgeIndex::add: other prompt styles and root prompts") {
  auto doc = document("README.md");
  doc.code_blocks.push_back(block("shell-session", "% make\n  $ make test\n❯ cargo build\n", 3, 4));
  doc.code_blocks.push_back(
      block("console", "# apt-get install -y cmake\n$ cmake --version\ncmake version 3.28\n", 10));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) == Commands{{"make"},
                                    {"make", "test"},
                                    {"cargo", "build"},
                                    {"apt-get", "install", "-y", "cmake"},
                                    {"cmake", "--version"}});
  CHECK(index.commands()[1].line == 4);
  CHECK(index.commands()[1].column == 4);
  CHECK(index.commands()[3].line == 10);
}

TEST_CASE("KnowledgeIndex::add: npm's output lines in a console block are not commands") {
  // Regression: "> " counts as a prompt, so npm's echo of the script it runs ("> pkg@1.0.0 test", "> jest")
  // becomes two commands, and `jest` is taken as documented.
  auto doc = document("README.md");
  doc.code_blocks.push_back(
      block("console", "$ npm test\n\n> pixel@1.0.0 test\n> jest\n\nPASS test/a.test.ts\n", 1));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) == Commands{{"npm", "test"}});
}

TEST_CASE("KnowledgeIndex::add: a virtualenv's name before the prompt") {
  auto doc = document("docs/contributing.md");
  doc.code_blocks.push_back(
      block("console", "(.venv)$ tox -e fuzz # optional\n(venv) $ pytest\n(a b)$ x\n", 1));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) == Commands{{"tox", "-e", "fuzz"}, {"pytest"}});
}

TEST_CASE("KnowledgeIndex::add: a bare prompt is not a command") {
  // Regression: a line holding only "$" is kept as the command "$".
  auto doc = document("README.md");
  doc.code_blocks.push_back(block("console", "$ make\n$\n", 1));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) == Commands{{"make"}});
}

TEST_CASE("KnowledgeIndex::add: a virtualenv prefix before the prompt") {
  // Regression: black's contributing guide writes `(.venv)$ pre-commit run -a`.
  auto doc = document("docs/contributing.md");
  doc.code_blocks.push_back(
      block("console",
            "$ python3 -m venv .venv\n(.venv)$ pre-commit run -a\n(base) $ tox -e py\nok (1 passed)\n", 1));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) ==
        Commands{{"python", "-m", "venv", ".venv"}, {"pre-commit", "run", "-a"}, {"tox", "-e", "py"}});
}

TEST_CASE("KnowledgeIndex::add: a bash block without prompts, with comments") {
  auto doc = document("CONTRIBUTING.md");
  doc.code_blocks.push_back(
      block("bash", "# Install the dependencies\nnpm ci\n\nnpm run build  # build it\n", 20));
  KnowledgeIndex index;
  index.add(doc);
  REQUIRE(index.commands().size() == 2);
  CHECK(index.commands()[0].words == Words{"npm", "ci"});
  CHECK(index.commands()[0].line == 21);
  CHECK(index.commands()[1].words == Words{"npm", "run", "build"});
  CHECK(index.commands()[1].line == 23);
  CHECK(index.commands()[1].doc == "CONTRIBUTING.md");
}

TEST_CASE("KnowledgeIndex::add: continuation lines are joined") {
  auto doc = document("README.md");
  doc.code_blocks.push_back(block("sh", "docker run \\\n  --rm \\\n  -it image:latest\nmake\n", 8));
  doc.code_blocks.push_back(block("console", "$ cmake -S . \\\n    -B build\nwritten\n$ ctest\n", 30));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) == Commands{{"docker", "run", "--rm", "-it", "image:latest"},
                                    {"make"},
                                    {"cmake", "-S", ".", "-B", "build"},
                                    {"ctest"}});
  CHECK(index.commands()[0].line == 8);
  CHECK(index.commands()[1].line == 11);
  CHECK(index.commands()[2].line == 30);
  CHECK(index.commands()[3].line == 33);
}

TEST_CASE("KnowledgeIndex::add: a continuation at the end of a block still ends the command") {
  auto doc = document("README.md");
  doc.code_blocks.push_back(block("bash", "make \\\n  test \\\n", 2));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) == Commands{{"make", "test"}});
  CHECK(index.commands()[0].line == 2);
}

TEST_CASE("KnowledgeIndex::add: PowerShell and cmd continuations") {
  auto doc = document("README.md");
  doc.code_blocks.push_back(block("powershell", "dotnet test `\n  --no-build\n", 1));
  doc.code_blocks.push_back(block("bat", "msbuild app.sln ^\n  /p:Configuration=Release\n", 5));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) ==
        Commands{{"dotnet", "test", "--no-build"}, {"msbuild", "app.sln", "/p:Configuration=Release"}});
}

TEST_CASE("KnowledgeIndex::add: which code block languages are read") {
  auto doc = document("README.md");
  doc.code_blocks.push_back(block("python", "import os\nos.system('make secret')\n", 1));
  doc.code_blocks.push_back(block("yaml", "run: make yaml\n", 5));
  doc.code_blocks.push_back(block("json", "{\"scripts\": {}}\n", 8));
  doc.code_blocks.push_back(block("", "make plain\n", 10));
  doc.code_blocks.push_back(block("Bash", "make upper\n", 12));
  doc.code_blocks.push_back(block("bash title=\"setup\"", "make titled\n", 14));
  doc.code_blocks.push_back(block("{bash}", "make braced\n", 16));
  doc.code_blocks.push_back(block("text", "make text\n", 18));
  doc.code_blocks.push_back(block("zsh", "make zsh\n", 20));
  doc.code_blocks.push_back(block("pwsh", "make pwsh\n", 22));
  doc.code_blocks.push_back(block("shell", "make shell\n", 24));
  doc.code_blocks.push_back(block("sh-session", "$ make session\n", 26));
  doc.code_blocks.push_back(block("makefile", "all:\n\tmake sub\n", 28));
  KnowledgeIndex index;
  index.add(doc);
  CHECK(words_of(index) == Commands{{"make", "plain"},
                                    {"make", "upper"},
                                    {"make", "titled"},
                                    {"make", "braced"},
                                    {"make", "text"},
                                    {"make", "zsh"},
                                    {"make", "pwsh"},
                                    {"make", "shell"},
                                    {"make", "session"}});
}

TEST_CASE("KnowledgeIndex::add: wrappers are peeled into `peeled`") {
  auto doc = document("AGENTS.md");
  doc.code_blocks.push_back(block("sh", "uv run pytest -x\npoetry run python -m pytest\n", 1));
  KnowledgeIndex index;
  index.add(doc);
  REQUIRE(index.commands().size() == 2);
  CHECK(index.commands()[0].words == Words{"uv", "run", "pytest", "-x"});
  CHECK(index.commands()[0].peeled == Words{"pytest", "-x"});
  CHECK(index.commands()[1].peeled == Words{"pytest"});
}

TEST_CASE("KnowledgeIndex::add: `peeled` is empty when there was no wrapper") {
  auto doc = document("AGENTS.md");
  doc.code_blocks.push_back(block("sh", "make test\npython setup.py test\nyarn\n", 1));
  KnowledgeIndex index;
  index.add(doc);
  REQUIRE(index.commands().size() == 3);
  for (const auto& mention : index.commands())
    CHECK(mention.peeled.empty());
}

TEST_CASE("KnowledgeIndex::add: inline code gives commands and clear paths") {
  auto doc = document("docs/guide.md");
  doc.inline_code.push_back(InlineCode{"npm run lint", 3, 10});
  doc.inline_code.push_back(InlineCode{"src/app.ts", 4, 7});
  doc.inline_code.push_back(InlineCode{"README.md", 5, 1});
  doc.inline_code.push_back(InlineCode{"path/to/file.py", 6, 1});
  KnowledgeIndex index;
  index.add(doc);
  REQUIRE(index.commands().size() == 4);
  CHECK(index.commands()[0].words == Words{"npm", "run", "lint"});
  CHECK(index.commands()[0].line == 3);
  CHECK(index.commands()[0].column == 10);
  CHECK_FALSE(index.commands()[0].in_code_block);
  REQUIRE(index.paths().size() == 1);
  const auto& path = index.paths()[0];
  CHECK(path.text == "src/app.ts");
  CHECK(path.doc == "docs/guide.md");
  CHECK(path.line == 4);
  CHECK(path.column == 7);
  CHECK(path.kind == PathMentionKind::inline_code);
}

TEST_CASE("KnowledgeIndex::add: links and imports become path mentions") {
  auto doc = document("CLAUDE.md");
  doc.links.push_back(Link{"docs/setup.md#install", "setup", 2, 12, false});
  doc.links.push_back(Link{"https://example.com", "site", 3, 5, false});
  doc.links.push_back(Link{"#top", "top", 4, 5, false});
  doc.links.push_back(Link{"assets/logo%20big.png", "", 5, 3, true});
  doc.imports.push_back(Import{"AGENTS.md", 1, 1});
  KnowledgeIndex index;
  index.add(doc);
  CHECK(index.commands().empty());
  REQUIRE(index.paths().size() == 3);
  CHECK(index.paths()[0].text == "docs/setup.md");
  CHECK(index.paths()[0].kind == PathMentionKind::link);
  CHECK(index.paths()[0].line == 2);
  CHECK(index.paths()[0].column == 12);
  CHECK(index.paths()[1].text == "assets/logo big.png");
  CHECK(index.paths()[2].text == "AGENTS.md");
  CHECK(index.paths()[2].kind == PathMentionKind::import);
  CHECK(index.paths()[2].doc == "CLAUDE.md");
  CHECK(index.paths()[2].line == 1);
}

TEST_CASE("KnowledgeIndex::add: an empty document adds nothing, several documents accumulate") {
  KnowledgeIndex index;
  index.add(document("empty.md"));
  CHECK(index.commands().empty());
  CHECK(index.paths().empty());

  auto a = document("a.md");
  a.code_blocks.push_back(block("sh", "make a\n", 1));
  auto b = document("b.md");
  b.code_blocks.push_back(block("sh", "make b\n", 1));
  index.add(a);
  index.add(b);
  REQUIRE(index.commands().size() == 2);
  CHECK(index.commands()[0].doc == "a.md");
  CHECK(index.commands()[1].doc == "b.md");
}

TEST_CASE("KnowledgeIndex::merge: appends in order, as adding the documents one by one does") {
  auto a = document("a.md");
  a.code_blocks.push_back(block("sh", "make a\n", 1));
  a.links.push_back(Link{"docs/a.md", "", 2, 1, false});
  auto b = document("b.md");
  b.inline_code.push_back(InlineCode{"uv run pytest", 3, 4});
  b.imports.push_back(Import{"AGENTS.md", 1, 1});

  KnowledgeIndex sequential;
  sequential.add(a);
  sequential.add(b);

  KnowledgeIndex merged;
  KnowledgeIndex part_a;
  KnowledgeIndex part_b;
  part_a.add(a);
  part_b.add(b);
  merged.merge(std::move(part_a));
  merged.merge(std::move(part_b));
  merged.merge(KnowledgeIndex{});

  REQUIRE(merged.commands().size() == sequential.commands().size());
  for (std::size_t i = 0; i < merged.commands().size(); ++i) {
    CHECK(merged.commands()[i].words == sequential.commands()[i].words);
    CHECK(merged.commands()[i].peeled == sequential.commands()[i].peeled);
    CHECK(merged.commands()[i].doc == sequential.commands()[i].doc);
    CHECK(merged.commands()[i].line == sequential.commands()[i].line);
  }
  REQUIRE(merged.paths().size() == 2);
  CHECK(merged.paths()[0].text == "docs/a.md");
  CHECK(merged.paths()[1].text == "AGENTS.md");
  CHECK(merged.paths()[1].kind == PathMentionKind::import);
  const std::vector<CommandPattern> pytest{{"pytest", {}}};
  REQUIRE(merged.find(pytest) != nullptr);
  CHECK(merged.find(pytest)->doc == "b.md");
}

TEST_CASE("KnowledgeIndex::find: the first mention that matches any pattern") {
  auto readme = document("README.md");
  readme.code_blocks.push_back(block("sh", "npm ci\nuv run pytest -x\n", 10));
  auto agents = document("AGENTS.md");
  agents.inline_code.push_back(InlineCode{"python -m pytest tests/", 4, 3});
  agents.inline_code.push_back(InlineCode{"npm --silent test", 5, 3});
  KnowledgeIndex index;
  index.add(readme);
  index.add(agents);

  // Found through the peeled words.
  const std::vector<CommandPattern> pytest{{"pytest", {}}};
  const auto* found = index.find(pytest);
  REQUIRE(found != nullptr);
  CHECK(found->doc == "README.md");
  CHECK(found->line == 11);
  CHECK(found->words == Words{"uv", "run", "pytest", "-x"});

  // Found through the words themselves.
  const std::vector<CommandPattern> uv_run{{"uv", {"run"}}};
  REQUIRE(index.find(uv_run) != nullptr);
  CHECK(index.find(uv_run)->line == 11);

  // Any of several patterns; the first mention in document order wins.
  const std::vector<CommandPattern> tests{{"npm", {"test", "t"}}, {"pytest", {}}};
  REQUIRE(index.find(tests) != nullptr);
  CHECK(index.find(tests)->doc == "README.md");

  const std::vector<CommandPattern> npm_test{{"npm", {"test"}}};
  REQUIRE(index.find(npm_test) != nullptr);
  CHECK(index.find(npm_test)->doc == "AGENTS.md");
  CHECK(index.find(npm_test)->line == 5);

  const std::vector<CommandPattern> cargo{{"cargo", {"test"}}};
  CHECK(index.find(cargo) == nullptr);
  CHECK(index.find(std::span<const CommandPattern>{}) == nullptr);
  CHECK(KnowledgeIndex{}.find(pytest) == nullptr);
}
