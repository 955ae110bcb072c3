"""Writes of notices: telling people (``notify``), marking notices read, and each person's
choice of how each kind of notice reaches them. E-mail leaves from the worker (``delivery``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import cast

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core import times
from lintas.core.errors import LintasError
from lintas.members.models import Body, User
from lintas.notices.models import (
    KIND_OF_CODE,
    Delivery,
    Kind,
    Notification,
    Preference,
    default_delivery,
)


def per_language(make: Callable[[], str]) -> Promise:
    """A value of ``notify`` that reads differently in each language (a report template's name):
    ``make`` is called again in each recipient's language."""
    return cast(Promise, lazy(make, str)())


def _filled(value: object, body: Body | None) -> object:
    """A value as the active language writes it: dates in its format, times in the body's zone
    with the zone named, lazy texts translated."""
    if isinstance(value, dt.datetime):
        return times.moment(value, body.time_zone if body else settings.TIME_ZONE)
    if isinstance(value, dt.date):
        return formats.date_format(value)
    if isinstance(value, Promise):
        return str(value)
    return value


def render(
    subject: str, text: str, values: Mapping[str, object], *, language: str, body: Body | None
) -> tuple[str, str]:
    """The subject and text of a notice in one language."""
    with translation.override(language):
        filled = {key: _filled(value, body) for key, value in values.items()}
        return _(subject) % filled, _(text) % filled


def notify(
    recipients: Iterable[User],
    *,
    body: Body | None,
    kind: str,
    subject: str,
    text: str,
    link: str = "",
    values: Mapping[str, object] | None = None,
    email: bool = True,
) -> list[Notification]:
    """Tell each person once, in their language: an in-app notice now and, by their choice for
    this kind, an e-mail that the worker sends after the commit (at once or in the next daily
    digest). With ``email=False`` the notice stays in the app whatever the choice.

    ``subject`` and ``text`` are untranslated message ids (``gettext_noop``) with %(name)s
    placeholders filled from ``values``; a date is written in each language's format, a time in
    the body's zone, and a lazy value (``gettext_lazy``, ``per_language``) in each language.
    ``link`` is a path on this site. Two queries (the choices, the insert), whatever the number
    of people; a person named twice is told once."""
    try:
        chosen_kind = KIND_OF_CODE[kind]
    except KeyError:
        raise ValueError(
            f"Unknown kind of notice {kind!r}: add it to notices.models.KIND_OF_CODE."
        ) from None
    people = list({person.pk: person for person in recipients}.values())
    if not people:
        return []
    chosen = dict(
        Preference.objects.filter(
            user__in=[person.pk for person in people], kind=chosen_kind
        ).values_list("user_id", "delivery")
    )
    fallback = default_delivery(chosen_kind)
    now = timezone.now()
    texts: dict[str, tuple[str, str]] = {}
    rows = []
    for person in people:
        language = person.language or settings.LANGUAGE_CODE
        if language not in texts:
            texts[language] = render(subject, text, values or {}, language=language, body=body)
        subject_text, body_text = texts[language]
        delivery = chosen.get(person.pk, fallback)
        if not email or not person.email or delivery == Delivery.IN_APP:
            state = Notification.Email.NONE
        elif delivery == Delivery.DAILY:
            state = Notification.Email.DIGEST
        else:
            state = Notification.Email.NOW
        rows.append(
            Notification(
                user=person,
                body=body,
                kind=kind,
                subject=subject_text[:300],
                text=body_text,
                link=link,
                email=state,
                email_due_at=None if state == Notification.Email.NONE else now,
            )
        )
    made = Notification.objects.bulk_create(rows)
    at_once = [n.pk for n in made if n.email == Notification.Email.NOW and n.pk is not None]
    if at_once:
        transaction.on_commit(partial(_queue_emails, at_once))
    return made


def _queue_emails(ids: list[int]) -> None:
    # Queued for the worker; if queueing fails, the periodic sweep sends them all the same.
    from lintas.notices.tasks import send_emails

    send_emails.enqueue(ids)


def mark_all_read(person: User) -> int:
    """Mark every unread notice of the person as read; returns how many."""
    return Notification.objects.filter(user=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_preferences(person: User, *, choices: Mapping[str, str], by: User) -> dict[str, str]:
    """Record how each kind of notice named in ``choices`` reaches the person (``Delivery``
    values). Only the person may choose; returns what changed."""
    if by.pk != person.pk:
        raise LintasError(_("You can only choose how your own notices reach you."))
    for kind, delivery in choices.items():
        if kind not in Kind.values:
            raise LintasError(_("Unknown kind of notice: %(kind)s") % {"kind": kind}, field=kind)
        if delivery not in Delivery.values:
            raise LintasError(
                _("Choose e-mail at once, a daily digest or the app only for “%(kind)s”.")
                % {"kind": Kind(kind).label},
                field=kind,
            )
    before = {
        kind: Delivery(delivery)
        for kind, delivery in Preference.objects.filter(user=person).values_list("kind", "delivery")
    }
    changed = {
        kind: delivery
        for kind, delivery in choices.items()
        if before.get(kind, default_delivery(kind)) != delivery
    }
    if not changed:
        return {}
    # No row means the kind's default: a choice back to the default removes the row.
    Preference.objects.filter(user=person, kind__in=list(changed)).delete()
    Preference.objects.bulk_create(
        Preference(user=person, kind=kind, delivery=delivery)
        for kind, delivery in changed.items()
        if delivery != default_delivery(kind)
    )
    log_action("notices.preference.changed", actor=by, target=person, data=changed)
    return changed
