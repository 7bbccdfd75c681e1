#include <stdlib.h>

int probe(void) { return getenv("NATIVE_PROBE_LEVEL") != 0; }
