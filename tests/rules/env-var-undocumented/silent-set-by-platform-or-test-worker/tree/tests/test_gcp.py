import os

from shop.gcp import function_context

os.environ["FUNCTION_NAME"] = "Google Cloud function"
os.environ["ENTRY_POINT"] = "cloud_function"


def test_context():
    assert function_context()["shop_entry_point"] == "cloud_function"
