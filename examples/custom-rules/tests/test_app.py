from checkout.app import checkout_page


def test_classic_layout():
    assert checkout_page([])["layout"] == "classic"
