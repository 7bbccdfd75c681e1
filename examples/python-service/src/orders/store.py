"""An in-memory order store."""

from dataclasses import dataclass, field


# Keep in sync with tests/test_store.py, which builds orders by position: a new field goes last.
@dataclass
class Order:
    id: int
    item: str
    quantity: int


@dataclass
class Store:
    orders: dict[int, Order] = field(default_factory=dict)

    def add(self, item: str, quantity: int) -> Order:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        order = Order(id=len(self.orders) + 1, item=item, quantity=quantity)
        self.orders[order.id] = order
        return order

    def list(self) -> list[Order]:
        return sorted(self.orders.values(), key=lambda order: order.id)
