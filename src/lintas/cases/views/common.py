"""What the case pages share: a service's refusal shown on its form, the way back to the case."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect

from lintas.cases.models import Case
from lintas.core.errors import LintasError


def _form_error(form: Any, exc: LintasError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _detail(case: Case) -> HttpResponse:
    return redirect("cases:detail", slug=case.body.slug, case_id=case.pk)
