// Tests for util::glob_match and util::IgnoreRules; many cases come from git's gitignore documentation
// and its wildmatch test suite (t/t3070-wildmatch.sh).

#include <tacit/util/glob.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using tacit::util::glob_match;
using tacit::util::IgnoreRules;

TEST_CASE("glob_match: literals, ? and *") {
  CHECK(glob_match("foo", "foo"));
  CHECK_FALSE(glob_match("foo", "bar"));
  CHECK_FALSE(glob_match("foo", "foo/bar"));
  CHECK(glob_match("", ""));
  CHECK(glob_match("???", "abc"));
  CHECK_FALSE(glob_match("??", "abc"));
  CHECK_FALSE(glob_match("a?c", "a/c"));
  CHECK(glob_match("*", "foo"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("*", ".hidden")); // no special case for dot files, as in git
  CHECK_FALSE(glob_match("*", "foo/bar"));
  CHECK(glob_match("*.md", "README.md"));
  CHECK_FALSE(glob_match("*.md", "docs/README.md"));
  CHECK(glob_match("docs/*.md", "docs/README.md"));
  CHECK_FALSE(glob_match("docs/*.md", "docs/a/README.md"));
  CHECK(glob_match("a*b*c", "aXXbYYc"));
  CHECK(glob_match("a*b*c", "abc"));
  CHECK_FALSE(glob_match("a*b*c", "acb"));
  CHECK(glob_match("*a*", "banana"));
  CHECK(glob_match("foo/*", "foo/test.json"));
  CHECK(glob_match("foo/*", "foo/bar"));
  CHECK_FALSE(glob_match("foo/*", "foo/bar/hello.c")); // the git docs' example
  CHECK(glob_match("hello.*", "hello.c"));
}

TEST_CASE("glob_match: ** spans whole segments only") {
  CHECK(glob_match("**/foo", "foo"));
  CHECK(glob_match("**/foo", "a/foo"));
  CHECK(glob_match("**/foo", "a/b/foo"));
  CHECK_FALSE(glob_match("**/foo", "a/xfoo"));
  CHECK(glob_match("**/foo/bar", "x/y/foo/bar"));
  CHECK(glob_match("**/foo/bar", "foo/bar"));
  CHECK(glob_match("abc/**", "abc/x"));
  CHECK(glob_match("abc/**", "abc/x/y/z"));
  CHECK_FALSE(glob_match("abc/**", "abc"));
  CHECK_FALSE(glob_match("abc/**", "abcd/x"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK_FALSE(glob_match("a/**/b", "a/xb"));
  CHECK_FALSE(glob_match("a/**/b", "ab"));
  CHECK(glob_match("**", "a/b/c"));
  CHECK(glob_match("**/*.md", "README.md"));
  CHECK(glob_match("**/*.md", "docs/x/README.md"));
  CHECK_FALSE(glob_match("**/*.md", "docs/x/README.mdx"));
  CHECK(glob_match("src/**/test_*.py", "src/test_a.py"));
  CHECK(glob_match("src/**/test_*.py", "src/a/b/test_a.py"));
  // `**` that is not a whole segment is a plain `*`.
  CHECK(glob_match("a**b", "aXXb"));
  CHECK_FALSE(glob_match("a**b", "a/b"));
  CHECK_FALSE(glob_match("**foo", "a/foo"));
  CHECK(glob_match("foo**", "foobar"));
  CHECK(glob_match("**/**/x", "x"));
  CHECK(glob_match("**/**/x", "a/b/x"));
}

TEST_CASE("glob_match: character classes") {
  CHECK(glob_match("[abc]", "b"));
  CHECK_FALSE(glob_match("[abc]", "d"));
  CHECK(glob_match("[a-z]x", "qx"));
  CHECK_FALSE(glob_match("[a-z]x", "Qx"));
  CHECK(glob_match("[!a-z]", "Q"));
  CHECK(glob_match("[^a-z]", "Q"));
  CHECK_FALSE(glob_match("[!a-z]", "q"));
  CHECK(glob_match("[]]", "]"));
  CHECK(glob_match("[!]]", "a"));
  CHECK_FALSE(glob_match("[!]]", "]"));
  CHECK(glob_match("[-a]", "-"));
  CHECK(glob_match("[a-]", "-"));
  CHECK(glob_match("[\\]]", "]"));
  CHECK(glob_match("[[:digit:]][[:alpha:]]", "7x"));
  CHECK_FALSE(glob_match("[[:digit:]]", "x"));
  CHECK(glob_match("[[:upper:][:digit:]]", "Z"));
  CHECK(glob_match("[[:space:]]", " "));
  CHECK(glob_match("[[:xdigit:]]", "f"));
  CHECK(glob_match("[[:]", "["));      // "[:" without ":]" is a literal '['
  CHECK_FALSE(glob_match("[/]", "/")); // a class never matches '/'
  CHECK_FALSE(glob_match("a[!b]c", "a/c"));
  // Invalid patterns match nothing.
  CHECK_FALSE(glob_match("[abc", "a"));
  CHECK_FALSE(glob_match("[abc", "[abc"));
  CHECK_FALSE(glob_match("[[:nope:]]", "a"));
  CHECK_FALSE(glob_match("abc\\", "abc\\"));
}

TEST_CASE("glob_match: escapes") {
  CHECK(glob_match("\\*", "*"));
  CHECK_FALSE(glob_match("\\*", "x"));
  CHECK(glob_match("\\?x", "?x"));
  CHECK(glob_match("\\[a]", "[a]"));
  CHECK(glob_match("a\\ b", "a b"));
  CHECK(glob_match("\\#x", "#x"));
}

TEST_CASE("glob_match: no catastrophic backtracking") {
  const std::string path(200, 'a');
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) {
    CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", path));
    CHECK_FALSE(glob_match("**/**/**/**/**/**/**/**/**/**/b", path + "/" + path));
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(20)); // guards against blow-ups, not a speed test
  CHECK(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", path));
  const std::string long_path = std::string(600, 'x') + "/y.md"; // longer than the inline buffer
  CHECK(glob_match("**/*.md", long_path));
  CHECK_FALSE(glob_match("**/*.txt", long_path));
}

TEST_CASE("IgnoreRules: names match at any depth, patterns with '/' are anchored") {
  IgnoreRules rules;
  rules.add("*.o");
  rules.add("bar");
  rules.add("doc/frotz");
  rules.add("/root-only");
  CHECK(rules.ignored("main.o"));
  CHECK(rules.ignored("src/deep/main.o"));
  CHECK(rules.ignored("bar"));
  CHECK(rules.ignored("a/bar"));
  CHECK(rules.ignored("doc/frotz"));
  CHECK_FALSE(rules.ignored("a/doc/frotz"));
  CHECK(rules.ignored("root-only"));
  CHECK_FALSE(rules.ignored("a/root-only"));
  CHECK_FALSE(rules.ignored("main.c"));
  // A matched directory matches everything under it.
  CHECK(rules.ignored("bar/inner/file.c"));
  CHECK(rules.ignored("doc/frotz/x"));
  CHECK(rules.ignored("./main.o"));
}

TEST_CASE("IgnoreRules: /doc/frotz and doc/frotz are the same") {
  IgnoreRules a;
  a.add("doc/frotz");
  IgnoreRules b;
  b.add("/doc/frotz");
  for (const char* path : {"doc/frotz", "a/doc/frotz", "doc/frotz/x", "docs/frotz"}) {
    CHECK(a.ignored(path) == b.ignored(path));
  }
}

TEST_CASE("IgnoreRules: a trailing slash matches directories only") {
  IgnoreRules rules;
  rules.add("frotz/");
  rules.add("doc/build/");
  CHECK(rules.ignored("frotz", true));
  CHECK(rules.ignored("a/frotz", true));
  CHECK_FALSE(rules.ignored("frotz", false));
  CHECK_FALSE(rules.ignored("a/frotz", false));
  CHECK(rules.ignored("frotz/file")); // its directory is excluded
  CHECK(rules.ignored("a/frotz/file"));
  CHECK(rules.ignored("frotz/")); // a trailing slash in the query says "directory"
  CHECK(rules.ignored("doc/build", true));
  CHECK_FALSE(rules.ignored("a/doc/build", true));
}

TEST_CASE("IgnoreRules: negation and the last matching rule") {
  IgnoreRules rules;
  rules.add("*.log");
  rules.add("!keep.log");
  CHECK(rules.ignored("a.log"));
  CHECK_FALSE(rules.ignored("keep.log"));
  CHECK_FALSE(rules.ignored("sub/keep.log"));
  rules.add("sub/keep.log");
  CHECK(rules.ignored("sub/keep.log"));
  CHECK_FALSE(rules.ignored("keep.log"));
}

TEST_CASE("IgnoreRules: a file cannot be re-included when its directory is excluded") {
  IgnoreRules rules;
  rules.add("build/");
  rules.add("!build/keep.txt");
  CHECK(rules.ignored("build/keep.txt"));
  CHECK(rules.ignored("build/other.txt"));

  IgnoreRules contents; // excluding the contents, not the directory, allows re-inclusion
  contents.add("build/*");
  contents.add("!build/keep.txt");
  CHECK_FALSE(contents.ignored("build/keep.txt"));
  CHECK(contents.ignored("build/other.txt"));
  CHECK_FALSE(contents.ignored("build", true));
}

TEST_CASE("IgnoreRules: the git documentation's 'everything except foo/bar' example") {
  IgnoreRules rules;
  rules.add_file("# exclude everything except directory foo/bar\n/*\n!/foo\n/foo/*\n!/foo/bar\n");
  CHECK(rules.ignored("other"));
  CHECK(rules.ignored("other/x"));
  CHECK_FALSE(rules.ignored("foo", true));
  CHECK(rules.ignored("foo/baz"));
  CHECK(rules.ignored("foo/baz/x"));
  CHECK_FALSE(rules.ignored("foo/bar", true));
  CHECK_FALSE(rules.ignored("foo/bar/x"));
  CHECK_FALSE(rules.ignored("foo/bar/deep/y"));
}

TEST_CASE("IgnoreRules: ** forms") {
  IgnoreRules rules;
  rules.add("**/logs");
  rules.add("**/cache/debug.log");
  rules.add("out/**");
  rules.add("a/**/z");
  CHECK(rules.ignored("logs", true));
  CHECK(rules.ignored("x/y/logs/today"));
  CHECK(rules.ignored("cache/debug.log"));
  CHECK(rules.ignored("p/cache/debug.log"));
  CHECK_FALSE(rules.ignored("out", true)); // "out/**" matches what is inside, not the directory itself
  CHECK(rules.ignored("out/a/b"));
  CHECK(rules.ignored("a/z"));
  CHECK(rules.ignored("a/b/c/z"));
  CHECK_FALSE(rules.ignored("b/a/z"));
}

TEST_CASE("IgnoreRules: a `**` right after a literal prefix reads as git reads it") {
  // git compares a pattern's literal prefix first and matches the rest on its own, so in "x**/**" the `**`
  // after "x" starts the remaining pattern and spans segments (checked against git 2.39).
  IgnoreRules rules;
  rules.add("/.**/**");
  rules.add("a***/**/");
  CHECK(rules.ignored(".gitignore"));
  CHECK(rules.ignored("a.b", true));
  CHECK(rules.ignored("a.b/file"));
  CHECK_FALSE(rules.ignored("b.a", true));
  CHECK_FALSE(glob_match(".**/**", ".gitignore")); // plain globs have no such prefix rule
}

TEST_CASE("IgnoreRules: comments, escapes and trailing spaces") {
  IgnoreRules rules;
  CHECK(rules.add("# a comment"));
  CHECK(rules.add(""));
  CHECK(rules.add("   "));
  CHECK(rules.empty());
  CHECK(rules.add("\\#hash"));
  CHECK(rules.add("\\!bang"));
  CHECK(rules.add("trailing   "));
  CHECK(rules.add("kept\\ "));
  CHECK(rules.add("crlf.txt\r"));
  CHECK(rules.ignored("#hash"));
  CHECK(rules.ignored("!bang"));
  CHECK_FALSE(rules.ignored("bang"));
  CHECK(rules.ignored("trailing"));
  CHECK_FALSE(rules.ignored("trailing   "));
  CHECK(rules.ignored("kept "));
  CHECK_FALSE(rules.ignored("kept"));
  CHECK(rules.ignored("crlf.txt"));
  CHECK_FALSE(rules.ignored("# a comment"));
}

TEST_CASE("IgnoreRules: invalid lines are refused") {
  IgnoreRules rules;
  CHECK_FALSE(rules.add("/"));
  CHECK_FALSE(rules.add("!"));
  CHECK_FALSE(rules.add("[unterminated"));
  CHECK_FALSE(rules.add("bad\\"));
  CHECK(rules.empty());
}

TEST_CASE("IgnoreRules: rules from a nested .gitignore apply below its directory only") {
  IgnoreRules rules;
  rules.add_file("*.tmp\n", "");
  rules.add_file("/generated\n*.out\n!important.tmp\n", "sub");
  CHECK(rules.ignored("a.tmp"));
  CHECK(rules.ignored("sub/a.tmp"));
  CHECK_FALSE(rules.ignored("sub/important.tmp")); // the deeper file wins
  CHECK(rules.ignored("important.tmp"));
  CHECK(rules.ignored("sub/generated", true));
  CHECK(rules.ignored("sub/generated/x.c"));
  CHECK_FALSE(rules.ignored("generated", true));
  CHECK_FALSE(rules.ignored("sub2/generated", true));
  CHECK(rules.ignored("sub/deep/x.out"));
  CHECK_FALSE(rules.ignored("x.out"));
  CHECK_FALSE(rules.ignored("sub", true)); // a .gitignore cannot exclude its own directory
}

TEST_CASE("IgnoreRules: add_file handles CRLF, a BOM and no final newline") {
  IgnoreRules rules;
  rules.add_file("\xEF\xBB\xBF"
                 "first\r\nsecond\r\nthird");
  CHECK(rules.ignored("first"));
  CHECK(rules.ignored("second"));
  CHECK(rules.ignored("third"));
}

TEST_CASE("IgnoreRules::matches: the verdict on a path alone, with its folder the same as ignored") {
  IgnoreRules rules;
  rules.add("build/");
  rules.add("*.log");
  rules.add("!keep.log");
  rules.add("/docs/generated/**");
  rules.add("node_modules");
  CHECK(rules.matches("x.log"));
  CHECK_FALSE(rules.matches("keep.log"));
  CHECK_FALSE(rules.matches("build/x.txt")); // only the folder above it matches
  CHECK(rules.matches("build", true));
  for (const std::string path :
       {"a/b/x.log", "build/keep.log", "src/build/y.c", "docs/generated/a/b.md", "docs/other.md", "keep.log",
        "node_modules/x/y.js", "a/node_modules", "src/main.c", "build"}) {
    CAPTURE(path);
    const auto slash = path.rfind('/');
    const bool folder = slash != std::string::npos && rules.ignored(path.substr(0, slash), true);
    CHECK((folder || rules.matches(path)) == rules.ignored(path));
  }
}
