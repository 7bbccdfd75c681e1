def f6(): return 6
