int f3();
