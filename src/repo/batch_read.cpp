// Many small files opened and read with one system call (io_uring). Each file is a chain of two requests, an
// openat2 into a slot of the ring's registered file table and a read of that slot, and the read carries a
// linked timeout: a FIFO planted in the worktree, opened non-blocking, still makes an io_uring read wait for
// a writer, where read(2) would return at once. A slot's file is closed when the next batch opens another
// into the same slot, or when the thread's ring is closed: no close request per file.

#include "batch_read.hpp"

#include <atomic>
#include <cstdlib>
#include <string_view>

#if defined(TACIT_IO_URING)
#include <fcntl.h>
#include <liburing.h>

#include <cerrno>
#include <cstdio>
#include <linux/openat2.h>
#endif

namespace tacit::repo {

#if defined(TACIT_IO_URING)

namespace {

constexpr unsigned k_ring_entries = 4 * BatchReader::k_max_items;
constexpr long long k_read_timeout_ns = 200'000'000; // a read of a file in the page cache takes microseconds

// Set when io_uring turns out to be unusable in this process (not per thread: each would find out again).
std::atomic<bool> g_unusable{false};

bool disabled_by_environment() {
  static const bool disabled = [] {
    const char* value = std::getenv("TACIT_IO_URING");
    return value != nullptr && std::string_view(value) == "0";
  }();
  return disabled;
}

enum : std::uint64_t { k_open = 0, k_read = 1, k_timeout = 2 };

} // namespace

struct BatchReader::Ring {
  io_uring ring{};
  open_how how{};
  __kernel_timespec timeout{};
};

BatchReader* BatchReader::for_this_thread() {
  if (g_unusable.load(std::memory_order_relaxed) || disabled_by_environment())
    return nullptr;
  // One per thread: a ring is not shared, and a thread reads one batch at a time.
  thread_local struct Holder {
    BatchReader* reader = nullptr;
    bool tried = false;
    ~Holder() { delete reader; }
  } holder;
  if (!holder.tried) {
    holder.tried = true;
    auto* ring = new Ring;
    // SUBMIT_ALL (5.18): every request of a batch is submitted even when one fails, so that each posts its
    // completion. A kernel without it (or without io_uring) reads files one by one.
    if (io_uring_queue_init(k_ring_entries, &ring->ring, IORING_SETUP_SUBMIT_ALL) < 0) {
      delete ring;
      g_unusable.store(true, std::memory_order_relaxed);
      return nullptr;
    }
    if (io_uring_register_files_sparse(&ring->ring, static_cast<unsigned>(k_max_items)) < 0) {
      io_uring_queue_exit(&ring->ring);
      delete ring;
      g_unusable.store(true, std::memory_order_relaxed);
      return nullptr;
    }
    ring->how.flags = O_RDONLY | O_NONBLOCK | O_NOCTTY; // O_CLOEXEC: refused for a registered slot
    ring->how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
    ring->timeout.tv_sec = 0;
    ring->timeout.tv_nsec = k_read_timeout_ns;
    holder.reader = new BatchReader;
    holder.reader->m_ring = ring;
  }
  return holder.reader;
}

BatchReader::~BatchReader() {
  if (m_ring != nullptr) {
    io_uring_queue_exit(&m_ring->ring);
    delete m_ring;
  }
}

bool BatchReader::read(std::span<BatchItem> items) {
  if (items.empty())
    return true;
  if (items.size() > k_max_items || m_ring == nullptr || m_broken)
    return false;
  auto& ring = m_ring->ring;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    item.result = -ECANCELED;
    const auto slot = static_cast<unsigned>(i);
    io_uring_sqe* open = io_uring_get_sqe(&ring);
    io_uring_sqe* read = io_uring_get_sqe(&ring);
    io_uring_sqe* timeout = io_uring_get_sqe(&ring);
    if (open == nullptr || read == nullptr || timeout == nullptr)
      return false; // cannot happen: the ring holds four entries per item
    io_uring_prep_openat2_direct(open, item.dir_fd, item.name, &m_ring->how, slot);
    open->flags |= IOSQE_IO_LINK;
    io_uring_sqe_set_data64(open, (i << 2) | k_open);
    io_uring_prep_read(read, static_cast<int>(slot), item.buffer, item.capacity, 0);
    read->flags |= IOSQE_FIXED_FILE | IOSQE_IO_LINK;
    io_uring_sqe_set_data64(read, (i << 2) | k_read);
    io_uring_prep_link_timeout(timeout, &m_ring->timeout, 0);
    io_uring_sqe_set_data64(timeout, (i << 2) | k_timeout);
  }
  const auto wanted = 3 * items.size();
  int submitted = 0;
  do {
    submitted = io_uring_submit_and_wait(&ring, static_cast<unsigned>(wanted));
  } while (submitted == -EINTR || submitted == -EAGAIN || submitted == -EBUSY);
  if (submitted < 0 || static_cast<std::size_t>(submitted) != wanted) {
    // Never seen: give up on io_uring (the requests left in the queue are not waited for, so no batch of
    // this thread's ring may run again).
    g_unusable.store(true, std::memory_order_relaxed);
    m_broken = true;
    if (submitted <= 0)
      return false;
  }
  // Every submitted request completes (a read waits at most for its timeout): the caller's buffers are not
  // left to the kernel.
  std::size_t seen = 0;
  bool usable = !m_broken;
  int failed_waits = 0;
  while (seen < static_cast<std::size_t>(submitted)) {
    io_uring_cqe* cqe = nullptr;
    const int waited = io_uring_wait_cqe(&ring, &cqe);
    if (waited < 0) {
      // EINTR, EAGAIN, EBUSY: the completions are still to come. A ring that keeps failing to wait would
      // leave reads in flight into the caller's buffers: the one case this gives up the process for.
      if (waited != -EINTR && ++failed_waits > 10'000) {
        std::fputs("tacit: internal error: io_uring completions lost (TACIT_IO_URING=0 reads without it)\n",
                   stderr);
        std::abort();
      }
      continue;
    }
    failed_waits = 0;
    const auto data = io_uring_cqe_get_data64(cqe);
    const auto index = static_cast<std::size_t>(data >> 2);
    const auto kind = data & 3;
    const int res = cqe->res;
    io_uring_cqe_seen(&ring, cqe);
    ++seen;
    if (index >= items.size() || kind == k_timeout)
      continue;
    // A kernel that cannot open into a registered slot or read one (before 5.15) refuses every file alike.
    if (res == -EINVAL || res == -EOPNOTSUPP || res == -EBADF)
      usable = false;
    if (kind == k_open && res < 0)
      items[index].result = res; // its read completes as canceled
    else if (kind == k_read && items[index].result == -ECANCELED)
      items[index].result = res;
  }
  if (!usable) {
    g_unusable.store(true, std::memory_order_relaxed);
    m_broken = true;
    return false;
  }
  return true;
}

#else

struct BatchReader::Ring {};

BatchReader* BatchReader::for_this_thread() {
  return nullptr;
}

BatchReader::~BatchReader() = default;

bool BatchReader::read(std::span<BatchItem>) {
  return false;
}

#endif

} // namespace tacit::repo
