// tacit-fuzz: the standalone driver of the fuzz targets (fuzz_target.hpp). It replays inputs (seed files, a
// crash to reproduce, or the one file afl-fuzz hands it) and runs a cheap built-in mutation loop: bit flips,
// interesting bytes, deletions, repeats and splices of the seeds, deterministic for a given --seed. No
// coverage feedback: AFL++ (fuzz/run.sh) is the real fuzzer, this keeps the targets exercised in every build.
//
// An input that crashes (a signal, a sanitizer report) or runs longer than --timeout is written to the
// artifacts folder (crash-TARGET, hang-TARGET) before the process dies, so it can become a seed.

#include "fuzz_target.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
extern "C" void __sanitizer_set_death_callback(void (*callback)());
#endif

namespace tacit::fuzz {

std::map<std::string, TargetFunction, std::less<>>& targets() {
  static std::map<std::string, TargetFunction, std::less<>> all;
  return all;
}

namespace {

namespace fs = std::filesystem;

// Inputs larger than this are cut: the targets' own size limits are tested elsewhere (tests/unit/cli).
constexpr std::size_t k_max_input = 1 << 20;

// What the signal handlers write out: the input being run and where to put it.
const std::string* g_input = nullptr;
char g_crash_path[4096] = "crash";
char g_hang_path[4096] = "hang";

void write_input(const char* path) {
  if (g_input == nullptr)
    return;
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return;
  for (std::size_t done = 0; done < g_input->size();) {
    const auto n = ::write(fd, g_input->data() + done, g_input->size() - done);
    if (n <= 0)
      break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  const char note[] = "tacit-fuzz: the input is written to ";
  [[maybe_unused]] auto ignored = ::write(2, note, sizeof note - 1);
  ignored = ::write(2, path, std::strlen(path));
  ignored = ::write(2, "\n", 1);
}

void on_death() {
  write_input(g_crash_path);
}

extern "C" void on_crash_signal(int signal) {
  on_death();
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

extern "C" void on_alarm(int) {
  const char note[] = "tacit-fuzz: an input ran longer than the timeout (a hang)\n";
  [[maybe_unused]] auto ignored = ::write(2, note, sizeof note - 1);
  write_input(g_hang_path);
  ::_exit(3);
}

void install_handlers(const fs::path& artifacts, std::string_view target) {
  const auto crash = (artifacts / ("crash-" + std::string(target))).string();
  const auto hang = (artifacts / ("hang-" + std::string(target))).string();
  std::snprintf(g_crash_path, sizeof g_crash_path, "%s", crash.c_str());
  std::snprintf(g_hang_path, sizeof g_hang_path, "%s", hang.c_str());
  ::signal(SIGALRM, on_alarm);
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_set_death_callback(on_death); // ASan keeps its own SEGV handler and reports first
  ::signal(SIGABRT, on_crash_signal);       // UBSan and failed assertions end in abort()
#else
  for (int signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT})
    ::signal(signal, on_crash_signal);
#endif
}

// Runs one input under the timeout.
void run_one(TargetFunction target, const std::string& input, unsigned timeout) {
  g_input = &input;
  ::alarm(timeout);
  target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  ::alarm(0);
  g_input = nullptr;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto text = buffer.str();
  if (text.size() > k_max_input)
    text.resize(k_max_input);
  return text;
}

// The regular files of `paths` (folders walked), sorted, so that runs are reproducible.
std::vector<fs::path> input_files(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file())
          files.push_back(entry.path());
    } else {
      files.emplace_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Bytes the readers treat specially: markup, quoting, line ends, UTF-8 lead and continuation bytes.
constexpr std::string_view k_interesting = "\n\r\t `#:-[]{}()\"'\\*>|&;$<!@=~_.,/0\x80\xc3\xff";

// One mutant of `base`: one to four edits, some of which take bytes from another input of `pool`.
std::string mutate(std::string base, const std::vector<std::string>& pool, std::mt19937_64& rng,
                   std::size_t max_size) {
  auto below = [&](std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); };
  const auto edits = 1 + below(4);
  for (std::size_t e = 0; e < edits; ++e) {
    const auto& other = pool[below(pool.size())];
    const auto at = below(base.size() + 1);
    switch (below(8)) {
    case 0: // flip a bit
      if (!base.empty())
        base[below(base.size())] ^= static_cast<char>(1 << below(8));
      break;
    case 1: // an interesting byte in place of another
      if (!base.empty())
        base[below(base.size())] = k_interesting[below(k_interesting.size())];
      break;
    case 2: // insert an interesting byte
      base.insert(at, 1, k_interesting[below(k_interesting.size())]);
      break;
    case 3: // delete a range
      base.erase(at, 1 + below(16));
      break;
    case 4: { // repeat a short range (runs of backticks, nesting, long lines)
      const auto length = 1 + below(8);
      const auto piece = base.substr(at, length);
      const auto times = 1 + below(64);
      for (std::size_t t = 0; t < times; ++t)
        base.insert(at, piece);
      break;
    }
    case 5: { // insert a piece of another input
      const auto from = below(other.size() + 1);
      base.insert(at, other.substr(from, 1 + below(64)));
      break;
    }
    case 6: // splice: this input's head, another's tail
      base = base.substr(0, at) + other.substr(below(other.size() + 1));
      break;
    default: // a random byte
      base.insert(at, 1, static_cast<char>(below(256)));
      break;
    }
  }
  if (base.size() > max_size)
    base.resize(max_size);
  return base;
}

struct Options {
  std::string target;
  std::vector<std::string> paths;
  bool mutate = false;
  bool all_targets = false;
  double seconds = 0;
  unsigned long iterations = 0;
  unsigned long seed = 1;
  unsigned timeout = 10;
  std::size_t max_size = 64 << 10;
  std::string artifacts = ".";
};

int usage() {
  std::fputs("usage: tacit-fuzz --list\n"
             "       tacit-fuzz TARGET FILE|DIR...            run each input once\n"
             "       tacit-fuzz --all FILE|DIR...             run each input under every target\n"
             "       tacit-fuzz TARGET --mutate [--seconds S] [--iterations N] [--seed K] [--max-size B]\n"
             "                  FILE|DIR...                   replay the seeds, then mutate them\n"
             "options: --timeout S (per input, default 10), --artifacts DIR (where crash-TARGET and\n"
             "         hang-TARGET are written, default .)\n",
             stderr);
  return 2;
}

int run(const Options& options) {
  const auto files = input_files(options.paths);
  std::vector<std::string> seeds;
  for (const auto& file : files)
    seeds.push_back(read_file(file));
  if (options.all_targets) {
    std::size_t count = 0;
    for (const auto& [name, function] : targets()) {
      if (name.starts_with('_'))
        continue;
      ++count;
      install_handlers(options.artifacts, name);
      for (const auto& seed : seeds)
        run_one(function, seed, options.timeout);
    }
    std::printf("tacit-fuzz: %zu inputs under each of %zu targets\n", seeds.size(), count);
    return 0;
  }
  const auto found = targets().find(options.target);
  if (found == targets().end()) {
    std::fprintf(stderr, "tacit-fuzz: no target '%s' (--list names them)\n", options.target.c_str());
    return 2;
  }
  install_handlers(options.artifacts, options.target);
  for (const auto& seed : seeds)
    run_one(found->second, seed, options.timeout);
  if (!options.mutate)
    return 0;
  if (seeds.empty())
    seeds.emplace_back();
  std::mt19937_64 rng(options.seed);
  std::vector<std::string> pool = seeds;
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  unsigned long done = 0;
  while ((options.iterations == 0 || done < options.iterations) &&
         (options.seconds <= 0 || elapsed() < options.seconds) &&
         (options.iterations > 0 || options.seconds > 0)) {
    auto input = mutate(pool[rng() % pool.size()], pool, rng, options.max_size);
    run_one(found->second, input, options.timeout);
    ++done;
    // Some mutants join the pool (bounded), so that edits accumulate across generations.
    if (done % 8 == 0) {
      if (pool.size() < seeds.size() + 256)
        pool.push_back(std::move(input));
      else
        pool[seeds.size() + rng() % 256] = std::move(input);
    }
  }
  std::printf("tacit-fuzz: %s: %zu seeds, %lu mutants in %.1f s (seed %lu)\n", options.target.c_str(),
              seeds.size(), done, elapsed(), options.seed);
  return 0;
}

} // namespace
} // namespace tacit::fuzz

