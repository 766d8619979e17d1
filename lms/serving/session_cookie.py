"""Flask's signed-cookie sessions, remembering the cookies this process has already checked.

A browser sends the same session cookie with every page until something in it changes (at
most once a minute, for the idle clock), and checking its signature and decoding it cost
more than most of what a page does with it. A cookie seen before, under the same keys, is not
checked again: the session is a copy of what it held the first time, and its age is still
checked against the session lifetime. Only sessions of plain values are kept (not flashed
messages, which are a list), so a copy of the dict shares nothing that a page could change.
"""

import time

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

_PLAIN = (str, int, float, bool, type(None))


class KeptCookieSessionInterface(SecureCookieSessionInterface):
    # A few hundred browsers per process: enough for a busy worker, a few hundred KB at most.
    KEPT = 256

    def __init__(self):
        self._kept: dict[str, tuple] = {}

    def open_session(self, app, request):
        value = request.cookies.get(self.get_cookie_name(app))
        if not value or not app.secret_key:
            return super().open_session(app, request)
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        lifetime = app.permanent_session_lifetime.total_seconds()
        kept = self._kept.get(value)
        if kept is not None and kept[0] == keys and time.time() - kept[1] <= lifetime:
            return self.session_class(kept[2])
        serializer = self.get_signing_serializer(app)
        try:
            data, signed_at = serializer.loads(value, max_age=int(lifetime), return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if all(isinstance(item, _PLAIN) for item in data.values()):
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            self._kept[value] = (keys, signed_at.timestamp(), dict(data))
        return self.session_class(data)
