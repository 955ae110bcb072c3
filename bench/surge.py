"""The deadline surge: many focal points start, save and submit their report within the same
minute, against ``lintas serve`` (gunicorn, production settings) on the loopback.

    uv run python bench/surge.py [--people 200] [--databases sqlite,postgresql]
        [--postgres postgresql://postgres@127.0.0.1:5432/postgres] [--window 120]
        [--spreads 5,60]

For each database it makes a fresh instance (a temporary SQLite file; on PostgreSQL a database it
creates and drops), migrates it, writes one body with PEOPLE units, each with a focal point and a
monthly report of seven fields due, and starts ``lintas serve`` with its defaults (one process
per core, at least 2, of 4 threads each). Every focal point signs in first (not measured). Then
all PEOPLE start, their starts spread evenly over SPREAD seconds (two cases by default: a burst,
all within 5 s; and the deadline minute, all within 60 s), and each, as fast as the server
answers: starts the report, opens the form, saves a draft, opens it again and submits
(five requests), with its own figures. The run is bounded: WINDOW seconds, and 30 s a request.

Afterwards it reads the database: every submission whose submit was answered with success must
be there, submitted, with that focal point's figures ("lost" otherwise). Prints the machine,
then per database the requests, errors (no answer, or not the answer expected), lost, and the
p50 / p95 / max of the answer times. Targets: 0 errors, 0 lost, p95 under 2 s. Printed, never
asserted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "surge-bench-password-2026"  # noqa: S105 - a throw-away instance
PERIOD = "2026-11"

SETUP = """
import datetime as dt, json, sys
from lintas.members import services
from lintas.members.models import Body, Role, User
from lintas.policy import SYSTEM
from lintas.reporting import services as reporting
people = PEOPLE
body = services.create_body(by=SYSTEM, name="Surge Working Group", short_name="SWG",
    slug="swg", kind=Body.Kind.WORKING_GROUP, time_zone="UTC", languages=["en"])
sec = User.objects.create_user("sec@surge.example", PASSWORD, full_name="Sec Surge")
services.grant_role(body=body, person=sec, role=Role.SECRETARIAT, by=SYSTEM)
units = []
for i in range(people):
    unit = services.create_unit(body=body, by=SYSTEM, name=f"Unit {i:03d}", kind="agency")
    user = User.objects.create_user(f"fp{i}@surge.example", PASSWORD, full_name=f"Focal {i}")
    services.grant_role(body=body, person=user, role=Role.FOCAL_POINT, unit=unit, by=SYSTEM)
    units.append(unit)
fields = [{"code": c, "type": "integer", "label": {"en": c}, "required": True, "min": 0}
          for c in ("cases", "victims", "referred", "trained")]
fields += [{"code": "hotline", "type": "yes_no", "label": {"en": "Hotline"}},
           {"code": "situation", "type": "long_text", "label": {"en": "Situation"},
            "required": True},
           {"code": "channel", "type": "choice", "label": {"en": "Channel"},
            "choices": [{"value": "online", "label": {"en": "Online"}},
                        {"value": "other", "label": {"en": "Other"}}]}]
template = reporting.create_template(body=body, code="monthly", name={"en": "Monthly"},
    structure={"sections": [{"code": "s", "title": {"en": "Figures"}, "fields": fields}]},
    by=sec)
obligation = reporting.define_obligation(body=body, template=template, units=units,
    period_type="monthly", starts_on=dt.date(2026, 1, 1), due_days=10, timely_days=10,
    expiry_days=None, by=sec)
print("SETUP" + json.dumps({"obligation": obligation.pk,
                            "units": [u.pk for u in units]}))
