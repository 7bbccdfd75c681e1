import pytest

from orders.store import Store


def test_add_assigns_increasing_ids() -> None:
    store = Store()
    assert store.add("tea", 2).id == 1
    assert store.add("milk", 1).id == 2


def test_add_rejects_non_positive_quantity() -> None:
    with pytest.raises(ValueError):
        Store().add("tea", 0)
