#include <tacit/cli/app.hpp>

#include <fmt/format.h>

#include <exception>

int main(int argc, char** argv) {
  try {
    return tacit::cli::run(argc, argv);
  } catch (const std::exception& e) {
    // Only a fatal error reaches main; say so plainly rather than abort.
    fmt::print(stderr, "tacit: internal error: {}\n  please report it with the command that caused it\n",
               e.what());
    return tacit::cli::k_exit_error;
  }
}
