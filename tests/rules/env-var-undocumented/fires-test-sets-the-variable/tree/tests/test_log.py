import importlib


def test_level(monkeypatch):
    monkeypatch.setenv("SHOP_LOG", "debug")
    import shop.log

    assert importlib.reload(shop.log).LEVEL == "debug"
