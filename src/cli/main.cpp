#include <tacit/cli/app.hpp>

int main(int argc, char** argv) {
  return tacit::cli::run(argc, argv);
}
