"""HTTP handlers of the checkout service."""

from checkout import flags


def checkout_page(cart):
    if flags.enabled("new-checkout"):
        return {"layout": "one-page", "items": cart}
    return {"layout": "classic", "items": cart}


def theme():
    # Not documented in docs/flags.md: the org rule ORG103 reports it.
    if flags.enabled("dark-mode"):
        return "dark"
    return "light"
