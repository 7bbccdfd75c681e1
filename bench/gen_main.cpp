// tacit-bench-gen: writes a synthetic monorepo of exactly N tracked files and commits it reproducibly.
//
//   tacit-bench-gen --files N [--seed S] [--jobs J] OUT_DIR
//
// Same N and seed give a byte-identical tree and the same commit id. Dev tooling: it runs git as a process.
#include "synth.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace {

using tacit::bench::FileKind;
using tacit::bench::FileSpec;
using tacit::bench::Plan;

// Bump when the generated tree changes, so cached repositories (bench/all.sh) are regenerated.
constexpr int k_generator_version = 1;
constexpr std::string_view k_usage = "usage: tacit-bench-gen --files N [--seed S] [--jobs J] OUT_DIR\n";

struct Options {
  std::uint64_t files = 0;
  std::uint64_t seed = 1;
  unsigned jobs = std::max(1U, std::thread::hardware_concurrency());
  std::string out_dir;
};

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty()) {
    return false;
  }
  value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || value > (UINT64_MAX - 9) / 10) {
      return false;
    }
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

// Parses argv; on error, sets `error` and returns false.
bool parse_args(int argc, char** argv, Options& options, std::string& error) {
  int i = 1;
  while (i < argc) {
    const std::string_view arg = argv[i++];
    std::uint64_t value = 0;
    if (arg == "--files" || arg == "--seed" || arg == "--jobs") {
      if (i == argc || !parse_number(argv[i++], value)) {
        error = fmt::format("{} needs a non-negative integer", arg);
        return false;
      }
    }
    if (arg == "--files") {
      options.files = value;
    } else if (arg == "--seed") {
      options.seed = value;
    } else if (arg == "--jobs") {
      options.jobs = static_cast<unsigned>(std::clamp<std::uint64_t>(value, 1, 64));
    } else if (arg.starts_with("-")) {
      error = fmt::format("unknown option {}", arg);
      return false;
    } else if (options.out_dir.empty()) {
      options.out_dir = arg;
    } else {
      error = "only one OUT_DIR";
      return false;
    }
  }
  if (options.files == 0 || options.out_dir.empty()) {
    error = "--files N (N >= 1) and OUT_DIR are required";
    return false;
  }
  return true;
}

// The environment git runs with: the caller's minus any GIT_* variable, plus a fixed identity and date.
std::vector<std::string> git_environment() {
  std::vector<std::string> env;
  for (char** var = environ; *var != nullptr; ++var) {
    if (!std::string_view{*var}.starts_with("GIT_")) {
      env.emplace_back(*var);
    }
  }
  for (const char* fixed :
       {"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=tacit bench",
        "GIT_AUTHOR_EMAIL=bench@tacit.invalid", "GIT_AUTHOR_DATE=1704067200 +0000",
        "GIT_COMMITTER_NAME=tacit bench", "GIT_COMMITTER_EMAIL=bench@tacit.invalid",
        "GIT_COMMITTER_DATE=1704067200 +0000"}) {
    env.emplace_back(fixed);
  }
  return env;
}

