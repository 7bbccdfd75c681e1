int f1();
