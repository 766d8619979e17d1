"""Open Badges 3.0 credentials: signed, privacy-preserving copies of certificates anyone can verify."""
