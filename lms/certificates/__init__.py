"""Certificates: issued by organisations, verifiable by anyone, private by default."""
