#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace ringbuf {

/// A fixed-capacity FIFO that overwrites its oldest element when full.
class RingBuffer {
public:
  explicit RingBuffer(std::size_t capacity);

  void push(int value);
  std::optional<int> pop();
  std::size_t size() const { return m_size; }

private:
  std::vector<int> m_items;
  std::size_t m_head = 0;
  std::size_t m_size = 0;
};

} // namespace ringbuf
