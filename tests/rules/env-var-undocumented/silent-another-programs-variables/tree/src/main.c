#include <stdlib.h>

int main(void) {
  const char *colors = getenv("LS_COLORS");
  const char *style = getenv("BAT_STYLE");
  return colors && style;
}
