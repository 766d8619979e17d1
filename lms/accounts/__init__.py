"""Accounts: sign in and out, quick exit, language, and the member's own account."""
