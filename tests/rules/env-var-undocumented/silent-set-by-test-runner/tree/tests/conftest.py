import os

import pytest

INTEGRATION_DB = os.getenv("INTEGRATION_DB")


@pytest.fixture
def db():
    if not INTEGRATION_DB:
        pytest.skip("INTEGRATION_DB is not set")
    return INTEGRATION_DB
