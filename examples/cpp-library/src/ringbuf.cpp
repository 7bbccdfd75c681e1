#include <ringbuf/ringbuf.hpp>

namespace ringbuf {

RingBuffer::RingBuffer(std::size_t capacity) : m_items(capacity == 0 ? 1 : capacity) {}

void RingBuffer::push(int value) {
  m_items[(m_head + m_size) % m_items.size()] = value;
  if (m_size < m_items.size())
    ++m_size;
  else
    m_head = (m_head + 1) % m_items.size();
}

std::optional<int> RingBuffer::pop() {
  if (m_size == 0)
    return std::nullopt;
  const int value = m_items[m_head];
  m_head = (m_head + 1) % m_items.size();
  --m_size;
  return value;
}

} // namespace ringbuf
