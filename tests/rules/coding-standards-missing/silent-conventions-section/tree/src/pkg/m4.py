def f4(): return 4
