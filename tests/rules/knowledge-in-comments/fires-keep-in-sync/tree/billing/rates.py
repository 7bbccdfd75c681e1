"""Rates of the billing module."""

# Keep in sync with migrations/0042_rates.sql: the column order matters.
COLUMNS = ("currency", "rate", "valid_from")


def rate(row):
    return dict(zip(COLUMNS, row))
