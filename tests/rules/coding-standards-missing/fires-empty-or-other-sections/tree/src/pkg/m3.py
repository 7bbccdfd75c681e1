def f3(): return 3
