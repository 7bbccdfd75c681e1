import os

TOKEN = os.environ["FMT_TOKEN"]
