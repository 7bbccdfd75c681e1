#include <stdlib.h>

int probe(void) { return getenv("PROBE_LEVEL") != 0; }
