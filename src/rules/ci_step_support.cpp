// What TASK104 asks of a CI command besides its head: variants of documented commands and the repository's
// own programs (see ci_step_support.hpp).

#include "ci_step_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace tacit::rules::procedure {

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : std::string(name) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

// The arguments that select what runs (selecting_arguments) that some doc gives with each head; the Gradle
// tasks and Maven goals of every doc command under the program alone (`gradle apiCheck` documents the
// `apiCheck` of `gradle build apiCheck`).
std::map<Head, std::set<std::string>> documented_arguments(const engine::Context& context) {
  std::map<Head, std::set<std::string>> out;
  for (const auto& mention : context.knowledge().commands())
    for (const auto* words : {&mention.words, &mention.peeled}) {
      if (words->empty())
        continue;
      const auto head = head_of(*words);
      auto args = selecting_arguments(*words);
      if ((head[0] == "gradle" || head[0] == "mvn") && head.size() == 2) {
        auto& all = out[Head{head[0]}];
        all.insert(head[1]);
        all.insert(args.begin(), args.end());
      }
      out[head].insert(args.begin(), args.end());
      // A list of targets or tasks (`testdeps`: build the test dependencies) names them one by one.
      if (words->size() == 1 && !mention.in_code_block)
        out[Head{}].insert((*words)[0]);
    }
  return out;
}

// What a CI command with a documented head selects that no doc gives with that head, joined ("" when
// nothing).
std::string undocumented_arguments(const std::map<Head, std::set<std::string>>& documented, const Head& head,
                                   const std::vector<std::string>& words) {
  std::vector<std::string> missing;
  const auto in = [&](const Head& key, const std::string& arg) {
    const auto it = documented.find(key);
    return it != documented.end() && it->second.contains(arg);
  };
  const bool tasks = head[0] == "gradle" || head[0] == "mvn";
  // A task or goal that a documented one runs anyway: Gradle's `build` runs `check` (which runs `test`) and
  // `assemble`; a Maven phase runs every phase before it (`mvn install` runs `verify`, `package`, `test`).
  const auto documented_task = [&](std::string_view task) {
    return (head.size() > 1 && head[1] == task) || in(head, std::string(task)) ||
           in(Head{head[0]}, std::string(task));
  };
  const auto implied = [&](const std::string& arg) {
    if (head[0] == "gradle")
      return ((arg == "check" || arg == "assemble" || arg == "test") && documented_task("build")) ||
             (arg == "test" && documented_task("check"));
    static constexpr std::array<std::string_view, 8> k_phases{
        "validate", "compile", "test-compile", "test", "package", "verify", "install", "deploy"};
    const auto at = std::ranges::find(k_phases, arg);
    return head[0] == "mvn" && at != k_phases.end() &&
           std::any_of(std::next(at), k_phases.end(), documented_task);
  };
  for (auto& arg : selecting_arguments(words)) {
    if (in(head, arg) || (tasks && in(Head{head[0]}, arg)) || (tasks && implied(arg)))
      continue;
    // `--all-features` in a doc runs every `--features X` of CI.
    if (arg.starts_with("--features ") && in(head, "--all-features"))
      continue;
    // A target or task the docs list by name (`testdeps`, `apiCheck`).
    const auto name = arg.starts_with("--target ") ? arg.substr(9) : tasks ? arg : std::string();
    if (!name.empty() && in(Head{}, name))
      continue;
    // A target or task named for CI (`test-ci`, `ci_test_gcc`) is CI's entry to a documented procedure.
    if (!name.empty() && std::ranges::count(name_words(name), std::string("ci")) > 0)
      continue;
    // Gradle tasks and Maven goals that clean, install or publish are bookkeeping, not a check.
    if (tasks && std::ranges::any_of(name_words(arg), [](const std::string& word) {
          return word == "clean" || word == "install" || word.starts_with("publish") || word == "deploy" ||
                 word == "release" || word == "sign";
        }))
      continue;
    missing.push_back(std::move(arg));
  }
  // Arguments that only narrow what the documented command runs (a package, a test target, a workspace, a
  // `-k` filter) make no variant on their own: `cargo test -p core` runs part of what `cargo test` runs.
  // With a feature, a tag or a task they are part of the difference.
  const auto narrows = [](const std::string& arg) {
    for (std::string_view prefix : {"-p ", "--test ", "--filter ", "--workspace ", "-k "})
      if (arg.starts_with(prefix))
        return true;
    return false;
  };
  if (std::ranges::all_of(missing, narrows))
    return {};
  return util::join(missing, " ");
}

