"""A small Pathways cluster on this machine: Debian's redis-server and PostgreSQL, two gunicorn
instances in production mode, and Debian's nginx in front with deploy/nginx/pathways.conf,
adapted to local ports and a throwaway TLS certificate.

Every component that cannot start fails loudly with the end of its log (a cluster that is
quietly missing a piece would pass for the wrong reason), and everything started here is
stopped again, whatever happens, by the ExitStack that `start_cluster` is given.
"""

import getpass
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
DEMO_PASSWORD = "cluster-" + secrets.token_hex(8)
START_SECONDS = 30


class ClusterError(RuntimeError):
    """A component of the test cluster did not start."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _need(program: str) -> str:
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")
    if not found:
        raise ClusterError(f"{program} is not installed (make test installs it: TEST_DEBS).")
    return found


def _start(
    stack: ExitStack, argv: list, log: Path, stop_signal=signal.SIGTERM, **kwargs
) -> subprocess.Popen:
    """Start a child process whose output goes to `log`; it is stopped when `stack` closes."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, **kwargs
        )

    def stop():
        if process.poll() is None:
            process.send_signal(stop_signal)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    stack.callback(stop)
    return process


def _wait_until(name: str, process: subprocess.Popen, log: Path, ready) -> None:
    deadline = time.monotonic() + START_SECONDS
    problem = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ClusterError(f"{name} stopped (exit {process.returncode}):\n{tail(log)}")
        try:
            if ready():
                return
        except (OSError, http.client.HTTPException) as error:
            problem = error
        time.sleep(0.2)
    raise ClusterError(
        f"{name} did not become ready in {START_SECONDS} s ({problem}):\n{tail(log)}"
    )


