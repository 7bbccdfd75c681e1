// tacit-bench-measure: runs a command repeatedly and reports its wall time and peak memory.
//
//   tacit-bench-measure [--runs K] [--warmup W] -- CMD ARGS...
//
// Prints one line: median_s=... min_s=... max_s=... peak_rss_kb=... exit=N cpu_s=... The command's stdin,
// stdout and stderr are /dev/null; wall time is steady_clock around spawn+wait; peak RSS is ru_maxrss from
// wait4, the maximum over the measured runs; cpu_s is the median of user + system time from wait4 (what to
// compare on a loaded machine, where wall times mostly measure the other processes). Any exit code of the
// command is accepted and reported (the last run's).
#include <fmt/format.h>

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string_view>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

constexpr std::string_view k_usage = "usage: tacit-bench-measure [--runs K] [--warmup W] -- CMD ARGS...\n";

// One finished run of the command.
struct Sample {
  double seconds = 0;
  double cpu_seconds = 0; ///< user + system
  long peak_rss_kb = 0;
  int exit_code = 0;
  int signal = 0;
};

bool parse_count(const char* text, int& value) {
  char* end = nullptr;
  errno = 0;
  const long parsed = std::strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || parsed < 0 || parsed > 1000000) {
    return false;
  }
  value = static_cast<int>(parsed);
  return true;
}

// Spawns argv with stdio on /dev/null and waits for it. Returns false (with `error`) if it could not start.
bool run_once(char** argv, Sample& sample, std::string& error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const auto start = std::chrono::steady_clock::now();
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    error = fmt::format("cannot run {}: {}", argv[0], std::strerror(spawned));
    return false;
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      error = fmt::format("wait4: {}", std::strerror(errno));
      return false;
    }
  }
  sample.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sample.peak_rss_kb = usage.ru_maxrss;
  sample.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  if (WIFEXITED(status)) {
    sample.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    sample.signal = WTERMSIG(status);
    sample.exit_code = 128 + sample.signal;
  }
  return true;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

} // namespace

int main(int argc, char** argv) {
  int runs = 10;
  int warmup = 2;
  int i = 1;
  while (i < argc) {
    const std::string_view arg = argv[i++];
    if (arg == "--") {
      break;
    }
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}", k_usage);
      return 0;
    }
    int* target = arg == "--runs" ? &runs : arg == "--warmup" ? &warmup : nullptr;
    if (target == nullptr || i == argc || !parse_count(argv[i++], *target)) {
      fmt::print(stderr, "tacit-bench-measure: bad argument {}\n{}", arg, k_usage);
      return 2;
    }
  }
  if (i >= argc || runs < 1) {
    fmt::print(stderr, "tacit-bench-measure: need --runs >= 1 and a command after --\n{}", k_usage);
    return 2;
  }
  char** command = argv + i;

  std::vector<double> seconds;
  std::vector<double> cpu_seconds;
  long peak_rss_kb = 0;
  int last_exit = 0;
  int last_signal = 0;
  bool exit_varied = false;
  for (int run = 0; run < warmup + runs; ++run) {
    Sample sample;
    std::string error;
    if (!run_once(command, sample, error)) {
      fmt::print(stderr, "tacit-bench-measure: {}\n", error);
      return 127;
    }
    if (run < warmup) {
      continue;
    }
    exit_varied = exit_varied || (run > warmup && sample.exit_code != last_exit);
    last_exit = sample.exit_code;
    last_signal = sample.signal;
    seconds.push_back(sample.seconds);
    cpu_seconds.push_back(sample.cpu_seconds);
    peak_rss_kb = std::max(peak_rss_kb, sample.peak_rss_kb);
  }
  if (exit_varied) {
    fmt::print(stderr, "tacit-bench-measure: warning: the exit code varied between runs\n");
  }
  if (last_signal != 0) {
    fmt::print(stderr, "tacit-bench-measure: warning: the command was killed by signal {}\n", last_signal);
  }
  fmt::print("median_s={:.4f} min_s={:.4f} max_s={:.4f} peak_rss_kb={} exit={} cpu_s={:.4f}\n",
             median(seconds), *std::min_element(seconds.begin(), seconds.end()),
             *std::max_element(seconds.begin(), seconds.end()), peak_rss_kb, last_exit, median(cpu_seconds));
  return 0;
}