bool is_housekeeping_name(std::string_view name) {
  static const std::set<std::string_view> k_words{
      "clean",   "distclean", "install",  "uninstall",   "deps",    "tools",    "dist",
      "tarball", "tarballs",  "package",  "packages",    "release", "publish",  "deploy",
      "upload",  "push",      "archive",  "bootstrap",   "vendor",  "download", "fetch",
      "setup",   "prepare",   "mrproper", "completions", "manpages"};
  // An image build (`scorecard-docker`, `build-image`) packages; `test-docker` runs the tests in one.
  static const std::set<std::string_view> k_image_words{"docker", "image", "images", "container", "oci"};
  static const std::set<std::string_view> k_check_words{"test", "tests",       "lint",   "check",
                                                        "e2e",  "integration", "verify", "validate"};
  bool image = false;
  bool check = false;
  for (const auto& word : name_words(name)) {
    // ... glued to what it installs too (`gcc8install`, `valgrindinstall`, `lz4install`).
    if (k_words.contains(word) || word.ends_with("install"))
      return true;
    image = image || k_image_words.contains(word);
    check = check || k_check_words.contains(word);
  }
  return image && !check;
}

bool is_ci_machinery(std::string_view program, std::string_view line) {
  for (std::string_view output : {"GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"})
    if (line.find(output) != std::string_view::npos)
      return true;
  static const std::set<std::string_view> k_folders{".github",   ".gitlab-ci", ".gitlab", ".azure-pipelines",
                                                    ".circleci", ".buildkite", "ci",      ".ci"};
  if (const auto slash = program.find('/');
      slash != std::string_view::npos && k_folders.contains(program.substr(0, slash)))
    return true;
  static const std::set<std::string_view> k_words{
      "ci",       "travis",  "github",   "gitlab",   "azure",     "buildkite", "circleci",
      "coverage", "report",  "results",  "summary",  "commit",    "aggregate", "collect",
      "notify",   "comment", "label",    "labels",   "pr",        "title",     "changelog",
      "readme",   "version", "versions", "artifact", "artifacts", "cache",     "wait",
      "show",     "env",     "docker",   "image",    "images"};
  for (const auto& word : name_words(program))
    if (k_words.contains(word))
      return true;
  return false;
}

std::string repository_program(const engine::Context& context, const std::vector<std::string>& words) {
  if (words.empty())
    return {};
  std::string path = script_path(words);
  const auto& program = words.front();
  if (path.empty() && words.size() >= 2 &&
      (program == "node" || program == "tsx" || program == "ts-node" || program == "bun" ||
       program == "deno")) {
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (words[i].starts_with('-') || (program == "deno" && words[i] == "run") ||
          (program == "bun" && words[i] == "run"))
        continue;
      path = words[i];
      break;
    }
  }
  if (path.empty() && words.size() >= 3 && program == "go" && words[1] == "run")
    for (std::size_t i = 2; i < words.size(); ++i)
      if (!words[i].starts_with('-')) {
        if (words[i].starts_with("./") || words[i].find('/') != std::string::npos)
          path = words[i];
        break;
      }
  while (path.starts_with("./"))
    path.erase(0, 2);
  while (path.ends_with('/'))
    path.pop_back();
  if (path.empty() || path.find_first_of("$`*{}<>@") != std::string::npos || path.starts_with('/') ||
      path.starts_with(".."))
    return {};
  const auto& snapshot = context.snapshot();
  return snapshot.find(path) || (program == "go" && snapshot.is_directory(path)) ? path : std::string();
}

