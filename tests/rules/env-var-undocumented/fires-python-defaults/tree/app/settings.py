import os

DATABASE_URL = os.environ["DATABASE_URL"]
CACHE_TTL = int(os.environ.get("CACHE_TTL", "300"))
HOME = os.environ["HOME"]
