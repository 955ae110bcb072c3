"""A Lintas process under production settings, for the tests of operations: its environment,
a free loopback port, and ``lintas serve`` started and stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "production-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF"
FIELD_KEY = "fPP6Uh5Wa2dJ-F8eVCoWRu13wNwRWV-fRZA07dAupWs="  # tests only


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a production process with its own data directory (SQLite there
    unless ``DATABASE_URL`` is given)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LINTAS_", "DJANGO_", "DATABASE_URL", "SECRET_KEY", "EMAIL_"))
    }
    env.update(
        SECRET_KEY=SECRET,
        LINTAS_FIELD_KEYS=FIELD_KEY,
        LINTAS_DATA_DIR=str(data_dir),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="https://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def lintas(*args: str, env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "lintas", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@contextmanager
def serving(env: dict[str, str], *extra: str, wait: float = 90) -> Iterator[str]:
    """``lintas serve`` on a free loopback port until the block ends; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "lintas", "serve", "--bind", f"127.0.0.1:{port}", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read() if proc.stdout else ""
                raise AssertionError(f"lintas serve ended ({proc.returncode}):\n{out}")
            try:
                get(base + "/health/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
