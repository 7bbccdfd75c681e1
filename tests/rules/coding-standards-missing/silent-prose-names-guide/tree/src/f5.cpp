int f5();
