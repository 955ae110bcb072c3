"""The exchange's additions to the test cast: a sub-unit of B (B's client under TLP:AMBER), a
unit D outside everything, a leader (head) of C, and the body's secretariat unit."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.conftest import Cast, make_person

from lintas.members import services
from lintas.members.models import Role, Unit, User
from lintas.policy import SYSTEM


@dataclass
class Ex:
    cast: Cast
    sub_b: Unit
    unit_d: Unit
    secretariat_unit: Unit
    focal_sub_b: User
    focal_d: User
    head_c: User
    alternate_b: User


@pytest.fixture
def ex(cast: Cast) -> Ex:
    body = cast.body
    sub_b = services.create_unit(
        body=body, by=SYSTEM, name="B Provincial Office", kind="agency", parent=cast.unit_b
    )
    unit_d = services.create_unit(body=body, by=SYSTEM, name="Agency D", kind="agency")
    secretariat_unit = services.create_unit(
        body=body, by=SYSTEM, name="Secretariat", kind=Unit.Kind.SECRETARIAT
    )
    focal_sub_b = make_person("subb@example.org", "Sub B Focal")
    focal_d = make_person("d@example.org", "Dung Focal")
    head_c = make_person("headc@example.org", "Hoa Head")
    alternate_b = make_person("alt-b@example.org", "Bao Alternate")
    grant = services.grant_role
    grant(body=body, person=focal_sub_b, role=Role.FOCAL_POINT, unit=sub_b, by=SYSTEM)
    grant(body=body, person=focal_d, role=Role.FOCAL_POINT, unit=unit_d, by=SYSTEM)
    grant(body=body, person=head_c, role=Role.LEADER, unit=cast.unit_c, by=SYSTEM)
    grant(
        body=body, person=alternate_b, role=Role.ALTERNATE_FOCAL_POINT, unit=cast.unit_b, by=SYSTEM
    )
    return Ex(cast, sub_b, unit_d, secretariat_unit, focal_sub_b, focal_d, head_c, alternate_b)
