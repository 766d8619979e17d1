"""Requests per second of signed-in Pathways pages against the bare-Flask ceiling, same sitting.

Usage: .venv/bin/python bench/bench_throughput.py [--runs 3] [--duration 10] [--connections 8]
           [--ceiling-dir ../shared/bench] [--database-url postgresql://...]

Starts two gunicorn servers side by side, 2 sync workers each:
- the ceiling app from ../shared/bench/flask_ceiling (a bare Flask + SQLAlchemy + Jinja page);
- Pathways with production settings on a throwaway SQLite database (or --database-url), with
  the courses synced and the demo organisation loaded, signed in as learner1 with a real
  sign-in (GET the form, POST the password) to get the session cookie.
Then runs wrk interleaved (ceiling /lesson, Pathways lesson page, Pathways dashboard; then again,
--runs times) and prints the median requests/s of each, its ratio to the ceiling (issue 15:
>= 0.5), CPU milliseconds per request (the workers' utime + stime from /proc, before and after
each run), and each server's worker memory after the load (issue 15: <= 1.5x the ceiling's).

wrk runs on the same machine, so it takes CPU from both servers alike; read the ratios, not the
absolute figures, and note the load average printed beside them.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
DEMO_PASSWORD = "bench demo password phrase"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def default_ceiling_dir() -> Path:
    # ../shared/bench from the main checkout (/work/main), ../../shared from a worktree.
    here = Path(__file__).resolve()
    candidates = [here.parents[n] / "shared" / "bench" for n in (2, 3)]
    return next((c for c in candidates if (c / "flask_ceiling.py").exists()), candidates[0])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_ceiling_module(ceiling_dir: Path):
    """flask_ceiling.py's wrk parser, so both apps are read the same way."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("flask_ceiling", ceiling_dir / "flask_ceiling.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    start = time.perf_counter()
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if time.perf_counter() - start > seconds or server.poll() is not None:
                raise SystemExit(f"server did not start; see {log}") from None
            time.sleep(0.1)


def start_gunicorn(argv: list[str], env: dict, cwd: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        argv,
        env=env,
        cwd=cwd,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def workers(master: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                found.append(int(entry))
    return sorted(found)


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / CLOCK_TICKS


def memory_kb(pid: int) -> dict:
    """RSS (what issue 15 compares), PSS (shared pages divided among the processes that map
    them) and USS (pages this worker alone holds: what another worker adds)."""
    rss = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS:")
    )
    rollup = {
        line.split(":")[0]: int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    }
    uss = rollup["Private_Clean"] + rollup["Private_Dirty"]
    return {"rss": rss, "pss": rollup["Pss"], "uss": uss}


def pathways_env(workdir: Path, database_url: str) -> dict:
    """The environment a Pathways server runs with here: a fresh secret, a throwaway database
    and evidence folder, never the test suite's database."""
    env = dict(
        os.environ,
        LMS_SECRET_KEY=secrets.token_hex(32),
        LMS_BASE_URL="https://pathways.example.org",
        LMS_DATABASE_URL=database_url,
        LMS_EVIDENCE_DIR=str(workdir / "evidence"),
        FLASK_APP="app.py",
    )
    env.pop("LMS_TEST_DATABASE_URL", None)
    return env


def prepare_pathways(env: dict, workdir: Path) -> None:
    """Migrate, sync the courses and load the demo organisation, as an operator would."""
    setup_env = dict(env, LMS_ENV="development", LMS_DEMO_PASSWORD=DEMO_PASSWORD)
    flask = str(VENV_BIN / "flask")
    for argv in (
        [flask, "db", "upgrade"],
        [flask, "pathways", "courses", "sync"],
        [flask, "pathways", "demo"],
    ):
        subprocess.run(argv, env=setup_env, cwd=ROOT, check=True, capture_output=True)


def first_lesson(database_url: str) -> tuple[str, str]:
    """A lesson of the first course with no content warning, so opening it records progress."""
    query = (
        "SELECT c.slug, l.slug FROM lessons l JOIN courses c ON c.id = l.course_id "
        "JOIN tracks t ON t.id = c.track_id JOIN lesson_texts x ON x.lesson_id = l.id "
        "WHERE x.language = 'en' AND (x.content_warning IS NULL OR x.content_warning = '') "
        "AND NOT l.is_archived AND NOT c.is_archived "
        "ORDER BY t.position, c.position, l.position LIMIT 1"
    )
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            return connection.execute(query).fetchone()
    import psycopg

    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as connection:
        return connection.execute(query).fetchone()


# Sent by the sign-in, the cookie refresh and wrk alike, as one browser would: a session
# seen from another user agent is marked not fresh (Flask-Login's session protection), and
# that change would write a new session cookie on every answer.
USER_AGENT = "pathways-bench"


SESSION_COOKIE = "pathways_session"
# The session's idle clock (`_seen`, lms.security._enforce_idle_timeout) is written into the
# session cookie at most once a minute, and a browser takes the new cookie at once.
IDLE_CLOCK_STEP = 60


def idle_clock(cookie_value: str) -> int:
    """The idle clock in a Flask session cookie: signed, not encrypted, so readable here."""
    import zlib

    from flask.json.tag import TaggedJSONSerializer
    from itsdangerous.encoding import base64_decode

    compressed = cookie_value.startswith(".")
    payload = base64_decode(cookie_value.lstrip(".").split(".")[0])
    if compressed:
        payload = zlib.decompress(payload)
    return int(TaggedJSONSerializer().loads(payload.decode())["_seen"])


class Browser:
    """Cookies carried by hand, as a browser keeps them.

    Production cookies are Secure, so a cookie jar would not send them back over plain HTTP
    to 127.0.0.1.
    """

    def __init__(self, base: str):
        self.base = base
        self.jar: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.jar.items())

    def headers(self) -> tuple[str, ...]:
        """What wrk sends to be this browser."""
        return (f"Cookie: {self.cookie_header()}", f"User-Agent: {USER_AGENT}")

    def fresh_for(self, seconds: float) -> None:
        """Load the dashboard as a browser would (keeping any cookie it sends), so that the
        session cookie's idle clock stays current for the next `seconds` of wrk.

        wrk sends one fixed cookie. Once its idle clock is a minute old, every answer writes
        a new session cookie (signing it costs more than some pages), which a browser would
        have taken with the first, so no other answer would write one. When the clock would
        turn during the run, this waits for it to turn first and takes the new cookie.
        """
        self.request("/")
        age = time.time() - idle_clock(self.jar[SESSION_COOKIE])
        if age + seconds + 2 >= IDLE_CLOCK_STEP:
            time.sleep(max(0.0, IDLE_CLOCK_STEP - age) + 1)
            self.request("/")
            if time.time() - idle_clock(self.jar[SESSION_COOKIE]) > 5:
                raise SystemExit("the session cookie's idle clock was not renewed")

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        req.add_header("User-Agent", USER_AGENT)
        if self.jar:
            req.add_header("Cookie", self.cookie_header())

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(req, timeout=10)
        except urllib.error.HTTPError as error:  # 302 lands here without a redirect handler
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.jar[name] = morsel.value
        return response.status, response.read().decode()


