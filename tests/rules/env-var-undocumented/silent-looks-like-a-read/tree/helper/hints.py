# os.environ["IN_A_COMMENT"]
HINT = 'set it with os.environ["IN_A_STRING"]'
name = "DYNAMIC"
value = __import__("os").environ.get(name)