std::vector<std::string> installed_programs(const std::vector<std::string>& words) {
  // Where the names start: after the installing words, which the table lists per program.
  struct Installer {
    std::string_view program;
    std::vector<std::string_view> verbs; ///< the words after the program, in order
  };
  static const std::vector<Installer> k_installers = {
      {"pip", {"install"}},        {"pip3", {"install"}}, {"pipx", {"install"}},
      {"uv", {"tool", "install"}}, {"go", {"install"}},   {"cargo", {"install"}},
      {"cargo", {"binstall"}},     {"npm", {"install"}},  {"npm", {"i"}},
      {"yarn", {"global", "add"}}, {"pnpm", {"add"}},     {"gem", {"install"}},
      {"apt-get", {"install"}},    {"apt", {"install"}},  {"brew", {"install"}},
      {"dnf", {"install"}},        {"yum", {"install"}},  {"choco", {"install"}},
  };
  auto peeled = doc::peel_wrappers(words);
  if (peeled.size() > 2 && (peeled[0] == "python" || peeled[0] == "python3") && peeled[1] == "-m")
    peeled.erase(peeled.begin(), peeled.begin() + 2); // `python -m pip install`
  std::vector<std::string> out;
  for (const auto& installer : k_installers) {
    if (peeled.empty() || peeled[0] != installer.program)
      continue;
    // The verbs, with flags allowed between them (`apt-get -y install`).
    std::size_t at = 1;
    bool matched = true;
    for (const auto verb : installer.verbs) {
      while (at < peeled.size() && peeled[at].starts_with('-'))
        ++at;
      if (at >= peeled.size() || peeled[at] != verb) {
        matched = false;
        break;
      }
      ++at;
    }
    if (!matched)
      continue;
    const bool npm = installer.program == "npm" || installer.program == "pnpm";
    if (npm && std::ranges::none_of(
                   peeled, [](const std::string& word) { return word == "-g" || word == "--global"; }))
      return {}; // a project's dependencies, not a program
    for (; at < peeled.size(); ++at) {
      auto name = std::string_view(peeled[at]);
      if (name.starts_with('-')) {
        // Options that take a value: the value is no program.
        if (name == "-r" || name == "--requirement" || name == "-c" || name == "--constraint" ||
            name == "--index-url" || name == "-i" || name == "--version" || name == "--root" ||
            name == "--git" || name == "--path" || name == "-e" || name == "--editable")
          ++at;
        continue;
      }
      if (name.find_first_of("$`{}") != std::string_view::npos || name.starts_with('.'))
        continue;
      if (installer.program == "go") { // a module path: its last element, less a major-version suffix
        name = name.substr(0, name.find('@'));
        while (name.ends_with('/'))
          name.remove_suffix(1);
        auto last = name.substr(name.rfind('/') + 1);
        if (last.size() >= 2 && last[0] == 'v' && std::isdigit(static_cast<unsigned char>(last[1])) &&
            name.rfind('/') != std::string_view::npos) {
          name = name.substr(0, name.rfind('/'));
          last = name.substr(name.rfind('/') + 1);
        }
        name = last;
      } else {
        if (!name.starts_with('@') || name.find('@', 1) != std::string_view::npos) // `@scope/x@1`
          name = name.substr(0, name.find('@', name.starts_with('@') ? 1 : 0));
        name = name.substr(0, name.find_first_of("=<>~![;:"));
        if (name.starts_with('@')) // an npm scope: the package's own name
          name = name.substr(name.find('/') + 1);
        if (name.find('/') != std::string_view::npos)
          continue; // a path or a URL
      }
      if (!name.empty())
        out.emplace_back(name);
    }
    return out;
  }
  return out;
}

std::string package_runner_tool(const std::vector<std::string>& words) {
  if (words.size() < 2)
    return {};
  const auto& program = words.front();
  std::size_t at = 0;
  if (program == "npx" || program == "bunx" || program == "uvx")
    at = 1;
  else if ((program == "pnpm" || program == "yarn") && words[1] == "dlx")
    at = 2;
  else if ((program == "pipx" && words[1] == "run") || (program == "npm" && words[1] == "exec"))
    at = 2;
  else
    return {};
  for (; at < words.size(); ++at) {
    if (words[at] == "--package" || words[at] == "-p" || words[at] == "--from") {
      ++at; // the package that provides the tool, not the tool
      continue;
    }
    if (words[at] == "--")
      continue;
    if (!words[at].starts_with('-'))
      break;
  }
  if (at >= words.size())
    return {};
  auto tool = words[at];
  if (const auto version = tool.rfind('@'); version != std::string::npos && version > 0)
    tool.resize(version); // `npx prettier@3`
  if (tool.find_first_of("$`{/") != std::string::npos && !tool.starts_with('@'))
    return {};
  return tool;
}

