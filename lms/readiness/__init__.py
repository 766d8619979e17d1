"""Readiness: voluntary check-ins, what each member shares with whom, and support when needed."""
