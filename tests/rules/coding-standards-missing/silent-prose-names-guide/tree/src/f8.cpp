int f8();