namespace {

// PowerShell's approved verbs (`Get-Verb`), lower-cased, and the verbs of the core cmdlets outside that list
// (`ForEach-Object`, `Where-Object`, `Sort-Object`, `Tee-Object`).
bool is_powershell_verb(std::string_view verb) {
  static const std::set<std::string, std::less<>> k_verbs{
      // Common.
      "add", "clear", "close", "copy", "enter", "exit", "find", "format", "get", "hide", "join", "lock",
      "move", "new", "open", "optimize", "pop", "push", "redo", "remove", "rename", "reset", "resize",
      "search", "select", "set", "show", "skip", "split", "step", "switch", "undo", "unlock", "watch",
      // Communications.
      "connect", "disconnect", "read", "receive", "send", "write",
      // Data.
      "backup", "checkpoint", "compare", "compress", "convert", "convertfrom", "convertto", "dismount",
      "edit", "expand", "export", "group", "import", "initialize", "limit", "merge", "mount", "out",
      "publish", "restore", "save", "sync", "unpublish", "update",
      // Diagnostic.
      "debug", "measure", "ping", "repair", "resolve", "test", "trace",
      // Lifecycle.
      "approve", "assert", "build", "complete", "confirm", "deny", "deploy", "disable", "enable", "install",
      "invoke", "register", "request", "restart", "resume", "start", "stop", "submit", "suspend", "uninstall",
      "unregister", "wait",
      // Security; other.
      "block", "grant", "protect", "revoke", "unblock", "unprotect", "use",
      // The core cmdlets' own.
      "foreach", "where", "sort", "tee"};
  return k_verbs.contains(util::to_lower(verb));
}

// The nouns of the cmdlets PowerShell ships (Microsoft.PowerShell.Core, Management, Utility, Archive,
// Security), lower-cased: a script may write those in any case (`select-string`, `test-path`).
bool is_powershell_core_noun(std::string_view noun) {
  static const std::set<std::string, std::less<>> k_nouns{
      // Management and Core: files, items, processes, services, modules.
      "acl", "alias", "archive", "childitem", "clipboard", "command", "computer", "content", "credential",
      "executionpolicy", "filehash", "item", "itemproperty", "job", "location", "module", "path", "process",
      "psdrive", "service",
      // Utility: objects, formats, output, web requests.
      "csv", "culture", "date", "debug", "error", "event", "expression", "file", "guid", "host", "html",
      "information", "json", "list", "member", "null", "object", "output", "progress", "random", "restmethod",
      "sleep", "string", "table", "variable", "verbose", "warning", "webrequest", "xml"};
  return k_nouns.contains(util::to_lower(noun));
}

// A cmdlet of PowerShell itself: Verb-Noun with an approved verb, written as PowerShell writes them (Pascal
// case: `Select-String`, `Get-ChildItem`, `Invoke-WebRequest`) or, for the cmdlets PowerShell ships, in any
// case (`test-path`). A module's runner is no cmdlet of the shell: `Invoke-` with any other noun
// (`Invoke-ScriptAnalyzer`, `Invoke-Pester`, `Invoke-Build`) runs a module's check, and stays in scope. A
// lower-case `test-driver` is a program's name, not a cmdlet.
bool is_powershell_cmdlet(std::string_view program) {
  const auto dash = program.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= program.size())
    return false;
  const auto verb = program.substr(0, dash);
  const auto noun = program.substr(dash + 1);
  const auto upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
  if (!std::ranges::all_of(noun, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }) ||
      !is_powershell_verb(verb) ||
      !((upper(verb.front()) && upper(noun.front())) || is_powershell_core_noun(noun)))
    return false;
  if (util::to_lower(verb) != "invoke")
    return true;
  static const std::set<std::string, std::less<>> k_invoked{
      "webrequest", "restmethod", "expression", "command", "item", "history", "cimmethod", "wmimethod"};
  return k_invoked.contains(util::to_lower(noun));
}

