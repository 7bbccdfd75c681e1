def f10(): return 10
