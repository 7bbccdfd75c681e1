int f2();
