int f10();
