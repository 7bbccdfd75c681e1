// A target that checks the driver itself (fuzz/test_driver.sh): the input "abort" aborts and "hang" never
// returns, so the test can see the driver write what crashed or hung. Names starting with '_' are left out
// of --list and --all.

#include "../fuzz_target.hpp"

#include <cstdlib>

TACIT_FUZZ_TARGET(_selftest) {
  const auto text = tacit::fuzz::as_text(data, size);
  if (text == "abort")
    std::abort();
  volatile bool forever = text == "hang";
  while (forever) {
  }
  return 0;
}
