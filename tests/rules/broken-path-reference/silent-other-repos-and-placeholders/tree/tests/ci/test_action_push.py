def test_push():
    pass
