import os

DATABASE_URL = os.environ["SHOP_DATABASE_URL"]
CACHE_TTL = int(os.environ.get("SHOP_CACHE_TTL", "300"))
HOME = os.environ["HOME"]
