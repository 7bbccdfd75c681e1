int widget_width(void) { return 42; }
