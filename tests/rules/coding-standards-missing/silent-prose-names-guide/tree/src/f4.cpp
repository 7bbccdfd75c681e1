int f4();
