"""Who may see what about a member: one pure policy (`policy`) and one helper that asks it and
records each look (`services.see`), so "Who has seen my information" is complete."""