// PowerShell keywords, its common aliases and cmd.exe builtins: both shells ignore case (`Exit 1`, `ECHO`).
bool is_case_insensitive_builtin(std::string_view program) {
  static const std::set<std::string, std::less<>> k_builtins{
      // PowerShell keywords.
      "begin", "break", "catch", "class", "continue", "data", "do", "dynamicparam", "else", "elseif", "end",
      "enum", "exit", "filter", "finally", "for", "foreach", "function", "if", "param", "process", "return",
      "switch", "throw", "trap", "try", "until", "using", "while",
      // PowerShell aliases of core cmdlets.
      "gci", "gcm", "gc", "sls", "iwr", "irm", "iex", "ni", "ri",
      // cmd.exe builtins.
      "echo", "set", "cd", "chdir", "call", "copy", "del", "erase", "dir", "type", "rem", "goto", "setlocal",
      "endlocal", "pushd", "popd", "mkdir", "md", "rd", "rmdir", "move", "ren", "cls", "pause", "start",
      "where", "findstr"};
  return k_builtins.contains(util::to_lower(program));
}

} // namespace

bool is_everyday_program(std::string_view program) {
  if (is_powershell_cmdlet(program) || is_case_insensitive_builtin(program))
    return true;
  static const std::set<std::string_view> k_everyday{
      // Shell builtins and keywords.
      "echo", "printf", "cd", "pushd", "popd", "export", "unset", "set", "shopt", "source", ".", "eval",
      "exec", "test", "[", "[[", "true", "false", ":", "exit", "return", "read", "wait", "trap", "type",
      "hash", "alias", "command", "builtin", "ulimit", "umask", "if", "then", "else", "fi", "for", "while",
      "do", "done", "case", "esac", "function", "local", "declare", "let", "shift", "break", "continue",
      // Coreutils and system utilities.
      "cat", "ls", "mkdir", "rmdir", "rm", "cp", "mv", "ln", "touch", "chmod", "chown", "chgrp", "pwd", "sed",
      "awk", "gawk", "grep", "egrep", "fgrep", "rg", "find", "fd", "xargs", "tee", "sort", "uniq", "cut",
      "tr", "wc", "head", "tail", "diff", "cmp", "comm", "paste", "join", "split", "tac", "rev", "nl", "fold",
      "fmt", "column", "basename", "dirname", "realpath", "readlink", "mktemp", "stat", "file", "du", "df",
      "free", "ps", "kill", "pkill", "killall", "top", "timeout", "time", "nproc", "sleep", "date", "env",
      "printenv", "whoami", "id", "hostname", "uname", "which", "whereis", "sudo", "su", "yes", "seq", "expr",
      "bc", "md5sum", "sha1sum", "sha256sum", "sha512sum", "shasum", "base64", "install", "dd", "sync",
      "mount", "umount", "lsof", "netstat", "ss", "ip", "ifconfig", "ping", "nc", "dig", "nslookup",
      "systemctl", "service", "journalctl", "ldd", "nm", "objdump", "strip", "strings", "less", "more", "vi",
      "vim", "nano", "tput", "clear", "script", "nohup", "setsid", "chroot", "flock", "watch", "patch",
      "locale", "getconf", "sysctl", "lscpu", "dmesg", "cygcheck", "cygpath", "cmd", "cmd.exe", "powershell",
      "where", "dir", "copy", "del", "xcopy", "robocopy",
      // Shells (a script argument is a repository program, read elsewhere).
      "sh", "bash", "zsh", "dash", "ksh", "fish", "pwsh", "csh", "tcsh",
      // Language runtimes and interpreters (`python -c`, `node -e`, `python -m X` are read elsewhere).
      "python", "python2", "python3", "py", "pypy", "pypy3", "node", "nodejs", "deno", "bun", "ruby", "perl",
      "php", "java", "javac", "kotlin", "kotlinc", "scala", "groovy", "lua", "luajit", "julia", "Rscript",
      "R", "erl", "elixir", "iex", "ghc", "ghci", "ocaml", "racket", "guile", "tclsh", "dotnet", "swift",
      "swiftc", "go", "rustc", "cc", "c++", "gcc", "g++", "clang", "clang++", "cl", "gfortran", "ld", "ar",
      "as", "emcc", "zig", "nim", "dart", "flutter", "elm", "crystal", "v", "valgrind", "gdb", "lldb",
      "strace", "ltrace", "perf",
      // Package, toolchain and environment managers; task runners and build drivers.
      "npm", "npx", "pnpm", "pnpx", "yarn", "bunx", "corepack", "nvm", "fnm", "volta", "pip", "pip3", "pipx",
      "uv", "uvx", "poetry", "pdm", "hatch", "pipenv", "conda", "mamba", "micromamba", "pyenv", "virtualenv",
      "venv", "rye", "gem", "bundle", "bundler", "rake", "composer", "cargo", "rustup", "cross", "mvn",
      "mvnw", "gradle", "gradlew", "sbt", "lein", "ant", "mix", "rebar3", "cabal", "stack", "opam", "dune",
      "nix", "nix-shell", "nix-build", "nix-env", "guix", "spack", "vcpkg", "conan", "brew", "apt", "apt-get",
      "dpkg", "yum", "dnf", "rpm", "apk", "zypper", "pacman", "port", "snap", "choco", "scoop", "winget",
      "sdk", "asdf", "mise", "rtx", "direnv", "make", "gmake", "nmake", "mingw32-make", "just", "task",
      "mage", "bazel", "bazelisk", "buck", "buck2", "pants", "please", "cmake", "ctest", "cpack", "ninja",
      "meson", "scons", "autoreconf", "autoconf", "automake", "libtoolize", "aclocal", "configure", "msbuild",
      "xcodebuild", "xcrun", "swiftpm", "tox", "nox", "invoke", "poe", "turbo", "nx", "lerna", "rush",
      "earthly", "dagger", "act", "xmake", "premake5", "pkg-config", "ldconfig", "update-alternatives",
      // VCS, containers, services, clouds, networks and archives.
      "git", "hg", "svn", "gh", "hub", "glab", "docker", "docker-compose", "podman", "buildah", "skopeo",
      "kind", "minikube", "k3d", "kubectl", "helm", "kustomize", "vagrant", "terraform", "tofu", "pulumi",
      "ansible", "ansible-playbook", "packer", "aws", "gcloud", "gsutil", "az", "doctl", "flyctl", "heroku",
      "vercel", "netlify", "wrangler", "firebase", "curl", "wget", "ssh", "scp", "sftp", "rsync", "tar",
      "zip", "unzip", "gzip", "gunzip", "bzip2", "xz", "7z", "zstd", "jq", "yq", "xq", "openssl", "gpg",
      "cosign", "xvfb-run", "Xvfb", "redis-cli", "redis-server", "psql", "mysql", "mysqladmin", "pg_isready",
      "createdb", "mongo", "mongosh", "sqlite3", "nginx", "httpd"};
  return k_everyday.contains(program);
}

