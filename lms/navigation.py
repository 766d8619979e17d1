"""Where a redirect may go after a form: only back into Pathways."""


def is_safe_next(target: str | None) -> bool:
    """Return True when `target` is a path on this site (no scheme, host or protocol-relative form)."""
    if not target or not target.startswith("/"):
        return False
    return not target.startswith(("//", "/\\")) and "\n" not in target and "\r" not in target
