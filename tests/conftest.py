"""Shared test set-up: tests never read LMS_DATABASE_URL, only LMS_TEST_DATABASE_URL."""

import os

# Belt and braces: whatever the shell exported, the suite never touches a real database.
os.environ.pop("LMS_DATABASE_URL", None)
os.environ["LMS_ENV"] = "testing"
