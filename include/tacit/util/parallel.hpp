#pragma once
// A minimal parallel loop: work items are claimed from a shared counter, so results written to fixed
// slots (index i) never depend on thread scheduling.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace tacit::util {

/// Calls fn(i) for every i in [0, count) on up to `jobs` threads (the caller's included); small loops
/// (fewer than 8 items per extra thread) stay on fewer threads.
template <typename Fn> void parallel_for(std::size_t count, unsigned jobs, Fn&& fn) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (auto i = next++; i < count; i = next++)
      fn(i);
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(count / 8 + 1)));
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(worker);
  worker();
}

} // namespace tacit::util
