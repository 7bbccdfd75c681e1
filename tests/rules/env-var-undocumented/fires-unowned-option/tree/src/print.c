#include <stdlib.h>

const char *printer(void) { return getenv("PRINTER"); }