def signed_in_browser(base: str, username: str, password: str) -> Browser:
    """Sign in through the real form (GET it, POST the password)."""
    browser = Browser(base)
    status, page = browser.request("/sign-in")
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    status, _ = browser.request(
        "/sign-in", {"csrf_token": token, "username": username, "password": password}
    )
    if status != 302:
        raise SystemExit(f"sign-in failed with status {status}")
    # Where the redirect leads, as a browser follows it: that page's cookie carries the
    # session's CSRF token (without it every page would make one and rewrite the cookie).
    browser.request("/")
    return browser


def sign_in(base: str, username: str, password: str) -> str:
    """Sign in through the real form; return the Cookie header wrk sends."""
    return signed_in_browser(base, username, password).cookie_header()


def load_once(ceiling, url: str, args, headers: tuple, pids: list[int]) -> dict:
    before = cpu_seconds(pids)
    result = ceiling.run_wrk(url, args.duration, args.connections, args.threads, headers)
    used = cpu_seconds(pids) - before
    result["cpu_ms"] = used * 1000 / result["requests"] if result["requests"] else None
    return result


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ceiling-dir", type=Path, default=default_ceiling_dir())
    parser.add_argument(
        "--database-url", help="PostgreSQL URL of an empty throwaway database (default: SQLite)"
    )
    parser.add_argument(
        "--gunicorn-config",
        default=str(ROOT / "deploy" / "gunicorn.conf.py"),
        help="gunicorn settings for both servers, so both run the same way (default: "
        "deploy/gunicorn.conf.py, as deployed; '' for gunicorn's defaults)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    ceiling = load_ceiling_module(args.ceiling_dir)

    workdir = Path(tempfile.mkdtemp(prefix="pathways-throughput-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'pathways.db'}"
    env = pathways_env(workdir, database_url)
    prepare_pathways(env, workdir)
    course_slug, lesson_slug = first_lesson(database_url)

    ceiling_db = workdir / "ceiling.db"
    ceiling_env = dict(os.environ, BENCH_DB=str(ceiling_db))
    subprocess.run(
        [sys.executable, str(args.ceiling_dir / "flask_ceiling" / "app.py")],
        env=ceiling_env,
        check=True,
        capture_output=True,
    )
    ceiling_port, pathways_port = free_port(), free_port()
    gunicorn = str(VENV_BIN / "gunicorn")
    common = ["-w", str(args.workers), "-k", "sync", "--log-level", "warning"]
    if args.gunicorn_config:
        # The same settings for both (preloading, gc.freeze): a fair comparison of memory.
        common = ["-c", str(Path(args.gunicorn_config).resolve()), *common]
    ceiling_log, pathways_log = workdir / "ceiling.log", workdir / "pathways.log"
    ceiling_server = start_gunicorn(
        [gunicorn, *common, "-b", f"127.0.0.1:{ceiling_port}", "app:app"],
        ceiling_env,
        args.ceiling_dir / "flask_ceiling",
        ceiling_log,
    )
    # Production settings, as deploy/systemd/pathways@.service runs it; the request log (one
    # JSON line per request) goes to a file, as journald would take it.
    pathways_server = start_gunicorn(
        [gunicorn, *common, "-b", f"127.0.0.1:{pathways_port}", "--no-control-socket", "app:app"],
        dict(env, LMS_ENV="production"),
        ROOT,
        pathways_log,
    )
    try:
        ceiling_base = f"http://127.0.0.1:{ceiling_port}"
        pathways_base = f"http://127.0.0.1:{pathways_port}"
        wait_for(ceiling_base + "/page", ceiling_server, ceiling_log)
        # Not /healthz: it loads Alembic into the worker that answers (lms/serving/health.py).
        wait_for(pathways_base + "/sign-in", pathways_server, pathways_log)
        browser = signed_in_browser(pathways_base, "learner1", DEMO_PASSWORD)
        headers = browser.headers()
        targets = [
            ("ceiling /lesson", ceiling_base + "/lesson", (), ceiling_server),
            (
                "Pathways lesson page",
                f"{pathways_base}/learn/{course_slug}/{lesson_slug}",
                headers,
                pathways_server,
            ),
            ("Pathways dashboard", pathways_base + "/", headers, pathways_server),
        ]
        for name, url, hdrs, _server in targets:
            # Each page must answer 200 signed in, or the figures would measure a redirect.
            req = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in hdrs))
            with urllib.request.urlopen(req, timeout=10) as response:
                if response.status != 200 or response.url != url:
                    raise SystemExit(f"{name}: {response.status} at {response.url}")
            warm = ["wrk", "-t1", "-c2", "-d3s"] + [x for h in hdrs for x in ("-H", h)]
            subprocess.run(warm + [url], capture_output=True, timeout=60)
        print(
            f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.workers} sync "
            f"workers each, interleaved, median of {args.runs}; load average before: "
            f"{load_average()}",
            flush=True,
        )
        runs: dict[str, list[dict]] = {name: [] for name, *_ in targets}
        for number in range(args.runs):
            for name, url, hdrs, server in targets:
                if hdrs:
                    # As a browser would: keep the cookie the last page sent (Browser.fresh_for).
                    browser.fresh_for(args.duration)
                    hdrs = browser.headers()
                result = load_once(ceiling, url, args, hdrs, workers(server.pid))
                runs[name].append(result)
                print(
                    f"  run {number + 1}: {name:<22} {result['rps']:8.1f} rps  "
                    f"p50 {result['p50_ms']:6.2f} ms  CPU {result['cpu_ms']:.2f} ms/request  "
                    f"non-2xx {result['non_2xx']}  load {load_average()}",
                    flush=True,
                )
        memory = {
            "ceiling": [memory_kb(pid) for pid in workers(ceiling_server.pid)],
            "pathways": [memory_kb(pid) for pid in workers(pathways_server.pid)],
        }
    finally:
        stop(pathways_server)
        stop(ceiling_server)

    summary = {}
    for name, results in runs.items():
        summary[name] = {
            "rps": statistics.median(r["rps"] for r in results),
            "p50_ms": statistics.median(r["p50_ms"] for r in results),
            "p99_ms": statistics.median(r["p99_ms"] for r in results),
            "cpu_ms": statistics.median(r["cpu_ms"] for r in results),
            "non_2xx": sum(r["non_2xx"] for r in results),
            "runs_rps": [r["rps"] for r in results],
        }
    reference = summary["ceiling /lesson"]
    print(f"\nload average after: {load_average()}\n")
    print("| page | rps (median) | ratio to ceiling | p50 ms | CPU ms/request | CPU ratio |")
    print("|---|---|---|---|---|---|")
    for name, s in summary.items():
        print(
            f"| {name} | {s['rps']:.0f} | {s['rps'] / reference['rps']:.2f} | {s['p50_ms']:.1f} "
            f"| {s['cpu_ms']:.2f} | {s['cpu_ms'] / reference['cpu_ms']:.1f}× |"
        )
    print(
        f"\n| worker memory after the load (largest worker; gunicorn settings: "
        f"{args.gunicorn_config or 'defaults'}) | ceiling | Pathways | ratio |\n|---|---|---|---|"
    )
    for kind, label in (("rss", "RSS"), ("pss", "PSS"), ("uss", "USS")):
        ceiling_kb = max(m[kind] for m in memory["ceiling"])
        pathways_kb = max(m[kind] for m in memory["pathways"])
        print(
            f"| {label} | {ceiling_kb / 1024:.1f} MB | {pathways_kb / 1024:.1f} MB "
            f"| {pathways_kb / ceiling_kb:.2f} |"
        )
    if any(s["non_2xx"] for s in summary.values()):
        print("\nWARNING: some responses were not 2xx/3xx; see", pathways_log)
    if args.json:
        print(json.dumps({"summary": summary, "memory": memory}, indent=1))
    if args.keep:
        print("kept", workdir)
    else:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
