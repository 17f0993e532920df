"""Every API operation, fed requests generated from its own OpenAPI schema (schemathesis):
valid ones and invalid ones (wrong types, missing fields, out-of-range numbers). None may
break the server; every refusal has the API's one error shape."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core import NotSet

from translink.api import api

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}
EXAMPLES = 10


def record_ids() -> dict[str, list[int]]:
    """The ids of every kind of record in the database, by lower-case model name."""
    found: dict[str, list[int]] = {}
    for model in apps.get_models():
        if model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField"):
            ids = model._base_manager.order_by("pk").values_list("pk", flat=True)[:200]
            found.setdefault(model.__name__.lower(), []).extend(ids)
    return found


def ids_for(parameter: str, ids: dict[str, list[int]]) -> list[int]:
    """Ids of the records a path parameter names (``study_id``: studies; ``report_id``:
    safety reports; ``org_id``: organizations), or of every record when no model fits."""
    kind = parameter.removesuffix("_id")
    fitting = [
        i
        for name, found in ids.items()
        if name.endswith(kind) or name.startswith(kind)
        for i in found
    ]
    return sorted(set(fitting)) or sorted({i for found in ids.values() for i in found})


def on_real_records(case: Any, ids: dict[str, list[int]]) -> Any:
    """The case with three in four whole-number path parameters folded onto the ids of
    records of their kind: random ids mostly find nothing (404), these reach the world's
    records, so the generated bodies and queries are tried against real objects too; the
    rest keep the generated id (huge, negative, absent)."""
    parameters = case.path_parameters or {}
    for name, value in parameters.items():
        if isinstance(value, int) and not isinstance(value, bool) and value % 4 != 3:
            real = ids_for(name, ids)
            parameters[name] = real[value % len(real)] if real else value
    return case


def send(client: Any, case: Any) -> Any:
    """The generated request, through Django's test client, in the media type it names."""
    path = case.formatted_path
    if case.query:
        path += "?" + urlencode(case.query, doseq=True)
    if isinstance(case.body, NotSet):
        return client.generic(case.method, path)
    if case.media_type == "multipart/form-data" and isinstance(case.body, dict):
        files = {
            name: SimpleUploadedFile("upload", _bytes(value)) for name, value in case.body.items()
        }
        return client.post(path, files)
    body = case.body if isinstance(case.body, bytes) else json.dumps(case.body)
    return client.generic(case.method, path, body, content_type="application/json")


def _bytes(value: Any) -> bytes:
    """A generated multipart value (bytes, schemathesis's Binary, or anything) as bytes."""
    data = getattr(value, "data", value)
    return data if isinstance(data, bytes) else str(data).encode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "mode"),
    [
        ("administrator", GenerationMode.POSITIVE),
        ("administrator", GenerationMode.NEGATIVE),
        ("company_a", GenerationMode.POSITIVE),  # a company reaches other paths: its walls
        ("researcher", GenerationMode.POSITIVE),  # and a researcher: their own profile
    ],
)
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_generated_request_breaks_an_operation(client, world, label, role, mode) -> None:
    client.force_login(world.users[role])
    client.raise_request_exception = False  # a crash is a 500 to report, with its request
    operation = OPERATIONS[label]
    ids = record_ids()
    strategy = operation.as_strategy(generation_mode=mode).map(lambda c: on_real_records(c, ids))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        response = send(client, case)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} query={case.query} body={case.body!r}"
        )
        if response.status_code >= 400 and response["Content-Type"].startswith("application/json"):
            error = response.json()["error"]
            assert set(error) == {"code", "message", "fields"} and error["message"]

    check()
