"""Pages of the exchange: inboxes, a thread with what its reader may do, posting, and the
acknowledgement matrix. Each view: access check (through the policy), action, response."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core import downloads
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.exchange import export, misp, policy, selectors, services
from lintas.exchange.forms import (
    ClientForm,
    DecisionForm,
    ForwardForm,
    GroupForm,
    MessageForm,
    MispImportForm,
    NoteForm,
    ReplyForm,
    SummaryForm,
)
from lintas.exchange.models import (
    Attachment,
    ClientLink,
    Forward,
    Kind,
    Message,
    RecipientGroup,
)
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit


def _form_error(form: Any, exc: LintasError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _message_for(request: AuthedRequest, body: Body, message_id: int) -> Message:
    """A message the person may read, or 404 whether it exists or not."""
    visible = policy.visible_messages(request.user, body)
    return get_object_or_404(visible.select_related("author_unit", "author"), pk=message_id)


def _thread_page(message: Message) -> HttpResponse:
    return redirect("exchange:message", slug=message.body.slug, message_id=message.root.pk)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def inbox(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    person = request.user
    units = policy.member_units(person, body)
    box = request.GET.get("box", "all")
    box = box if box in selectors.BOXES else "all"
    unit_arg = request.GET.get("unit", "")
    unit = int(unit_arg) if unit_arg.isdigit() and int(unit_arg) in units else None
    kind = request.GET.get("kind", "")
    tlp = request.GET.get("tlp", "")
    q = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    rows = selectors.inbox(
        policy.visible_messages(person, body),
        person=person,
        units=units,
        box=box,
        unit=unit,
        kind=kind if kind in Kind.values else "",
        tlp=tlp if tlp in TLP.values else "",
        q=q,
    )
    return _private(
        render(
            request,
            "exchange/inbox.html",
            {
                "body": body,
                "page": Paginator(rows, 50).get_page(request.GET.get("page")),
                "box": box,
                "boxes": _boxes(),
                "unit": unit,
                "my_units": Unit.objects.filter(pk__in=units).order_by("name"),
                "filters": request.GET,
                "kinds": Kind.choices,
                "labels": TLP.choices,
                "q": q,
                "can_post": policy.can_post(person, body),
                "can_see_matrix": policy.can_see_exchange_matrix(person, body),
                "can_set_up": policy.can_manage_body(person, body),
            },
        )
    )


def _boxes() -> list[tuple[str, str]]:
    return [
        ("all", _("All")),
        ("unread", _("Unread")),
        ("to_acknowledge", _("To acknowledge")),
        ("overdue", _("Overdue")),
        ("sent", _("Sent")),
        ("forwards", _("Waiting for my approval")),
    ]


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """A time typed in the page (the body's zone is active) as an aware time."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _uploads(files: list[Any]) -> list[services.Upload]:
    out = []
    for f in files:
        if f.size > services.MAX_ATTACHMENT_BYTES:
            raise LintasError(
                _("%(name)s is larger than the limit of 10 MB.") % {"name": f.name},
                field="attachments",
            )
        out.append(services.Upload(f.name, f.read()))
    return out


@login_required
def compose(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    posting = policy.posting_units(request.user, body)
    policy.require(posting.exists())
    form = MessageForm(request.POST or None, request.FILES or None, body=body, posting=posting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            message = services.post_message(
                body=body,
                by=request.user,
                author_unit=data["author_unit"],
                kind=data["kind"],
                alert_type=data["alert_type"] or "",
                details=form.details() if data["kind"] == Kind.ALERT else None,
                priority=data["priority"],
                tlp=data["tlp"],
                subject=data["subject"],
                text=data["text"],
                units=list(data["units"]),
                groups=list(data.get("groups") or []),
                named=list(data["named"]),
                expires_at=_local(data["expires_at"]),
                answer_by=_local(data["answer_by"]),
                attachments=_uploads(data["attachments"] or []),
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            flash.success(request, _("Sent."))
            return _thread_page(message)
    return render(request, "exchange/message_form.html", {"body": body, "form": form})


@login_required
def message_detail(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    if message.thread_id is not None:
        return _thread_page(message)
    access = policy.message_access(request.user, message)
    services.record_reading(message, by=request.user)
    visible = policy.visible_messages(request.user, body)
    receipts = selectors.receipts_of(message)
    own = [r for r in receipts if r.unit_id in access.own_units]
    context = {
        "body": body,
        "message": message,
        "thread": selectors.thread(visible, message),
        "access": access,
        "own_receipts": own,
        "acting_receipts": [r for r in own if r.unit_id in access.acting_units],
        "receipts": receipts if access.may_see_receipts else [],
        "waiting": [r for r in receipts if r.acknowledged_at is None]
        if access.may_see_receipts
        else [],
        "forwards": selectors.forwards_of(message) if access.author_side else [],
        "hits": selectors.hits_of(message) if access.author_side else [],
        "recipient_units": [r.unit for r in receipts if r.forward_id is None],
        "note_form": NoteForm(),
        "reply_form": ReplyForm(),
        "forward_form": ForwardForm(
            body=body, exclude={r.unit_id for r in receipts} | {message.author_unit_id}
        )
        if access.may_forward
        else None,
        "summary_form": SummaryForm(body=body) if access.may_derive else None,
        "decision_form": DecisionForm(),
        "derived_from": message.derived_from
        if message.derived_from_id and visible.filter(pk=message.derived_from_id).exists()
        else None,
        "derivatives": list(visible.filter(derived_from=message)),
        "now": timezone.now(),
    }
    return _private(render(request, "exchange/message_detail.html", context))


def _acting_unit(request: AuthedRequest, access: policy.MessageAccess) -> Unit:
    unit_id = request.POST.get("unit", "")
    policy.require(unit_id.isdigit() and int(unit_id) in access.acting_units)
    return get_object_or_404(Unit, pk=int(unit_id))


@login_required
@require_POST
def acknowledge(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    unit = _acting_unit(request, policy.message_access(request.user, message))
    services.acknowledge(message, unit=unit, by=request.user)
    flash.success(request, _("Acknowledged for %(unit)s.") % {"unit": unit.name})
    return _thread_page(message)


@login_required
@require_POST
def act(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    unit = _acting_unit(request, policy.message_access(request.user, message))
    try:
        if message.kind == Kind.REQUEST:
            services.answer(message, unit=unit, by=request.user, text=request.POST.get("note", ""))
        else:
            services.record_action(
                message, unit=unit, by=request.user, note=request.POST.get("note", "")
            )
    except LintasError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, _("Recorded."))
    return _thread_page(message)


@login_required
@require_POST
def update(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    form = ReplyForm(request.POST)
    try:
        if not form.is_valid():
            raise LintasError(_("Write the update."), field="text")
        if request.POST.get("cancel"):
            services.cancel_message(message, by=request.user, reason=form.cleaned_data["text"])
        else:
            services.update_message(
                message,
                by=request.user,
                text=form.cleaned_data["text"],
                tlp=form.cleaned_data["tlp"],
            )
    except LintasError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, _("Sent to every recipient of the thread."))
    return _thread_page(message)


@login_required
@require_POST
def forward(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    access = policy.message_access(request.user, message)
    from_unit = _acting_unit(request, access)
    form = ForwardForm(request.POST, body=body)
    try:
        if not form.is_valid():
            raise LintasError(_("Choose at least one unit."), field="units")
        fwd = services.forward(
            message,
            from_unit=from_unit,
            to_units=list(form.cleaned_data["units"]),
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except LintasError as exc:
        flash.error(request, exc.message)
    else:
        if fwd.state == Forward.State.PENDING:
            flash.info(request, _("Asked the author's unit to approve passing it on."))
        else:
            flash.success(request, _("Passed on."))
    return _thread_page(message)


@login_required
@require_POST
def decide(request: AuthedRequest, slug: str, message_id: int, forward_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    fwd = get_object_or_404(Forward, pk=forward_id, message=message)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.decide_forward(
            fwd, by=request.user, approve=request.POST.get("approve") == "1", note=note
        )
    except LintasError as exc:
        flash.error(request, exc.message)
    return _thread_page(message)


@login_required
@require_POST
def summary(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    form = SummaryForm(request.POST, body=body)
    try:
        if not form.is_valid():
            raise LintasError(_("Give the summary a subject, a text and a label."))
        derived = services.derive_summary(
            message,
            by=request.user,
            tlp=form.cleaned_data["tlp"],
            subject=form.cleaned_data["subject"],
            text=form.cleaned_data["text"],
            units=list(form.cleaned_data["units"]),
        )
    except LintasError as exc:
        flash.error(request, exc.message)
        return _thread_page(message)
    return _thread_page(derived)


@login_required
def attachment(request: AuthedRequest, slug: str, message_id: int, file_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    item = get_object_or_404(Attachment, pk=file_id, message=message)
    policy.hide(policy.can_read_attachment(request.user, item))
    services.record_download(item, by=request.user)
    return downloads.attachment(bytes(item.content), item.name, item.content_type)


@login_required
def thread_pdf(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    items = selectors.thread(policy.visible_messages(request.user, body), message.root)
    services.record_export(message.root, by=request.user, count=len(items))
    return downloads.attachment(
        export.thread_pdf(items, zone=body.time_zone),
        f"message-{message.root.pk}.pdf",
        "application/pdf",
    )


@login_required
def matrix(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_see_exchange_matrix(request.user, body))
    today = timezone.localdate()
    year_arg = request.GET.get("year", "")
    kind = request.GET.get("kind", "")
    if year_arg.isdigit() and 2000 <= int(year_arg) <= today.year:
        year: int | None = int(year_arg)
        first = dt.date(int(year_arg), 1, 1)
        last = today.replace(day=1) if year == today.year else dt.date(int(year_arg), 12, 1)
    else:  # the last six months, this one included
        year = None
        last = today.replace(day=1)
        first = last
        for _step in range(5):
            first = (first - dt.timedelta(days=1)).replace(day=1)
    result = selectors.acknowledgement_matrix(
        body, first=first, last=last, kind=kind if kind in {Kind.ALERT, Kind.REQUEST} else ""
    )
    rows = [
        (u, [result.cell(u, m) for m in result.months], total)
        for u in result.units
        if (total := result.row(u)).expected or total.requests_due
    ]
    return render(
        request,
        "exchange/matrix.html",
        {
            "body": body,
            "matrix": result,
            "rows": rows,
            "silent": len(result.units) - len(rows),
            "columns": [result.column(m) for m in result.months],
            "year": year,
            "years": list(range(today.year - 3, today.year + 1)),
            "kind": kind,
        },
    )


@login_required
def misp_export(request: AuthedRequest, slug: str, message_id: int) -> HttpResponse:
    body = load_body(request, slug)
    message = _message_for(request, body, message_id)
    root = message.root
    services.record_export(root, by=request.user, count=1, fmt="misp")
    return downloads.attachment(
        misp.dumps(root), f"message-{root.pk}.misp.json", "application/json"
    )


@login_required
def misp_import(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    posting = policy.posting_units(request.user, body)
    policy.require(posting.exists())
    form = MispImportForm(request.POST or None, request.FILES or None, body=body, posting=posting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = data["file"]
            if upload.size > misp.MAX_BYTES:
                raise LintasError(_("The file is larger than 2 MB."), field="file")
            message = services.import_misp(
                body=body,
                by=request.user,
                author_unit=data["author_unit"],
                raw=upload.read(),
                units=list(data["units"]),
                named=list(data["named"]),
                tlp=data["tlp"],
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            flash.success(request, _("Imported and sent."))
            return _thread_page(message)
    return render(request, "exchange/misp_import.html", {"body": body, "form": form})


@login_required
def setup(request: AuthedRequest, slug: str) -> HttpResponse:
    """The body's exchange settings: agreed times, saved groups, clients under TLP:AMBER."""
    body = load_body(request, slug)
    policy.require(policy.can_manage_body(request.user, body))
    group_form = GroupForm(body=body, prefix="group")
    client_form = ClientForm(body=body, prefix="client")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "times":
                _save_times(request, body)
                flash.success(request, _("Agreed times saved."))
            elif action == "group":
                group_form = GroupForm(request.POST, body=body, prefix="group")
                if not group_form.is_valid():
                    raise LintasError(_("Give the group a name and at least one unit."))
                services.save_group(
                    body=body,
                    by=request.user,
                    name=group_form.cleaned_data["name"],
                    units=list(group_form.cleaned_data["units"]),
                    members_hidden=group_form.cleaned_data["members_hidden"],
                )
                flash.success(request, _("Group saved."))
            elif action == "delete-group":
                group = get_object_or_404(
                    RecipientGroup, pk=_posted_int(request, "group"), body=body
                )
                services.delete_group(group, by=request.user)
            elif action == "client":
                client_form = ClientForm(request.POST, body=body, prefix="client")
                if not client_form.is_valid():
                    raise LintasError(_("Choose a unit and its client."))
                services.add_client(
                    body=body,
                    by=request.user,
                    unit=client_form.cleaned_data["unit"],
                    client=client_form.cleaned_data["client"],
                )
            elif action == "remove-client":
                link = get_object_or_404(ClientLink, pk=_posted_int(request, "link"), body=body)
                services.remove_client(link, by=request.user)
        except LintasError as exc:
            flash.error(request, exc.message)
        else:
            return redirect("exchange:setup", slug=body.slug)
    return render(
        request,
        "exchange/setup.html",
        {
            "body": body,
            "times": selectors.agreed_times(body),
            "groups": RecipientGroup.objects.filter(body=body).prefetch_related("units"),
            "clients": ClientLink.objects.filter(body=body).select_related("unit", "client"),
            "group_form": group_form,
            "client_form": client_form,
        },
    )


def _posted_int(request: AuthedRequest, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _save_times(request: AuthedRequest, body: Body) -> None:
    for row in selectors.agreed_times(body):
        ack = request.POST.get(f"ack-{row.kind}-{row.priority}", "")
        act = request.POST.get(f"act-{row.kind}-{row.priority}", "")
        if not ack.strip().isdigit() or not act.strip().isdigit():
            raise LintasError(
                _("%(kind)s, %(priority)s: the hours are whole numbers.")
                % {"kind": row.kind_label, "priority": row.priority_label}
            )
        if (int(ack), int(act)) != (row.acknowledge_hours, row.act_hours):
            services.set_agreed_time(
                body=body,
                by=request.user,
                kind=row.kind,
                priority=row.priority,
                acknowledge_hours=int(ack),
                act_hours=int(act),
            )
