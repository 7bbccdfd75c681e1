from billing.rates import rate

# Never edit invoices.json by hand; run `make fixtures` to rebuild it.
FIXTURES = "invoices.json"
