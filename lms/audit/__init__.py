"""The audit log: who did which sensitive action to which object, and when."""
