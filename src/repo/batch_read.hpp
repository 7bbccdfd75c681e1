#pragma once
// Private to src/repo: many small files opened and read with one system call (io_uring), for the worktree
// head reader's read-ahead (HeadReader::expect). Opening and reading a file one by one costs three system
// calls (openat2, read, close); a scan of 100k files spent a sixth of its CPU there (bench/README.md,
// session 16). Where io_uring is missing (an old kernel, a seccomp filter, a build without liburing) or
// TACIT_IO_URING=0 is set, BatchReader::for_this_thread() is null and the files are read one by one.

#include <cstdint>
#include <span>

namespace tacit::repo {

/// One file of a batch: opened as `name` beneath the directory `dir_fd` (openat2 with RESOLVE_BENEATH |
/// RESOLVE_NO_SYMLINKS, O_NONBLOCK), read from offset 0 into `buffer` (at most `capacity` bytes, one read).
struct BatchItem {
  int dir_fd = -1;
  const char* name = nullptr; ///< NUL-terminated, no '/'
  char* buffer = nullptr;
  std::uint32_t capacity = 0;
  /// Out: the bytes read (>= 0), or a negative errno of the open or the read (-ECANCELED when a read took
  /// longer than the batch allows: a FIFO someone writes to blocks; the caller reads such a file alone).
  int result = 0;
};

/// A thread's io_uring instance.
class BatchReader {
public:
  /// The most items one call reads.
  static constexpr std::size_t k_max_items = 64;

  /// This thread's reader, made on first use; null when io_uring cannot be used here.
  static BatchReader* for_this_thread();

  BatchReader(const BatchReader&) = delete;
  BatchReader& operator=(const BatchReader&) = delete;
  ~BatchReader();

  /// Reads the items (at most k_max_items) and sets each one's result. False when the batch could not be
  /// run at all (the results are then meaningless: read the files one by one).
  bool read(std::span<BatchItem> items);

private:
  BatchReader() = default;
  struct Ring;
  Ring* m_ring = nullptr;
  bool m_broken = false;
};

} // namespace tacit::repo
