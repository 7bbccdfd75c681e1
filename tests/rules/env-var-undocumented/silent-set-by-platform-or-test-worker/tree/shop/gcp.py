import os


def function_context():
    # Google Cloud Functions sets these for the function it runs.
    return {
        "shop_function_name": os.environ.get("FUNCTION_NAME"),
        "shop_entry_point": os.environ.get("ENTRY_POINT"),
        "shop_region": os.environ.get("FUNCTION_REGION"),
        "shop_project": os.environ.get("GCP_PROJECT"),
    }
