"""The project's own health: Django's checks, migrations, the deploy check, lint and types."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from translink.lib.env import database_from_url, env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a9!Qz" * 12,
    "ALLOWED_HOSTS": "translink.example.org",
    "DATABASE_URL": "sqlite:///var/deploy-check.sqlite3",
}


def _manage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_manage_py_check_passes() -> None:
    result = _manage("check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_every_model_change_has_a_migration() -> None:
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_passes_with_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", env={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_malformed_setting_stops_start_up_with_its_name() -> None:
    result = _manage("check", env={**PRODUCTION, "SESSION_IDLE_TIMEOUT_MINUTES": "half an hour"})
    assert result.returncode != 0
    assert "SESSION_IDLE_TIMEOUT_MINUTES='half an hour' is not a whole number." in result.stderr


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [Path(sys.executable).parent / "ruff", "check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_mypy_finds_nothing() -> None:
    result = subprocess.run(
        [Path(sys.executable).parent / "mypy", "translink"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("X_FLAG", "maybe", "X_FLAG='maybe' is not a boolean"),
        ("X_COUNT", "3.5", "X_COUNT='3.5' is not a whole number."),
        ("X_COUNT", "-1", "X_COUNT=-1 is below the minimum of 0."),
    ],
)
def test_typed_readers_refuse_malformed_values(
    monkeypatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    reader = env_bool if name == "X_FLAG" else env_int
    kwargs = {"minimum": 0} if reader is env_int else {}
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(")):
        reader(name, 1, **kwargs)  # type: ignore[operator]


def test_typed_readers_read_good_values(monkeypatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_FLAG", False) is True
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    assert env_int("X_UNSET", 7) == 7


def test_database_urls_are_read_or_refused() -> None:
    pg = database_from_url("postgres://tl:s%40cret@db.example:5433/translink", base_dir=ROOT)
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "django.db.backends.postgresql", "translink", "tl", "s@cret", "db.example", "5433",
    )  # fmt: skip
    assert database_from_url("sqlite:///var/x.sqlite3", base_dir=ROOT)["NAME"] == str(
        ROOT / "var/x.sqlite3"
    )
    for bad, message in [
        ("mysql://x/y", "not supported"),
        ("postgres://host:5432/", "names no database"),
    ]:
        with pytest.raises(ImproperlyConfigured, match=message):
            database_from_url(bad, base_dir=ROOT)
