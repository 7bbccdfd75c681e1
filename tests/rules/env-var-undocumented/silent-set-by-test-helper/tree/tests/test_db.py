import os

import pytest

DB = os.getenv("SHOP_TEST_DB")


def test_db():
    if not DB:
        pytest.skip("SHOP_TEST_DB is not set")
