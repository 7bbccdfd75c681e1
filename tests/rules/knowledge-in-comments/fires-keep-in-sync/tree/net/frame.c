#include <stdint.h>

/*
 * The frame header. Do not change without updating docs/protocol.md
 * and the Go client (client/frame.go).
 */
struct frame {
  uint32_t length;
  uint16_t kind;
};
