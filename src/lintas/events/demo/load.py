"""What writes the demo events (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from lintas.events import services
from lintas.events.models import Delegate, Event, Session
from lintas.members.models import Body, Membership, Role, Unit
from lintas.policy import SYSTEM

SEED = 2026
GIVEN = [
    "Minh",
    "Lan",
    "Hoa",
    "Tuan",
    "Siti",
    "Budi",
    "Ratna",
    "Agus",
    "Somchai",
    "Nok",
    "Aziz",
    "Farah",
    "Nimal",
    "Kumari",
    "Maria",
    "Jose",
    "Liam",
    "Grace",
    "Sok",
    "Dara",
    "Aisha",
    "Hassan",
    "Emma",
    "Noah",
    "Thu",
    "Khanh",
    "Dewi",
    "Eko",
]
FAMILY = [
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Santoso",
    "Wijaya",
    "Sukarno",
    "Chaiyaporn",
    "Srisuk",
    "Rahman",
    "Ismail",
    "Perera",
    "Silva",
    "Reyes",
    "Cruz",
    "Walker",
    "Brown",
    "Chan",
    "Sok",
    "Hussain",
    "Ahmed",
    "Tan",
    "Lim",
    "Hidayat",
]
LANGS = {"VN": "vi", "ID": "id"}


def _names(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def _focal(unit: Unit) -> Membership | None:
    return (
        Membership.objects.active()
        .filter(unit=unit, role=Role.FOCAL_POINT)
        .select_related("user")
        .first()
    )


def _secretariat(body: Body) -> Membership:
    found = (
        Membership.objects.active()
        .filter(body=body, role=Role.SECRETARIAT)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    if found is None:
        raise LookupError(f"{body} has no secretariat")
    return found


def _conference(body: Body, rng: random.Random, today: dt.date) -> Event:
    sec = _secretariat(body)
    first = today - dt.timedelta(days=21)
    secretariat_unit = Unit.objects.get(body=body, kind=Unit.Kind.SECRETARIAT)
    event = services.create_event(
        body=body,
        by=SYSTEM,
        kind=Event.Kind.CONFERENCE,
        title="Joint Action Phase: twelve-month review conference",
        description=(
            "Three days to evaluate the first twelve months of the joint action phase: results, "
            "lessons, good practices and the priorities of the next twelve months."
        ),
        starts_on=first,
        ends_on=first + dt.timedelta(days=2),
        venue="Hanoi, Viet Nam",
        time_zone=body.time_zone,
        languages=["en", "vi", "id"],
        organisers=[secretariat_unit],
        tlp="green",
        rooms=["Plenary hall", "Room Lotus", "Room Orchid"],
        certificate_min_sessions=4,
    )
    hall, lotus, orchid = list(event.rooms.order_by("position"))
    agencies = list(
        Unit.objects.filter(
            body=body, kind__in=[Unit.Kind.AGENCY, Unit.Kind.ORGANISATION]
        ).order_by("name")
    )
    delegates: list[Delegate] = []
    for unit in agencies:
        services.invite_unit(event=event, by=SYSTEM, unit=unit, quota=4)
        focal = _focal(unit)
        lang = LANGS.get(unit.country, "en")
        for n in range(4):
            user = focal.user if focal and n == 0 else None
            d = services.nominate_delegate(
                event=event,
                by=SYSTEM,
                unit=unit,
                full_name=user.full_name if user else _names(rng),
                user=user,
                role=Delegate.Role.HEAD if n == 0 else Delegate.Role.DELEGATE,
                language=user.language if user else lang,
                position="Head of delegation" if n == 0 else "Officer",
                needs_visa_letter=unit.country not in ("VN", ""),
                nationality=unit.country or "—",
                passport_number=f"P{rng.randint(1000000, 9999999)}",
                dietary_needs=rng.choice(["", "", "", "vegetarian", "halal"]),
            )
            delegates.append(d)
    for d in delegates[:-2]:
        services.decide_nomination(delegate=d, by=SYSTEM, approve=True)  # two still waiting
    experts = [
        services.add_delegate(
            event=event, by=SYSTEM, full_name=name, organisation=org, role=Delegate.Role.EXPERT
        )
        for name, org in [
            ("Dr. Helen Marsh", "University of Melbourne, Migration Lab"),
            ("Arjun Mehta", "Tech Against Trafficking"),
        ]
    ]
    by_unit = {u.short_name: [d for d in delegates if d.unit_id == u.pk] for u in agencies}
    heads = [ds[0] for ds in by_unit.values()]
    t = dt.time

    def s(day: int, start: dt.time, end: dt.time, title: str, room=hall, kind="session", **kw):
        return services.add_session(
            event=event,
            by=SYSTEM,
            title=title,
            day=first + dt.timedelta(days=day),
            starts=start,
            ends=end,
            room=room,
            kind=kind,
            **kw,
        )

    opening = s(
        0,
        t(8, 30),
        t(9, 30),
        "Opening of the conference",
        kind="plenary",
        mandatory=True,
        chairs=[by_unit["VN-CD"][0], by_unit["NZ-IMM"][0]],
    )
    services.add_contribution(
        session=opening,
        by=SYSTEM,
        title="Welcome by the co-chairs",
        presenters=[by_unit["VN-CD"][0], by_unit["NZ-IMM"][0]],
    )
    services.add_contribution(
        session=opening, by=SYSTEM, title="The joint action phase at twelve months"
    )
    s(0, t(9, 30), t(10), "Coffee break", room=None, kind="break")
    updates_a = s(0, t(10), t(12), "Country updates: South-East Asia", room=lotus)
    updates_b = s(0, t(10), t(12), "Country updates: South Asia and the Pacific", room=orchid)
    for d in heads:
        code = d.unit.short_name if d.unit else ""
        target = updates_b if code.split("-")[0] in ("LK", "MV", "AU", "NZ") else updates_a
        if code != "IMO":
            services.add_contribution(
                session=target, by=SYSTEM, title=f"Update from {d.unit}", presenters=[d]
            )
    s(0, t(12), t(13, 30), "Lunch", room=None, kind="break")
    imo = s(
        0, t(13, 30), t(15), "Protecting vulnerable communities from fake job offers", tlp="amber"
    )
    services.add_contribution(
        session=imo,
        by=SYSTEM,
        title="Protecting vulnerable communities: the migration organisation's programme",
        presenters=[by_unit["IMO"][0]],
    )
    services.add_material(
        contribution=imo.contributions.get(),
        by=SYSTEM,
        title="Slides: protecting vulnerable communities",
        name="protecting-vulnerable-communities.txt",
        content=b"Protecting vulnerable communities: outreach, safe migration, referral.\n",
        tlp="amber",
        content_type="text/plain",
    )
    day2 = s(1, t(9), t(11), "Information sharing: what worked", kind="plenary")
    services.add_contribution(
        session=day2, by=SYSTEM, title="Alerts and acknowledgements in the first year"
    )
    closed = s(
        1,
        t(11, 15),
        t(12, 30),
        "Scam compounds: operational case review",
        room=lotus,
        tlp="red",
        chatham_house=True,
    )
    talk = services.add_contribution(
        session=closed,
        by=SYSTEM,
        title="Case review: online-casino compounds",
        presenters=[by_unit["TH-POL"][0]],
    )
    services.add_material(
        contribution=talk,
        by=SYSTEM,
        title="Case review notes",
        name="case-review.txt",
        content=b"Restricted case review notes.\n",
        tlp="red",
        content_type="text/plain",
    )
    s(1, t(11, 15), t(12, 30), "Working session: referral of victims", room=orchid)
    d3 = s(2, t(9), t(10, 30), "Outside experts: technology and trafficking", kind="plenary")
    services.add_contribution(
        session=d3, by=SYSTEM, title="How recruiters use social media", presenters=[experts[0]]
    )
    services.add_contribution(
        session=d3,
        by=SYSTEM,
        title="Tools to find fake job advertisements",
        presenters=[experts[1]],
    )
    evaluation = s(
        2,
        t(10, 45),
        t(12),
        "Evaluation of the phase and priorities",
        kind="plenary",
        mandatory=True,
    )
    services.add_contribution(
        session=evaluation, by=SYSTEM, title="Results, lessons and good practices"
    )
    services.add_contribution(
        session=evaluation, by=SYSTEM, title="Priorities for the next twelve months"
    )
    # Attendance: most delegates every day; the plenaries and one parallel session each.
    approved = [d for d in event.delegates.filter(status=Delegate.Status.APPROVED)]
    sessions = list(event.sessions.exclude(kind=Session.Kind.BREAK))
    for d in approved:
        for session in sessions:
            if session.tlp == "red" and d not in by_unit.get("TH-POL", []) + by_unit.get(
                "VN-POL", []
            ):
                continue
            if session.room in (lotus, orchid) and rng.random() < 0.5:
                continue
            if rng.random() < 0.9:
                services.check_in(
                    event=event,
                    by=SYSTEM,
                    delegate=d,
                    session=session,
                    point=rng.choice(["Door 1", "Door 2"]),
                    at=session.starts_at - dt.timedelta(minutes=rng.randint(0, 15)),
                )
    survey = services.create_survey(
        event=event,
        by=SYSTEM,
        kind="feedback",
        title="Your feedback on the conference",
        anonymous=True,
        questions=[
            {"kind": "rating", "text": "Overall, how useful was the conference?"},
            {"kind": "rating", "text": "How useful were the country updates?"},
            {"kind": "text", "text": "What should the next conference do differently?"},
        ],
    )
    q = [str(x.pk) for x in survey.questions.all()]
    comments = [
        "More time for bilateral meetings.",
        "Share the slides before the sessions.",
        "A session on victim referral across borders.",
        "",
    ]
    for d in approved:
        if d.user is not None and rng.random() < 0.6:
            services.answer_survey(
                survey=survey,
                by=d.user,
                answers={
                    q[0]: rng.choice([4, 4, 5, 5, 3]),
                    q[1]: rng.choice([3, 4, 4, 5]),
                    q[2]: rng.choice(comments),
                },
            )
    units = {u.short_name: u for u in agencies}
    services.record_action_item(
        event=event,
        by=SYSTEM,
        kind="decision",
        text_="The priorities of the next twelve months are adopted.",
    )
    done = services.record_action_item(
        event=event,
        by=SYSTEM,
        text_="Circulate the conference report to all members.",
        owner_unit=secretariat_unit,
        due_on=first + dt.timedelta(days=10),
    )
    services.update_action_item(item=done, by=SYSTEM, status="done", note="Sent on the list.")
    services.record_action_item(
        event=event,
        by=SYSTEM,
        text_="Propose a common alert format for fake job offers.",
        owner_unit=units["TH-POL"],
        due_on=today - dt.timedelta(days=2),
    )
    services.record_action_item(
        event=event,
        by=SYSTEM,
        text_="Organise a training on victim referral across borders.",
        owner_unit=units["IMO"],
        due_on=today + dt.timedelta(days=40),
    )
    del sec
    return event


def _training(body: Body, rng: random.Random, today: dt.date) -> Event:
    first = today - dt.timedelta(days=14)
    office = Unit.objects.get(body=body, kind=Unit.Kind.SECRETARIAT)
    event = services.create_event(
        body=body,
        by=SYSTEM,
        kind=Event.Kind.TRAINING,
        title="Human-rights training conference for key cadres",
        description="Awareness of human-rights work among some cadres is not deep: two topics, "
        "with a test before and after.",
        starts_on=first,
        ends_on=first,
        venue="City Conference Centre",
        time_zone=body.time_zone,
        languages=["vi", "en"],
        organisers=[office],
        rooms=["Main hall"],
        certificate_all_mandatory=True,
    )
    hall = event.rooms.get()
    departments = list(Unit.objects.filter(body=body, kind=Unit.Kind.DEPARTMENT).order_by("name"))
    people: list[Delegate] = []
    for unit in departments:
        services.invite_unit(event=event, by=SYSTEM, unit=unit, quota=2)
        focal = _focal(unit)
        for n in range(2):
            user = focal.user if focal and n == 0 else None
            d = services.nominate_delegate(
                event=event,
                by=SYSTEM,
                unit=unit,
                full_name=user.full_name if user else _names(rng),
                user=user,
                language="vi",
                position="Cadre",
            )
            services.decide_nomination(delegate=d, by=SYSTEM, approve=True)
            people.append(d)
    speakers = [
        services.add_delegate(event=event, by=SYSTEM, full_name=n, organisation=o, language="vi")
        for n, o in [
            ("Prof. Dang Van Hai", "Law University"),
            ("Nguyen Thi Mai", "Institute of Human Rights"),
        ]
    ]
    t = dt.time
    one = services.add_session(
        event=event,
        by=SYSTEM,
        title="Topic 1: human rights in the Constitution and the law",
        day=first,
        starts=t(8),
        ends=t(10),
        room=hall,
        mandatory=True,
    )
    services.add_contribution(
        session=one, by=SYSTEM, title="Rights and duties of citizens", presenters=[speakers[0]]
    )
    services.add_session(
        event=event,
        by=SYSTEM,
        title="Tea break",
        day=first,
        starts=t(10),
        ends=t(10, 15),
        kind="break",
    )
    two = services.add_session(
        event=event,
        by=SYSTEM,
        title="Topic 2: protecting victims of trafficking",
        day=first,
        starts=t(10, 15),
        ends=t(11, 45),
        room=hall,
        mandatory=True,
    )
    services.add_contribution(
        session=two, by=SYSTEM, title="Identifying and supporting victims", presenters=[speakers[1]]
    )
    questions = [
        {
            "kind": "choice",
            "text": "Which document guarantees human rights in Viet Nam?",
            "choices": ["The Constitution", "A city decision", "A ministry circular"],
            "correct": 0,
        },
        {
            "kind": "choice",
            "text": "Who may be a victim of trafficking?",
            "choices": ["Only women", "Anyone", "Only foreigners"],
            "correct": 1,
        },
        {
            "kind": "choice",
            "text": "What is the first duty towards a possible victim?",
            "choices": ["Fine them", "Ensure their safety", "Send them home"],
            "correct": 1,
        },
        {
            "kind": "choice",
            "text": "Can a victim's consent to exploitation excuse the trafficker?",
            "choices": ["Yes", "No"],
            "correct": 1,
        },
    ]
    pre = services.create_survey(
        event=event,
        by=SYSTEM,
        kind="pre_test",
        title="Test before the training",
        questions=questions,
    )
    post = services.create_survey(
        event=event,
        by=SYSTEM,
        kind="post_test",
        title="Test after the training",
        questions=questions,
    )
    pre_q = [str(q.pk) for q in pre.questions.all()]
    post_q = [str(q.pk) for q in post.questions.all()]
    right = [0, 1, 1, 1]
    for d in people:
        services.check_in(event=event, by=SYSTEM, delegate=d, session=one)
        if rng.random() < 0.85:
            services.check_in(event=event, by=SYSTEM, delegate=d, session=two)
        if d.user is None:
            continue
        before = {
            k: (right[i] if rng.random() < 0.45 else (right[i] + 1) % 2)
            for i, k in enumerate(pre_q)
        }
        after = {
            k: (right[i] if rng.random() < 0.85 else (right[i] + 1) % 2)
            for i, k in enumerate(post_q)
        }
        services.answer_survey(survey=pre, by=d.user, answers=before)
        services.answer_survey(survey=post, by=d.user, answers=after)
    services.issue_certificates(event=event, by=SYSTEM)
    services.record_action_item(
        event=event,
        by=SYSTEM,
        text_="Hold the same training for district cadres.",
        owner_unit=office,
        due_on=today + dt.timedelta(days=60),
    )
    return event


def _upcoming(body: Body, rng: random.Random, today: dt.date) -> Event:
    """The working group's next meeting, five weeks ahead: every agency invited with a quota of
    two, about half of them have named their delegates (some still to be approved), the
    agenda is out."""
    first = today + dt.timedelta(days=35)
    secretariat_unit = Unit.objects.get(body=body, kind=Unit.Kind.SECRETARIAT)
    event = services.create_event(
        body=body,
        by=SYSTEM,
        kind=Event.Kind.CONFERENCE,
        title="Annual meeting of the heads of delegation",
        description=(
            "Two days for the heads of delegation to agree the work plan of the coming year, "
            "adopt the shared referral procedure for victims abroad, and hear the co-chairs' "
            "report on fake overseas job offers and online-scam recruitment."
        ),
        starts_on=first,
        ends_on=first + dt.timedelta(days=1),
        venue="Wellington, New Zealand",
        time_zone="Pacific/Auckland",
        languages=["en", "vi", "id"],
        organisers=[secretariat_unit],
        tlp="green",
        rooms=["Council chamber"],
    )
    agencies = list(
        Unit.objects.filter(
            body=body, kind__in=[Unit.Kind.AGENCY, Unit.Kind.ORGANISATION]
        ).order_by("name")
    )
    for index, unit in enumerate(agencies):
        services.invite_unit(event=event, by=SYSTEM, unit=unit, quota=2)
        focal = _focal(unit)
        if index % 2 or focal is None:
            continue  # not named yet
        d = services.nominate_delegate(
            event=event,
            by=SYSTEM,
            unit=unit,
            full_name=focal.user.full_name,
            user=focal.user,
            role=Delegate.Role.HEAD,
            language=focal.user.language,
            position="Head of delegation",
            needs_visa_letter=unit.country not in ("NZ", "AU", ""),
            nationality=unit.country or "—",
            passport_number=f"P{rng.randint(1000000, 9999999)}",
        )
        if index % 4 == 0:
            services.decide_nomination(delegate=d, by=SYSTEM, approve=True)
    t = dt.time
    for day, start, end, title, kind in [
        (0, t(9), t(10), "Opening by the co-chairs", "plenary"),
        (0, t(10, 30), t(12, 30), "Work plan of the coming year", "session"),
        (0, t(14), t(16), "Adoption of the shared referral procedure", "session"),
        (1, t(9), t(11), "Fake overseas job offers and online-scam recruitment", "session"),
        (1, t(11, 30), t(12, 30), "Decisions and closing", "plenary"),
    ]:
        services.add_session(
            event=event,
            by=SYSTEM,
            title=title,
            day=first + dt.timedelta(days=day),
            starts=start,
            ends=end,
            kind=kind,
        )
    return event


def _working_group(body: Body, rng: random.Random, today: dt.date) -> Event:
    """The past review conference, then the coming meeting."""
    event = _conference(body, rng, today)
    _upcoming(body, rng, today)
    return event


@transaction.atomic
def load_events_demo() -> int:
    """Load the demo events into each demo body that has none yet; the events made."""
    from lintas.members.demo import SC_SLUG, WG_SLUG

    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    today = timezone.localdate()
    made = 0
    for slug, build in ((WG_SLUG, _working_group), (SC_SLUG, _training)):
        body = Body.objects.filter(slug=slug).first()
        if body is None or Event.objects.filter(body=body).exists():
            continue
        build(body, rng, today)
        made += 1
    return made
