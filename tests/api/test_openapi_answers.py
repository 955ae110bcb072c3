"""Every answer an API operation can give is in the OpenAPI document: the refusals of the API as
a whole (400, 401, 403, 404, 422) by the operation's shape, and those only some operations give
(409 and 428 for changes that carry a version). A walk over the document checks the first; real
requests that draw each refusal check that what is answered is what is documented."""

from __future__ import annotations

from typing import Any

import pytest

from lintas.api.main import api
from lintas.cases.models import TLP
from lintas.members import services
from tests.api.conftest import PREFIX, ApiClient
from tests.cases.conftest import shared_case
from tests.conftest import Cast

WRITES = {"post", "put", "patch", "delete"}


def _document() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix=PREFIX)


def _codes(operation: dict[str, Any]) -> set[int]:
    return {int(code) for code in operation["responses"]}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, operations in _document()["paths"].items()
        for method, operation in operations.items()
    ]


def test_every_operation_lists_the_refusals_of_its_shape() -> None:
    missing = {}
    for method, path, operation in _operations():
        expected = {400}
        if operation.get("security"):
            expected |= {401, 403}
        if "{" in path:
            expected.add(404)
        if operation.get("parameters") or operation.get("requestBody") or method in WRITES:
            expected.add(422)
        if expected - _codes(operation):
            missing[f"{method.upper()} {path}"] = sorted(expected - _codes(operation))
    assert missing == {}
    assert len(_operations()) > 70


def test_changes_that_carry_a_version_list_409_and_428() -> None:
    paths = _document()["paths"]
    case = paths[f"{PREFIX}bodies/{{slug}}/cases/{{case_id}}"]["patch"]
    person = paths[f"{PREFIX}bodies/{{slug}}/cases/{{case_id}}/persons/{{person_id}}"]["patch"]
    draft = paths[f"{PREFIX}bodies/{{slug}}/submissions/{{submission_id}}"]["patch"]
    assert {409, 428} <= _codes(case)
    assert {409, 428} <= _codes(person)
    assert 409 in _codes(draft)


def test_every_refusal_is_documented_with_a_shape() -> None:
    document = _document()
    for method, path, operation in _operations():
        for code, answer in operation["responses"].items():
            if int(code) >= 400:
                assert answer["content"]["application/json"]["schema"], (method, path, code)
    refusal = document["components"]["schemas"]["Refusal"]
    assert refusal["required"] == ["detail"]


def _documented(method: str, path: str) -> set[int]:
    return _codes(_document()["paths"][PREFIX + path][method])


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("no credentials", 401),
        ("a stranger's body", 404),
        ("a reader who may not change", 403),
        ("a NUL character", 400),
        ("a body that does not fit", 422),
        ("no version", 428),
        ("an old version", 409),
    ],
)
def test_what_a_change_to_a_case_answers_is_documented(
    cast: Cast, what: str, expected: int
) -> None:
    case = shared_case(cast, TLP.AMBER)
    _token, owner_key = services.create_api_token(cast.focal_a, name="script", by=cast.focal_a)
    _token, reader_key = services.create_api_token(cast.focal_b, name="script", by=cast.focal_b)
    owner, reader = ApiClient(owner_key), ApiClient(reader_key)
    path = f"bodies/{cast.body.slug}/cases/{case.pk}"
    version = owner.get(path).json()["updated_at"]
    requests = {
        "no credentials": lambda: ApiClient(None).patch(path, {"narrative": "x"}),
        "a stranger's body": lambda: owner.patch(f"bodies/nobody/cases/{case.pk}", {}),
        "a reader who may not change": lambda: reader.patch(
            path, {"narrative": "x", "version": version}
        ),
        "a NUL character": lambda: owner.patch(path, {"narrative": "a\x00b", "version": version}),
        "a body that does not fit": lambda: owner.patch(path, {"narrative": ["not", "text"]}),
        "no version": lambda: owner.patch(path, {"narrative": "x"}),
        "an old version": lambda: owner.patch(
            path, {"narrative": "x", "version": "2000-01-01T00:00:00+00:00"}
        ),
    }

    answer = requests[what]()

    assert answer.status_code == expected, answer.content
    assert expected in _documented("patch", "bodies/{slug}/cases/{case_id}")
