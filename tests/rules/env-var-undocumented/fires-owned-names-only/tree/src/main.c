#include <stdlib.h>

int main(void) {
  const char *colors = getenv("LS_COLORS");
  const char *debug = getenv("WIDGET_DEBUG");
  return colors && debug;
}