int main(int argc, char** argv) {
  using namespace tacit::fuzz;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--list") {
    for (const auto& [name, function] : targets())
      if (!name.starts_with('_'))
        std::printf("%s\n", name.c_str());
    return 0;
  }
  if (args.empty())
    return usage();
  Options options;
  std::size_t i = 0;
  if (args[0] == "--all")
    options.all_targets = true;
  else
    options.target = args[0];
  for (i = 1; i < args.size(); ++i) {
    const auto& arg = args[i];
    const bool has_value = i + 1 < args.size();
    try {
      if (arg == "--mutate")
        options.mutate = true;
      else if (arg == "--seconds" && has_value)
        options.seconds = std::stod(args[++i]);
      else if (arg == "--iterations" && has_value)
        options.iterations = std::stoul(args[++i]);
      else if (arg == "--seed" && has_value)
        options.seed = std::stoul(args[++i]);
      else if (arg == "--timeout" && has_value)
        options.timeout = static_cast<unsigned>(std::stoul(args[++i]));
      else if (arg == "--max-size" && has_value)
        options.max_size = std::stoul(args[++i]);
      else if (arg == "--artifacts" && has_value)
        options.artifacts = args[++i];
      else if (arg.starts_with("--"))
        return usage();
      else
        options.paths.push_back(arg);
    } catch (const std::exception&) {
      return usage();
    }
  }
  return run(options);
}
