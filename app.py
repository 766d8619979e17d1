"""Entry point for `flask run` and gunicorn: the app comes from the factory."""

from lms import create_app

app = create_app()
