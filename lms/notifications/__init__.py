"""Notifications: an in-app inbox that later features use for requests, alerts and reminders."""
