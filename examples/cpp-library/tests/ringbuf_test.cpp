#include <ringbuf/ringbuf.hpp>

#include <cstdlib>

int main() {
  ringbuf::RingBuffer buffer(2);
  buffer.push(1);
  buffer.push(2);
  buffer.push(3); // overwrites 1
  if (buffer.pop() != 2 || buffer.pop() != 3 || buffer.pop().has_value())
    return EXIT_FAILURE;
  return EXIT_SUCCESS;
}
