import os

LEVEL = os.environ.get("SHOP_LOG", "warning")
