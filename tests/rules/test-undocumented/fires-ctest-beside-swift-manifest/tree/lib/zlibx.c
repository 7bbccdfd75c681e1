int zlibx(void) { return 0; }
