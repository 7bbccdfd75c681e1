import os
KEY = os.environ["EXAMPLE_API_KEY"]
