#include <tacit/cli/app.hpp>

#include <fmt/format.h>

#if defined(TACIT_MIMALLOC)
#include <mimalloc.h>
#endif

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>
#include <system_error>

int main(int argc, char** argv) {
#if defined(TACIT_MIMALLOC)
  // Huge pages where the kernel gives them (transparent huge pages in `madvise` mode, as most distributions
  // ship): one fault for 2 MB instead of 512. MIMALLOC_LARGE_OS_PAGES=0 in the environment turns it off.
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr)
    mi_option_enable(mi_option_large_os_pages);
#endif
  int code = tacit::cli::k_exit_error;
  try {
    code = tacit::cli::run(argc, argv);
  } catch (const std::system_error& e) {
    // fmt::print throws when stdout cannot take what it buffered (a full disk): the same error as below.
    if (std::string_view(e.what()).starts_with("cannot write to file")) {
      fmt::print(stderr, "tacit: error: cannot write to stdout: {}\n", e.code().message());
      return tacit::cli::k_exit_error;
    }
    fmt::print(stderr, "tacit: internal error: {}\n  please report it with the command that caused it\n",
               e.what());
    return tacit::cli::k_exit_error;
  } catch (const std::exception& e) {
    // Only a fatal error reaches main; say so plainly rather than abort.
    fmt::print(stderr, "tacit: internal error: {}\n  please report it with the command that caused it\n",
               e.what());
    return tacit::cli::k_exit_error;
  }
  // Output that did not reach stdout (a full disk, a closed descriptor) fails the run, whatever the command.
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    if (code != tacit::cli::k_exit_error)
      fmt::print(stderr, "tacit: error: cannot write to stdout: {}\n", std::strerror(errno ? errno : EIO));
    return tacit::cli::k_exit_error;
  }
  return code;
}