std::vector<std::string> shell_functions(std::string_view script) {
  std::vector<std::string> out;
  const auto is_name = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.';
  };
  for (auto line : util::split_lines(script)) {
    line = util::trim(line);
    const bool keyword = line.starts_with("function ");
    if (keyword)
      line = util::trim(line.substr(9));
    std::size_t end = 0;
    while (end < line.size() && is_name(line[end]))
      ++end;
    if (end == 0)
      continue;
    const auto rest = util::trim(line.substr(end));
    if (rest.starts_with("()") || rest.starts_with("( )") ||
        (keyword && (rest.empty() || rest.starts_with('{'))))
      out.emplace_back(line.substr(0, end));
  }
  return out;
}

bool says_it_checks(std::string_view step, const std::vector<std::string>& words) {
  // Stems a word ends with (`actionlint`, `typecheck`, `spellcheck`), and whole words.
  static constexpr std::array<std::string_view, 4> k_stems{"lint", "linter", "check", "checker"};
  static const std::set<std::string_view> k_words{"checks", "spell", "spelling",   "typos",
                                                  "audit",  "vet",   "conformance"};
  // A command's own words may also say it verifies or validates (`conftest verify`); a step's name that
  // says so most often verifies the runner or an install ("Verify KVM", "Validate Gradle wrapper").
  static const std::set<std::string_view> k_command_words{"verify", "validate"};
  const auto checks = [&](std::string_view text, bool command) {
    return std::ranges::any_of(name_words(text), [&](const std::string& word) {
      return k_words.contains(word) || (command && k_command_words.contains(word)) ||
             std::ranges::any_of(k_stems, [&](std::string_view stem) { return word.ends_with(stem); });
    });
  };
  if (checks(step, false))
    return true;
  // The program's name and its arguments (not the paths they name: `cat tools/check.txt` checks nothing).
  return std::ranges::any_of(words, [&](const std::string& word) {
    return word.find('/') == std::string::npos && word.find('.') == std::string::npos && checks(word, true);
  });
}

