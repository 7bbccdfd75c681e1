from inventory.api import reserve


def test_reserve_returns_an_id():
    assert reserve({"sku": "a", "count": 1})["id"] >= 1
