def f8(): return 8
