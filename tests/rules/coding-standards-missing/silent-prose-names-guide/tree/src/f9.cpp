int f9();