bool documents_program(const engine::Context& context, const std::string& path, const std::string& recipes) {
  const auto& knowledge = context.knowledge();
  for (const auto& mention : knowledge.commands())
    for (const auto* words : {&mention.words, &mention.peeled})
      if (!words->empty() && repository_program(context, *words) == path)
        return true;
  for (const auto& mention : knowledge.paths()) {
    auto text = mention.text;
    while (text.starts_with("./"))
      text.erase(0, 2);
    if (text == path)
      return true;
  }
  if (runs_through_recipe(recipes, path))
    return true;
  // A documented target named after the script (`make checksrc` for scripts/checksrc-all.pl).
  auto stem = std::string(util::base_name(path));
  if (const auto dot = stem.find('.'); dot != std::string::npos && dot > 0)
    stem.resize(dot);
  for (std::string_view all : {"-all", "_all"})
    if (stem.size() > all.size() && stem.ends_with(all))
      stem.erase(stem.size() - all.size());
  for (const auto& mention : knowledge.commands())
    if (const auto target = target_of(head_of(mention.words)).second; !target.empty() && target == stem)
      return true;
  return false;
}

namespace {

// Variables that change what a program builds or checks, and the programs they apply to (blank-separated).
struct OutcomeVariable {
  std::string_view name;
  std::string_view programs;
};

// Memory and linker tweaks (`NODE_OPTIONS=--max-old-space-size`, `LDFLAGS=-s` in a build matrix) change no
// outcome worth documenting: the corpus judged them so. Flags that turn warnings into errors or select code
// do.
constexpr std::string_view k_python = "pytest python python3 tox nox uv";
constexpr std::array<OutcomeVariable, 9> k_outcome_variables{{
    {"RUSTFLAGS", "cargo"},
    {"RUSTDOCFLAGS", "cargo"},
    {"MIRIFLAGS", "cargo"},
    {"GOFLAGS", "go"},
    {"GOEXPERIMENT", "go"},
    {"CGO_ENABLED", "go"},
    {"GOARCH", "go"},
    {"PYTHONWARNINGS", k_python},
    {"PYTHONDEVMODE", k_python},
}};

// Cargo subcommands that compile (a spell checker or a formatter reads no RUSTFLAGS).
bool compiles(const Head& head) {
  static const std::set<std::string_view> k_compiling{"test",  "check", "build",   "doc",  "clippy",  "run",
                                                      "bench", "miri",  "nextest", "hack", "llvm-cov"};
  return head.front() != "cargo" || (head.size() > 1 && k_compiling.contains(head[1]));
}

bool changes_outcome(std::string_view name, std::string_view program) {
  return std::ranges::any_of(k_outcome_variables, [&](const OutcomeVariable& variable) {
    return variable.name == name && std::ranges::count(util::split_words(variable.programs), program) > 0;
  });
}

} // namespace

std::vector<std::string> outcome_environment(const std::vector<std::string>& words, const Head& head,
                                             const std::vector<std::pair<std::string, std::string>>& env) {
  std::vector<std::string> out;
  std::set<std::string, std::less<>> names;
  if (head.empty() || !compiles(head))
    return out;
  const auto add = [&](std::string_view name, std::string_view value) {
    if (value.find_first_of("$`") != std::string_view::npos || !changes_outcome(name, head.front()) ||
        !names.emplace(name).second)
      return;
    out.push_back(fmt::format("{}={}", name, value));
  };
  for (const auto& word : words) {
    if (word == "env" || word == "sudo")
      continue;
    const auto equals = word.find('=');
    if (equals == std::string::npos || equals == 0 ||
        !std::ranges::all_of(word.substr(0, equals), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                 c == '_';
        }))
      break; // the program: assignments come before it
    add(std::string_view(word).substr(0, equals), std::string_view(word).substr(equals + 1));
  }
  for (const auto& [name, value] : env)
    add(name, value);
  return out;
}

} // namespace tacit::rules::procedure
