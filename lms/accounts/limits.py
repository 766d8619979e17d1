"""Sign-in limits that slow guessing without giving anyone a way to lock a member out.

Only real failed sign-ins count (a wrong username or password), never a form that failed
its CSRF check, a rate-limited try or a success. They are counted three ways:

- per account *and* address, tightly (5 a minute, 20 an hour): one place guessing one password;
- per address, loosely: one place guessing many accounts' passwords;
- per account from all addresses, only as a slow-down far above what one address can reach,
  so guessing from many places is slowed too, but a stranger at one address never blocks
  the owner signing in from their own.

"Address" is the client's own address: behind nginx, `LMS_PROXY_COUNT` makes Werkzeug's
ProxyFix take it from X-Forwarded-For (see `lms/factory.py`). Counts live in
`LMS_RATELIMIT_STORAGE_URI`, which must be shared (redis) when several workers serve.
"""

from flask import current_app, g, request

from lms.extensions import limiter

from .names import username_key

# Usernames are at most 30 characters; a longer typed value must not make a huge storage key.
_TYPED_NAME_CHARS = 64


def _typed_account() -> str:
    return username_key(request.form.get("username", "")[:_TYPED_NAME_CHARS])


def _account_and_address_key() -> str:
    return f"account-address:{_typed_account()}|{request.remote_addr}"


def _address_key() -> str:
    return f"address:{request.remote_addr}"


def _account_key() -> str:
    return f"account:{_typed_account()}"


LIMITS = (
    ("SIGN_IN_LIMITS", _account_and_address_key),
    ("SIGN_IN_ADDRESS_LIMITS", _address_key),
    ("SIGN_IN_ACCOUNT_LIMITS", _account_key),
)


def record_failed_sign_in() -> None:
    """Mark this request as a failed sign-in, so each limit counts it once the response is ready."""
    g.sign_in_failed = True


def _counts(response) -> bool:
    return bool(g.get("sign_in_failed"))


def _limit_from(config_key: str):
    return lambda: current_app.config[config_key]


def sign_in_limits(view):
    """Decorate the sign-in view with every sign-in limit."""
    for config_key, key_func in LIMITS:
        view = limiter.limit(
            _limit_from(config_key), key_func=key_func, methods=["POST"], deduct_when=_counts
        )(view)
    return view
