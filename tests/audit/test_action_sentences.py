"""Every audit code the code base writes has a sentence; the audit log shows it, in the reader's
language, with the code beside it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from django.test import Client
from django.utils import translation

from lintas.audit.actions import ACTIONS, describe
from lintas.audit.services import log_action
from lintas.exchange.models import Relation
from lintas.members.models import User
from tests.conftest import Cast

SOURCE = Path(__file__).resolve().parents[2] / "src" / "lintas"
CALL = re.compile(r"\blog_actions?\(\s*(?:action=)?\s*(f?)\"([^\"]+)\"")


def _written_codes() -> set[str]:
    codes: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for is_f, code in CALL.findall(path.read_text(encoding="utf-8")):
            if is_f:  # f"exchange.message.{relation}": one code per relation
                assert code == "exchange.message.{relation}", f"{path}: {code}"
                codes |= {f"exchange.message.{r}" for r in Relation.values}
            else:
                codes.add(code)
    return codes


def test_the_code_base_is_read_for_audit_codes() -> None:
    codes = _written_codes()
    assert len(codes) > 100
    assert "cases.person.viewed" in codes


def test_every_audit_code_written_has_a_sentence() -> None:
    missing = sorted(_written_codes() - set(ACTIONS))
    assert missing == [], f"add these codes to lintas/audit/actions.py: {missing}"


def test_every_sentence_is_translated() -> None:
    with translation.override("en"):
        english = {code: str(sentence) for code, sentence in ACTIONS.items()}
    for language in ("vi", "id"):
        with translation.override(language):
            same = [code for code, sentence in ACTIONS.items() if str(sentence) == english[code]]
        assert same == [], f"{language}: {same}"


def test_an_unknown_code_is_shown_as_it_is() -> None:
    assert describe("someone.something.done") == "someone.something.done"


def test_the_audit_log_shows_the_sentence_with_the_code_and_no_none(
    cast: Cast, client_for: Callable[[User | None], Client]
) -> None:
    log_action("cases.person.viewed", body=cast.body, data={"unit": None})
    cast.secretariat.language = "vi"
    cast.secretariat.save(update_fields=["language"])
    page = client_for(cast.secretariat).get("/b/twg/audit/").content.decode()
    with translation.override("vi"):
        sentence = describe("cases.person.viewed")
    assert sentence != "A person's record was viewed"
    assert sentence in page
    assert '<code class="small muted">cases.person.viewed</code>' in page
    assert "unit: None" not in page
    assert "unit: —" in page
