from inventory.store import Store

STORE = Store()


def reserve(request):
    return {"id": STORE.reserve(request["sku"], request["count"])}