// Runs git with `args`; captures stdout into `output` when given. Returns the exit status, or -1.
int run_git(const std::vector<std::string>& args, std::string* output) {
  static const std::vector<std::string> env_storage = git_environment();
  std::vector<char*> env;
  for (const std::string& var : env_storage) {
    env.push_back(const_cast<char*>(var.c_str()));
  }
  env.push_back(nullptr);
  std::vector<std::string> full = {"git",
                                   "-c",
                                   "core.autocrlf=false",
                                   "-c",
                                   "core.safecrlf=false",
                                   "-c",
                                   "core.excludesFile=/dev/null",
                                   "-c",
                                   "core.hooksPath=/dev/null",
                                   "-c",
                                   "core.compression=1",
                                   "-c",
                                   "commit.gpgSign=false",
                                   "-c",
                                   "gc.auto=0"};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : full) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);

  int pipe_fds[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (output != nullptr) {
    if (pipe(pipe_fds) != 0) {
      return -1;
    }
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  }
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (output != nullptr) {
    close(pipe_fds[1]);
    if (spawned == 0) {
      char buffer[65536];
      ssize_t n = 0;
      while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR)) {
        output->append(buffer, static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
      }
    }
    close(pipe_fds[0]);
  }
  if (spawned != 0) {
    fmt::print(stderr, "tacit-bench-gen: cannot run git: {}\n", std::strerror(spawned));
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool write_file(const std::string& path, const FileSpec& spec, const std::string& bytes, std::string& error) {
  if (spec.kind == FileKind::symlink) {
    if (symlink(bytes.c_str(), path.c_str()) != 0) {
      error = fmt::format("symlink {}: {}", path, std::strerror(errno));
      return false;
    }
    return true;
  }
  const mode_t mode = spec.executable ? 0755 : 0644;
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    error = fmt::format("open {}: {}", path, std::strerror(errno));
    return false;
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      error = fmt::format("write {}: {}", path, std::strerror(errno));
      close(fd);
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  fchmod(fd, mode);
  return close(fd) == 0;
}

// Renders and writes every planned file on `jobs` threads. Returns bytes written, or an error.
bool write_tree(const Plan& plan, const std::string& root, unsigned jobs, std::uint64_t& tracked_bytes,
                std::string& error) {
  std::set<std::string> dirs;
  for (const FileSpec& spec : plan.files) {
    for (std::size_t slash = spec.path.find('/'); slash != std::string::npos;
         slash = spec.path.find('/', slash + 1)) {
      dirs.insert(spec.path.substr(0, slash));
    }
  }
  for (const std::string& dir : dirs) {
    if (mkdir((root + "/" + dir).c_str(), 0755) != 0 && errno != EEXIST) {
      error = fmt::format("mkdir {}/{}: {}", root, dir, std::strerror(errno));
      return false;
    }
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> bytes{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  auto worker = [&] {
    std::string local_error;
    for (std::size_t i = next++; i < plan.files.size() && !failed; i = next++) {
      const FileSpec& spec = plan.files[i];
      const std::string content = tacit::bench::render_file(plan, spec);
      if (!write_file(root + "/" + spec.path, spec, content, local_error)) {
        const std::lock_guard lock(error_mutex);
        failed = true;
        error = local_error;
        return;
      }
      if (spec.tracked) {
        bytes += content.size();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (std::thread& thread : threads) {
    thread.join();
  }
  tracked_bytes = bytes;
  return !failed;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  std::string error;
  if (argc == 2 && std::string_view{argv[1]} == "--version") {
    fmt::print("tacit-bench-gen {}\n", k_generator_version);
    return 0;
  }
  if (argc == 2 && (std::string_view{argv[1]} == "--help" || std::string_view{argv[1]} == "-h")) {
    fmt::print("{}", k_usage);
    return 0;
  }
  if (!parse_args(argc, argv, options, error)) {
    fmt::print(stderr, "tacit-bench-gen: {}\n{}", error, k_usage);
    return 2;
  }
  std::error_code ec;
  const std::filesystem::path out{options.out_dir};
  if (std::filesystem::exists(out, ec) && !std::filesystem::is_empty(out, ec)) {
    fmt::print(stderr, "tacit-bench-gen: {} exists and is not empty; remove it first\n", options.out_dir);
    return 1;
  }
  std::filesystem::create_directories(out, ec);
  if (ec) {
    fmt::print(stderr, "tacit-bench-gen: cannot create {}: {}\n", options.out_dir, ec.message());
    return 1;
  }

  const auto start = std::chrono::steady_clock::now();
  const Plan plan = tacit::bench::plan_repository(options.files, options.seed);
  std::uint64_t bytes = 0;
  if (!write_tree(plan, options.out_dir, options.jobs, bytes, error)) {
    fmt::print(stderr, "tacit-bench-gen: {}\n", error);
    return 1;
  }
  const double write_s = seconds_since(start);

  const auto git_start = std::chrono::steady_clock::now();
  const std::string& dir = options.out_dir;
  const std::string message =
      fmt::format("Synthetic monorepo: {} files, seed {}", options.files, options.seed);
  std::string head;
  std::string listing;
  if (run_git({"init", "-q", "-b", "main", "--template=", dir}, nullptr) != 0 ||
      run_git({"-C", dir, "add", "-A"}, nullptr) != 0 ||
      run_git({"-C", dir, "commit", "-q", "--no-verify", "-m", message}, nullptr) != 0 ||
      run_git({"-C", dir, "rev-parse", "HEAD"}, &head) != 0 ||
      run_git({"-C", dir, "ls-files", "-z"}, &listing) != 0) {
    fmt::print(stderr, "tacit-bench-gen: git failed in {}\n", dir);
    return 1;
  }
  const auto tracked = static_cast<std::uint64_t>(std::count(listing.begin(), listing.end(), '\0'));
  if (tracked != options.files) {
    fmt::print(stderr, "tacit-bench-gen: internal error: {} files tracked, {} planned\n", tracked,
               options.files);
    return 1;
  }
  if (!head.empty() && head.back() == '\n') {
    head.pop_back();
  }
  const double git_s = seconds_since(git_start);
  const double total_s = seconds_since(start);

  // Written last: its presence means the repository is complete (bench/all.sh reuses it).
  const std::string stamp =
      fmt::format("generator={}\nfiles={}\nseed={}\ncommit={}\nbytes={}\ngen_s={:.2f}\n", k_generator_version,
                  options.files, options.seed, head, bytes, total_s);
  FileSpec stamp_spec;
  if (!write_file(dir + "/.git/tacit-bench-gen", stamp_spec, stamp, error)) {
    fmt::print(stderr, "tacit-bench-gen: {}\n", error);
    return 1;
  }
  fmt::print(
      "tacit-bench-gen: {} tracked files, {:.1f} MB, commit {} in {:.2f} s (write {:.2f} s, git {:.2f} s)\n",
      options.files, static_cast<double>(bytes) / 1e6, head.substr(0, 12), total_s, write_s, git_s);
  return 0;
}