def _run(argv: list, what: str, **kwargs) -> str:
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise ClusterError(
            f"{what} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result.stdout


# --- PostgreSQL: the machine's own cluster, a throwaway database (as scripts/test-postgres.sh) ---


def _as_postgres(argv: list) -> list:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return ["sudo", "-u", "postgres", *argv]


def _postgres_port() -> int:
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    listing = _run(["pg_lsclusters", "-h"], "pg_lsclusters").split("\n")[0].split()
    if not listing:
        raise ClusterError("No PostgreSQL cluster: run scripts/test-postgres.sh once to make one.")
    version, name, port, status = listing[:4]
    if status != "online":
        _run([*sudo, "pg_ctlcluster", version, name, "start"], "Starting PostgreSQL")
    return int(port)


def throwaway_database(stack: ExitStack) -> str:
    port = _postgres_port()
    role = password = "pathways_test"
    database = f"pathways_cluster_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    psql = _as_postgres(["psql", "-q", "-p", str(port), "-v", "ON_ERROR_STOP=1"])
    _run(
        psql,
        "Creating the PostgreSQL database",
        input=(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pathways_test') "
            f"THEN CREATE ROLE {role} LOGIN PASSWORD '{password}' CREATEDB; END IF; END $$;\n"
            f"CREATE DATABASE {database} OWNER {role};\n"
        ),
    )
    stack.callback(
        subprocess.run,
        [*psql, "-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"],
        capture_output=True,
    )
    return f"postgresql://{role}:{password}@127.0.0.1:{port}/{database}"


# --- nginx: deploy/nginx/pathways.conf with local ports, paths and a throwaway certificate ---


def _replace(text: str, old: str, new: str, count: int = 1) -> str:
    # The deploy file is what administrators install; if it changes shape, this adaptation
    # must be updated rather than silently test something else.
    found = text.count(old)
    if found != count:
        raise ClusterError(f"deploy/nginx/pathways.conf: expected {count} × {old!r}, found {found}")
    return text.replace(old, new)


def adapt_site(site: str, upstreams: list[int], https_port: int, http_port: int, tmp: Path) -> str:
    site = _replace(
        site,
        "    server 127.0.0.1:8001;\n    server 127.0.0.1:8002;\n",
        "".join(f"    server 127.0.0.1:{port};\n" for port in upstreams),
    )
    site = _replace(site, "    listen 80;\n", f"    listen 127.0.0.1:{http_port};\n")
    site = _replace(site, "    listen [::]:80;\n", "")
    site = _replace(
        site, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{https_port} ssl;\n"
    )
    site = _replace(site, "    listen [::]:443 ssl http2;\n", "")
    site = _replace(
        site,
        "/etc/letsencrypt/live/pathways.example.org/fullchain.pem",
        str(tmp / "cert.pem"),
    )
    site = _replace(
        site, "/etc/letsencrypt/live/pathways.example.org/privkey.pem", str(tmp / "key.pem")
    )
    site = _replace(site, "alias /srv/pathways/static/;", f"alias {ROOT / 'static'}/;")
    # Which instance answered: the test checks that both take part.
    site = _replace(
        site,
        "        proxy_pass http://pathways;\n",
        "        proxy_pass http://pathways;\n        add_header X-Upstream $upstream_addr always;\n",
    )
    return site


def _nginx_conf(tmp: Path) -> str:
    return f"""
user {getpass.getuser()};
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/pathways.conf;
}}
"""


# --- The cluster ---


@dataclass
class Cluster:
    tmp: Path
    https_port: int
    http_port: int
    upstreams: list[int]
    redis_port: int
    env: dict
    tls: ssl.SSLContext
    logs: dict = field(default_factory=dict)

    def browser(self, source: str = "127.0.0.1") -> "Browser":
        return Browser(self, source)


def direct_get(port: int, path: str) -> http.client.HTTPResponse:
    """GET from one gunicorn instance directly, without nginx."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response


def _app_env(database_url: str, redis_port: int, base_url: str, evidence: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LMS_")}
    env.update(
        FLASK_APP="app.py",
        LMS_ENV="production",
        LMS_SECRET_KEY=secrets.token_hex(32),
        LMS_BASE_URL=base_url,
        LMS_DATABASE_URL=database_url,
        LMS_RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{redis_port}/0",
        LMS_PROXY_COUNT="1",
        LMS_EVIDENCE_DIR=str(evidence),
        LMS_BACKUP_KEY=secrets.token_hex(16),
    )
    return env


def start_cluster(stack: ExitStack, tmp: Path, instances: int = 2) -> Cluster:
    redis_server, nginx, openssl = _need("redis-server"), _need("nginx"), _need("openssl")

    # Redis: a loopback port, its own folder, nothing written to disk.
    redis_port = free_port()
    (tmp / "redis").mkdir()
    redis_log = tmp / "redis.log"
    redis = _start(
        stack,
        [
            redis_server,
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(tmp / "redis"),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        redis_log,
    )

    def redis_ready():
        with socket.create_connection(("127.0.0.1", redis_port), timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")

    _wait_until("redis-server", redis, redis_log, redis_ready)

    # PostgreSQL, migrations, the demo organisation.
    database_url = throwaway_database(stack)
    https_port, http_port = free_port(), free_port()
    evidence = tmp / "evidence"
    evidence.mkdir()
    env = _app_env(database_url, redis_port, f"https://127.0.0.1:{https_port}", evidence)
    flask = str(VENV_BIN / "flask")
    _run([flask, "db", "upgrade"], "flask db upgrade", cwd=ROOT, env=env)
    # Demo data never loads in production; the same database, loaded as in development.
    demo_env = dict(env, LMS_ENV="development", LMS_DEMO_PASSWORD=DEMO_PASSWORD)
    _run([flask, "pathways", "demo"], "flask pathways demo", cwd=ROOT, env=demo_env)

    # Two gunicorn instances, production settings, one worker each, started side by side, with
    # the deployed gunicorn settings (the app built before the worker is forked).
    upstreams, started = [], []
    config = str(ROOT / "deploy" / "gunicorn.conf.py")
    for number in range(instances):
        port = free_port()
        log = tmp / f"gunicorn-{number}.log"
        argv = [str(VENV_BIN / "gunicorn"), "-c", config, "--workers", "1"]
        argv += ["--bind", f"127.0.0.1:{port}"]
        argv += ["--no-control-socket", "app:app"]
        # SIGINT: gunicorn's quick shutdown (SIGTERM waits for a graceful one).
        process = _start(stack, argv, log, stop_signal=signal.SIGINT, cwd=ROOT, env=env)
        upstreams.append(port)
        started.append((port, process, log))
    for port, process, log in started:
        _wait_until(
            f"gunicorn on port {port}",
            process,
            log,
            lambda port=port: direct_get(port, "/healthz").status == 200,
        )

    # A throwaway certificate for 127.0.0.1, trusted by the test's own TLS context only.
    _run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(tmp / "key.pem"),
            "-out",
            str(tmp / "cert.pem"),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        "openssl req",
    )
    tls = ssl.create_default_context(cafile=str(tmp / "cert.pem"))

    site = (ROOT / "deploy" / "nginx" / "pathways.conf").read_text()
    (tmp / "pathways.conf").write_text(adapt_site(site, upstreams, https_port, http_port, tmp))
    (tmp / "nginx.conf").write_text(_nginx_conf(tmp))
    nginx_argv = [
        nginx,
        "-p",
        str(tmp),
        "-e",
        str(tmp / "nginx-error.log"),
        "-c",
        str(tmp / "nginx.conf"),
    ]
    _run([*nginx_argv, "-t"], "nginx -t (the adapted deploy configuration)")
    nginx_log = tmp / "nginx.log"
    nginx_process = _start(stack, [*nginx_argv, "-g", "daemon off;"], nginx_log)
    cluster = Cluster(tmp, https_port, http_port, upstreams, redis_port, env, tls)

    def nginx_ready():
        return cluster.browser().get("/healthz").status == 200

    _wait_until("nginx", nginx_process, tmp / "nginx-error.log", nginx_ready)
    return cluster


# --- A browser's worth of HTTP: TLS, cookies, a chosen source address ---


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def upstream(self) -> str:
        return self.headers.get("X-Upstream", "")

    def csrf_token(self) -> str:
        found = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', self.text)
        assert found, f"no CSRF token on the page (status {self.status})"
        return found.group(1)


class Browser:
    """One device: its own cookies, connecting to nginx from `source` (a loopback address)."""

    def __init__(self, cluster: Cluster, source: str):
        self.cluster = cluster
        self.source = source
        self.cookies: dict[str, str] = {}
        self.cookie_flags: dict[str, dict] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers=None) -> Response:
        connection = http.client.HTTPSConnection(
            "127.0.0.1",
            self.cluster.https_port,
            context=self.cluster.tls,
            source_address=(self.source, 0),
            timeout=30,
        )
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body or None, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookie_flags[name] = {"secure": bool(morsel["secure"]), "raw": header}
                if morsel.value == "" or morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, headers=None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: dict, files: dict | None = None, headers=None) -> Response:
        headers = dict(headers or {})
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, mime, data) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'.encode()
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers=headers)

    def get_on(self, path: str, port: int, tries: int = 6) -> Response:
        """GET `path` until the instance on `port` answers (nginx takes instances in turn)."""
        for _ in range(tries):
            response = self.get(path)
            if response.upstream.endswith(f":{port}"):
                return response
        raise AssertionError(f"the instance on port {port} never answered {path}")

    def sign_in(self, username: str, password: str = DEMO_PASSWORD) -> Response:
        token = self.get("/sign-in").csrf_token()
        return self.post(
            "/sign-in", {"csrf_token": token, "username": username, "password": password}
        )