"""

CHECK = """
import json
from lintas.reporting.models import Submission
rows = Submission.objects.filter(period_key=PERIOD).values_list("unit_id", "state", "data")
print("CHECK" + json.dumps([[u, s, d] for u, s, d in rows]))
"""


def production_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINTAS_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        LINTAS_FIELD_KEYS="fPP6Uh5Wa2dJ-F8eVCoWRu13wNwRWV-fRZA07dAupWs=",
        LINTAS_DATA_DIR=str(data_dir),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LINTAS_SPRAY_LIMIT="100000",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def lintas(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "lintas", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"lintas {args[0]} failed:\n{done.stderr}")
    return done.stdout


def shell(script: str, env: dict[str, str], tag: str) -> object:
    out = lintas("shell", "-c", script, env=env)
    line = next(x for x in out.splitlines() if x.startswith(tag))
    return json.loads(line[len(tag) :])


@dataclass
class Person:
    email: str
    unit: int
    cookies: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    submitted: bool = False


class Browser:
    """One focal point's requests: cookies kept by hand (production cookies are Secure, and the
    bench speaks plain HTTP on the loopback)."""

    def __init__(self, port: int, person: Person) -> None:
        self.port, self.person = port, person

    def request(self, method: str, path: str, form: dict[str, str] | None = None, *,
                timed: bool = True) -> tuple[int, str, str]:  # fmt: skip
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.person.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.person.cookies.items())
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.person.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        if timed:
            self.person.times.append(time.perf_counter() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for key, morsel in jar.items():
                self.person.cookies[key] = morsel.value
        return response.status, response.headers.get("Location", ""), text


def sign_in(browser: Browser) -> None:
    browser.request("GET", "/login/", timed=False)
    status, _loc, _text = browser.request(
        "POST", "/login/", {"username": browser.person.email, "password": PASSWORD}, timed=False
    )
    if status != 302:
        raise SystemExit(f"{browser.person.email} could not sign in ({status})")


def revision_of(html: str) -> str:
    found = re.search(r'name="revision"[^>]*value="(\d+)"', html)
    return found.group(1) if found else "0"


def surge(browser: Browser, obligation: int, deadline: float, delay: float) -> None:
    person = browser.person
    time.sleep(delay)
    figures = {
        "f_cases": str(person.unit % 90 + 10),
        "f_victims": str(person.unit % 7),
        "f_referred": "3",
        "f_trained": "12",
        "f_hotline": "yes",
        "f_situation": f"Situation reported by unit {person.unit}.",
        "f_channel": "online",
    }

    def expect(status: int, wanted: int, step: str) -> bool:
        if status != wanted:
            person.errors.append(f"{step}: {status}")
            return False
        return True

    try:
        start = f"/b/swg/reports/obligations/{obligation}/units/{person.unit}/{PERIOD}/start/"
        status, edit, _ = browser.request("POST", start, {})
        if not expect(status, 302, "start") or time.monotonic() > deadline:
            return
        status, _loc, html = browser.request("GET", edit)
        if not expect(status, 200, "open"):
            return
        saved = {**figures, "f_trained": "0", "action": "save", "revision": revision_of(html)}
        status, _loc, _ = browser.request("POST", edit, saved)
        if not expect(status, 302, "save") or time.monotonic() > deadline:
            return
        status, _loc, html = browser.request("GET", edit)
        if not expect(status, 200, "reopen"):
            return
        sent = {**figures, "action": "submit", "revision": revision_of(html)}
        status, _loc, _ = browser.request("POST", edit, sent)
        person.submitted = expect(status, 302, "submit")
    except (OSError, http.client.HTTPException) as exc:
        person.errors.append(f"no answer: {type(exc).__name__}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(
    database: str, people: int, window: float, postgres: str, spread: float
) -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp(prefix="lintas-surge-"))
    url = None
    if database == "postgresql":
        import psycopg

        name = f"lintas_surge_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(postgres, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"{postgres.rsplit('/', 1)[0]}/{name}"
    env = production_env(tmp, url)
    server = None
    try:
        lintas("migrate", "--verbosity", "0", env=env)
        setup = shell(
            SETUP.replace("PEOPLE", str(people)).replace("PASSWORD", repr(PASSWORD)),
            env,
            "SETUP",
        )
        assert isinstance(setup, dict)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "lintas", "serve", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        persons = [Person(f"fp{i}@surge.example", unit) for i, unit in enumerate(setup["units"])]
        browsers = [Browser(port, p) for p in persons]
        for _ in range(300):
            try:
                Browser(port, Person("", 0)).request("GET", "/health/", timed=False)
                break
            except OSError:
                time.sleep(0.3)
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(sign_in, browsers))
        deadline = time.monotonic() + window
        started = time.perf_counter()
        threads = [
            threading.Thread(
                target=surge, args=(b, setup["obligation"], deadline, spread * i / people)
            )
            for i, b in enumerate(browsers)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        rows = shell(CHECK.replace("PERIOD", repr(PERIOD)), env, "CHECK")
        assert isinstance(rows, list)
        stored = {unit: (state, data) for unit, state, data in rows}
        lost = 0
        for p in persons:
            if not p.submitted:
                continue
            state, data = stored.get(p.unit, ("missing", {}))
            if state != "submitted" or data.get("cases") != p.unit % 90 + 10:
                lost += 1
        times = sorted(t for p in persons for t in p.times)
        errors = [e for p in persons for e in p.errors]
        return {
            "database": database,
            "requests": len(times) + sum(1 for e in errors if e.startswith("no answer")),
            "errors": len(errors),
            "error_kinds": sorted(set(errors))[:5],
            "submitted": sum(p.submitted for p in persons),
            "lost": lost,
            "p50": statistics.median(times) if times else float("nan"),
            "p95": times[int(len(times) * 0.95) - 1] if times else float("nan"),
            "max": times[-1] if times else float("nan"),
            "seconds": elapsed,
        }
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if url is not None:
            import psycopg

            with psycopg.connect(postgres, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--window", type=float, default=120.0)
    parser.add_argument("--spreads", default="5,60", help="seconds over which the starts spread")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(
        f"machine: {cores} cpus, {platform.platform()}, Python {platform.python_version()}; "
        f"lintas serve: {max(2, cores)} processes x 4 threads; "
        f"{args.people} focal points, 5 requests each, run bounded to {args.window:.0f} s"
    )
    for spread in [float(x) for x in args.spreads.split(",")]:
        for database in args.databases.split(","):
            load = os.getloadavg()[0]
            r = run(database.strip(), args.people, args.window, args.postgres, spread)
            report(r, spread, load)


def report(r: dict[str, object], spread: float, load: float) -> None:
    """One line per database and spread, with the machine's load when the run began."""
    print(
        f"starts over {spread:>3.0f} s  load {load:4.1f}  "
        f"{r['database']:<10} requests {r['requests']:>5}  errors {r['errors']:>3}  "
        f"submitted {r['submitted']:>4}  lost {r['lost']:>2}  "
        f"p50 {r['p50']:.3f} s  p95 {r['p95']:.3f} s  max {r['max']:.3f} s  "
        f"(all done in {r['seconds']:.1f} s; target: 0 errors, 0 lost, p95 < 2 s)"
    )
    if r["error_kinds"]:
        print(f"           errors seen: {', '.join(r['error_kinds'])}")


if __name__ == "__main__":
    main()
