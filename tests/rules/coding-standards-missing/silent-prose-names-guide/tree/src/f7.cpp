int f7();
