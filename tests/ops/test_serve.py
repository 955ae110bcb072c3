"""``lintas serve``: the production server starts under production settings, collects the static
files, and serves pages with their CSS; ``check --deploy`` fails while the static files are not
collected."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.ops.production import get, lintas, production_env, serving


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = production_env(tmp_path_factory.mktemp("serve"))
    done = lintas("migrate", "--verbosity", "0", env=env)
    assert done.returncode == 0, done.stderr
    return env


def test_check_deploy_fails_while_the_static_files_are_not_collected(
    migrated: dict[str, str],
) -> None:
    env = {**migrated, "LINTAS_DATA_DIR": str(Path(migrated["LINTAS_DATA_DIR"]) / "fresh")}
    Path(env["LINTAS_DATA_DIR"]).mkdir()
    before = lintas("check", "--deploy", env=env)
    assert before.returncode != 0
    assert "lintas.E002" in before.stderr
    assert "collectstatic" in before.stderr
    collected = lintas("collectstatic", "--noinput", "--verbosity", "0", env=env)
    assert collected.returncode == 0, collected.stderr
    after = lintas("check", "--deploy", env=env)
    assert "lintas.E002" not in after.stderr + after.stdout


def test_serve_collects_the_static_files_and_serves_a_page_with_its_css(
    migrated: dict[str, str],
) -> None:
    with serving(migrated, "--processes", "2", "--threads", "2") as base:
        status, _headers, page = get(base + "/login/")
        assert status == 200
        html = page.decode()
        sheets = re.findall(r'<link[^>]+href="(/static/[^"]+\.css)"', html)
        assert sheets, html[:500]
        for sheet in sheets:
            assert re.search(r"\.[0-9a-f]{12}\.css$", sheet), sheet  # the manifest's name
            status, headers, css = get(base + sheet)
            assert status == 200
            assert headers["Content-Type"].startswith("text/css")
            assert b"{" in css
        status, _headers, body = get(base + "/health/")
        assert status == 200
        assert json.loads(body)["database"] == "ok"


def test_serve_refuses_nonsense_before_starting(migrated: dict[str, str]) -> None:
    bad = lintas("serve", "--bind", "8000", env=migrated)
    assert bad.returncode != 0
    assert "HOST:PORT" in bad.stderr
    zero = lintas("serve", "--processes", "0", env=migrated)
    assert "--processes must be at least 1" in zero.stderr
    dry = lintas("serve", "--dry-run", "--threads", "3", env=migrated)
    assert "gunicorn lintas.wsgi:application" in dry.stdout
    assert "--threads 3" in dry.stdout
