"""Settings come from the environment and fail loudly, naming the variable, on a bad value.

Settings are read once per process, so each case imports them in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from lintas.core import env as envmod

ROOT = Path(__file__).resolve().parents[2]
SECRET = "settings-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG"
FIELD_KEY = "fPP6Uh5Wa2dJ-F8eVCoWRu13wNwRWV-fRZA07dAupWs="  # cases/crypto.py, tests only
# Variables settings.py reads; the test process sets some of them (tests/settings.py).
_OWN_PREFIXES = (
    "DJANGO_",
    "LINTAS_",
    "SECRET_KEY",
    "DATABASE_URL",
    "SECURE_",
    "SESSION_",
    "CSRF_",
    "EMAIL_",
    "AXES_",
    "ALLOWED_HOSTS",
    "TRUST_X_FORWARDED_PROTO",
    "TIME_ZONE",
    "SITE_URL",
    "DEFAULT_FROM_EMAIL",
    "LOG_LEVEL",
)
UNSET = None


def _run(args: list[str], tmp_path: Path, **env: str | None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_OWN_PREFIXES)}
    clean["LINTAS_DATA_DIR"] = str(tmp_path / "data")
    clean.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, *args],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(tmp_path: Path, names: list[str], **env: str | None) -> dict[str, Any]:
    code = (
        "import json, lintas.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}, default=str))"
    )
    result = _run(["-c", code], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _last_line(stderr: str) -> str:
    return stderr.strip().splitlines()[-1]


# --- bad values stop the process --------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"LINTAS_DEBUG": "maybe"}, "LINTAS_DEBUG"),
        ({"LINTAS_DEMO": "perhaps"}, "LINTAS_DEMO"),
        ({"SESSION_COOKIE_AGE": "abc"}, "SESSION_COOKIE_AGE"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT"),
        ({"EMAIL_TIMEOUT": "soon"}, "EMAIL_TIMEOUT"),
        ({"SECRET_KEY": UNSET}, "SECRET_KEY"),
        ({"SECRET_KEY": "", "LINTAS_DEBUG": "false"}, "SECRET_KEY"),
        ({"SECRET_KEY_FILE": "/nonexistent/lintas/secret"}, "SECRET_KEY_FILE"),
        ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://h:notaport/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://h/"}, "DATABASE_URL"),
    ],
    ids=lambda v: "-".join(f"{k}={v[k]}" for k in v) if isinstance(v, dict) else v,
)
def test_it_refuses_to_start_with_a_bad_value_and_names_the_variable(
    tmp_path: Path, env: dict[str, str | None], variable: str
) -> None:
    result = _run(["-c", "import lintas.settings"], tmp_path, **{"SECRET_KEY": SECRET, **env})

    assert result.returncode != 0
    message = _last_line(result.stderr)
    assert message.startswith("django.core.exceptions.ImproperlyConfigured:"), result.stderr
    assert variable in message


def test_it_starts_with_good_values(tmp_path: Path) -> None:
    result = _run(["-c", "import lintas.settings"], tmp_path, SECRET_KEY=SECRET)

    assert result.returncode == 0, result.stderr


def test_it_allows_a_development_secret_only_in_debug_mode(tmp_path: Path) -> None:
    values = _settings(tmp_path, ["SECRET_KEY", "DEBUG"], LINTAS_DEBUG="true")

    assert values == {"SECRET_KEY": "dev-only-insecure-key", "DEBUG": True}


def test_it_refuses_an_empty_secret_file(tmp_path: Path) -> None:
    empty = tmp_path / "secret_key"
    empty.write_text("\n", encoding="utf-8")

    result = _run(["-c", "import lintas.settings"], tmp_path, SECRET_KEY_FILE=str(empty))

    assert result.returncode != 0
    assert "SECRET_KEY_FILE" in _last_line(result.stderr)


# --- good values are read ---------------------------------------------------------------------


def test_it_reads_the_secret_key_from_a_file(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret_key"
    secret_file.write_text("  secret-from-a-file-0123456789\n", encoding="utf-8")

    values = _settings(
        tmp_path, ["SECRET_KEY"], SECRET_KEY_FILE=str(secret_file), SECRET_KEY="from-env"
    )

    assert values == {"SECRET_KEY": "secret-from-a-file-0123456789"}


def test_it_uses_sqlite_from_database_url(tmp_path: Path) -> None:
    path = tmp_path / "x.db"

    values = _settings(tmp_path, ["DATABASES"], SECRET_KEY=SECRET, DATABASE_URL=f"sqlite:///{path}")

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(path)


def test_it_uses_postgresql_from_database_url(tmp_path: Path) -> None:
    values = _settings(
        tmp_path,
        ["DATABASES"],
        SECRET_KEY=SECRET,
        DATABASE_URL="postgresql://lintas:s%3Acret@db.internal:5433/lintas",
    )

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        "lintas",
        "lintas",
        "s:cret",
    )
    assert (database["HOST"], database["PORT"]) == ("db.internal", "5433")


def test_it_uses_sqlite_in_the_data_directory_without_database_url(tmp_path: Path) -> None:
    values = _settings(tmp_path, ["DATABASES"], SECRET_KEY=SECRET)

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == (tmp_path / "data" / "lintas.sqlite3").resolve()


def test_it_secures_cookies_and_transport_in_production(tmp_path: Path) -> None:
    values = _settings(
        tmp_path,
        [
            "DEBUG",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "LANGUAGE_COOKIE_SECURE",
            "SECURE_HSTS_SECONDS",
            "SECURE_SSL_REDIRECT",
            "ALLOWED_HOSTS",
            "EMAIL_BACKEND",
        ],
        SECRET_KEY=SECRET,
    )

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["ALLOWED_HOSTS"] == []
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_it_relaxes_transport_security_only_in_debug_mode(tmp_path: Path) -> None:
    values = _settings(
        tmp_path,
        [
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_HSTS_SECONDS",
            "SECURE_SSL_REDIRECT",
        ],
        LINTAS_DEBUG="true",
    )

    assert values == {
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_SSL_REDIRECT": False,
    }


# --- deploy checks ----------------------------------------------------------------------------


def _check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    defaults = {
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "lintas.example.org",
        "SITE_URL": "https://lintas.example.org",
        "LINTAS_FIELD_KEYS": FIELD_KEY,
    }
    # the static files stand collected (their own check, lintas.E002, is in tests/ops)
    static = tmp_path / "data" / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    return _run(["-m", "lintas", "check", "--deploy"], tmp_path, **{**defaults, **env})


def test_check_deploy_warns_when_the_demo_is_on(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path, LINTAS_DEMO="true")

    assert result.returncode == 0, result.stderr
    assert "lintas.W001" in result.stdout + result.stderr


def test_check_deploy_is_quiet_about_the_demo_when_it_is_off(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "lintas.W001" not in result.stdout + result.stderr
    assert "lintas.E001" not in result.stdout + result.stderr


def test_check_deploy_fails_on_the_development_secret(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path, SECRET_KEY="dev-only-insecure-key")

    assert result.returncode != 0
    assert "lintas.E001" in result.stderr


# --- the helpers themselves -------------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("LINTAS_X", "LINTAS_X_FILE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_env_returns_the_value_or_the_default(clean_env: pytest.MonkeyPatch) -> None:
    assert envmod.env("LINTAS_X", "fallback") == "fallback"
    clean_env.setenv("LINTAS_X", "given")
    assert envmod.env("LINTAS_X", "fallback") == "given"


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "On", " true "])
def test_envbool_reads_yes(clean_env: pytest.MonkeyPatch, raw: str) -> None:
    clean_env.setenv("LINTAS_X", raw)
    assert envmod.envbool("LINTAS_X", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "no", "OFF", ""])
def test_envbool_reads_no(clean_env: pytest.MonkeyPatch, raw: str) -> None:
    clean_env.setenv("LINTAS_X", raw)
    assert envmod.envbool("LINTAS_X", True) is False


def test_envbool_uses_the_default_when_unset(clean_env: pytest.MonkeyPatch) -> None:
    assert envmod.envbool("LINTAS_X", True) is True
    assert envmod.envbool("LINTAS_X", False) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "y e s"])
def test_envbool_refuses_anything_else_naming_the_variable(
    clean_env: pytest.MonkeyPatch, raw: str
) -> None:
    clean_env.setenv("LINTAS_X", raw)

    with pytest.raises(ImproperlyConfigured, match="LINTAS_X") as exc:
        envmod.envbool("LINTAS_X", False)

    assert repr(raw) in str(exc.value)


def test_envint_reads_a_whole_number(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("LINTAS_X", "3600")
    assert envmod.envint("LINTAS_X", 1) == 3600


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_envint_uses_the_default_when_unset_or_blank(
    clean_env: pytest.MonkeyPatch, raw: str | None
) -> None:
    if raw is not None:
        clean_env.setenv("LINTAS_X", raw)
    assert envmod.envint("LINTAS_X", 25) == 25


@pytest.mark.parametrize("raw", ["abc", "1.5", "10s", "0x10"])
def test_envint_refuses_anything_else_naming_the_variable(
    clean_env: pytest.MonkeyPatch, raw: str
) -> None:
    clean_env.setenv("LINTAS_X", raw)

    with pytest.raises(ImproperlyConfigured, match="LINTAS_X"):
        envmod.envint("LINTAS_X", 1)


def test_envlist_splits_on_commas_and_drops_blanks(clean_env: pytest.MonkeyPatch) -> None:
    assert envmod.envlist("LINTAS_X", ["default"]) == ["default"]
    clean_env.setenv("LINTAS_X", " a.example.org, b.example.org,, ")
    assert envmod.envlist("LINTAS_X", ["default"]) == ["a.example.org", "b.example.org"]
    clean_env.setenv("LINTAS_X", "")
    assert envmod.envlist("LINTAS_X", ["default"]) == []


def test_envsecret_reads_the_variable(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("LINTAS_X", "s3cret")
    assert envmod.envsecret("LINTAS_X", default=None) == "s3cret"


def test_envsecret_prefers_the_file_and_strips_it(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-file\n", encoding="utf-8")
    clean_env.setenv("LINTAS_X", "from-env")
    clean_env.setenv("LINTAS_X_FILE", str(secret_file))

    assert envmod.envsecret("LINTAS_X", default=None) == "from-file"


def test_envsecret_refuses_a_file_it_cannot_read(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_env.setenv("LINTAS_X_FILE", str(tmp_path / "missing"))

    with pytest.raises(ImproperlyConfigured, match="LINTAS_X_FILE"):
        envmod.envsecret("LINTAS_X", default="never used")


def test_envsecret_refuses_a_missing_secret_without_default(
    clean_env: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ImproperlyConfigured, match="LINTAS_X is not set"):
        envmod.envsecret("LINTAS_X", default=None)
    clean_env.setenv("LINTAS_X", "")
    with pytest.raises(ImproperlyConfigured, match="LINTAS_X is not set"):
        envmod.envsecret("LINTAS_X", default=None)


def test_envsecret_falls_back_to_the_default(clean_env: pytest.MonkeyPatch) -> None:
    assert envmod.envsecret("LINTAS_X", default="") == ""
    assert envmod.envsecret("LINTAS_X", default="dev") == "dev"


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql", "PostgreSQL"])
def test_database_from_url_reads_postgresql(scheme: str) -> None:
    database = envmod.database_from_url(f"{scheme}://app:p%40ss@db.example.org:6543/lintas%20db")

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "lintas db"
    assert (database["USER"], database["PASSWORD"]) == ("app", "p@ss")
    assert (database["HOST"], database["PORT"]) == ("db.example.org", "6543")
    assert database["TEST"] == {"NAME": "lintas db_test"}


def test_database_from_url_leaves_out_what_is_not_given() -> None:
    database = envmod.database_from_url("postgresql:///lintas")

    assert (database["USER"], database["PASSWORD"], database["HOST"], database["PORT"]) == (
        "",
        "",
        "",
        "",
    )
    assert database["NAME"] == "lintas"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("sqlite:////var/lib/lintas/db.sqlite3", "/var/lib/lintas/db.sqlite3"),
        ("sqlite:///relative.db", "relative.db"),
        ("sqlite:///", ":memory:"),
        ("sqlite://", ":memory:"),
    ],
)
def test_database_from_url_reads_sqlite(url: str, name: str) -> None:
    database = envmod.database_from_url(url)

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == name


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://x/y", "not supported"),
        ("", "not supported"),
        ("db.example.org/lintas", "not supported"),
        ("postgresql://h:notaport/db", "port"),
        ("postgresql://h:99999/db", "port"),
        ("postgresql://h/", "no database"),
        ("postgresql://h", "no database"),
    ],
)
def test_database_from_url_refuses_what_it_cannot_use(url: str, words: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL") as exc:
        envmod.database_from_url(url)

    assert words in str(exc.value)


@pytest.mark.parametrize(
    "url", ["postgresql://app:hunter2@h:notaport/db", "postgresql://app:hunter2@h/"]
)
def test_database_from_url_does_not_print_the_password(url: str) -> None:
    with pytest.raises(ImproperlyConfigured) as exc:
        envmod.database_from_url(url)

    assert "hunter2" not in str(exc.value)


# --- the data directory -----------------------------------------------------------------------


def test_reading_the_settings_writes_nothing_to_the_disk(tmp_path: Path) -> None:
    values = _settings(tmp_path, ["DATA_DIR", "STATIC_ROOT"], SECRET_KEY=SECRET)

    assert values["DATA_DIR"] == str(tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_the_lintas_command_makes_the_data_directory(tmp_path: Path) -> None:
    result = _run(["-m", "lintas", "check"], tmp_path, LINTAS_DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data").is_dir()
