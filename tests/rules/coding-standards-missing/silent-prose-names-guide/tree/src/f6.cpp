int f6();
