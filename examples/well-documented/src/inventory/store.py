class Store:
    def __init__(self):
        self.events = []

    def reserve(self, sku, count):
        self.events.append(("reserve", sku, count))
        return len(self.events)
