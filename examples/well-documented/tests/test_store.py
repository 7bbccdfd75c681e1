from inventory.store import Store


def test_reserve_records_an_event():
    store = Store()
    assert store.reserve("sku-1", 2) == 1
