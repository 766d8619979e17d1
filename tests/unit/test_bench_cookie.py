"""bench/bench_throughput.py reads the idle clock out of a Flask session cookie, to keep wrk's
fixed cookie current as a browser would (Browser.fresh_for)."""

import importlib.util
from pathlib import Path

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_throughput.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_throughput", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("padding", ["", "x" * 400])  # long sessions are compressed ("." first)
def test_the_idle_clock_is_read_from_a_signed_cookie(padding):
    app = Flask(__name__)
    app.secret_key = "a secret the benchmark never sees"
    cookie = (
        SecureCookieSessionInterface()
        .get_signing_serializer(app)
        .dumps({"_seen": 1_764_400_000, "csrf_token": "t" + padding, "_user_id": "3:1"})
    )
    assert cookie.startswith(".") == bool(padding)
    assert _bench().idle_clock(cookie) == 1_764_400_000
