"""Pathways: a learning platform for survivors of trafficking and the organisations that support them.

Nothing is imported here, so a pure module (`lms.readiness.rules`) loads without Flask or
SQLAlchemy. `from lms import create_app` still works: the factory is imported on first use.
"""


def __getattr__(name: str):
    if name == "create_app":
        from lms.factory import create_app

        return create_app
    raise AttributeError(f"module 'lms' has no attribute {name!r}")
