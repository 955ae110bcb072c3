"""The city committee's season: the standing office's monthly bulletin (in Vietnamese) and its
requests to every department, alerts between the police, labour, justice, health and the
unions on labour-export fraud, marriage brokers and loan apps, and the committee's own agreed
times for acknowledging. Fictional throughout."""

from __future__ import annotations

import datetime as dt

from lintas.core.tlp import TLP
from lintas.exchange.demo.season import ALL, Forwarding, Pools, Spec
from lintas.exchange.demo.working_group import p
from lintas.exchange.models import AlertType, Kind, Priority

GROUP = "Victim protection network"
GROUP_UNITS = ("POL", "DOLISA", "DOH", "DOJ", "WU")

# (kind, priority) → hours to acknowledge, hours to act or answer: the committee's own.
AGREED_TIMES = [
    (Kind.ALERT, Priority.URGENT, 8, 48),
    (Kind.ALERT, Priority.PRIORITY, 24, 120),
    (Kind.ALERT, Priority.ROUTINE, 72, 240),
    (Kind.REQUEST, Priority.PRIORITY, 48, 168),
    (Kind.REQUEST, Priority.ROUTINE, 120, 336),
]

HABITS = {
    "OFFICE": "punctual",
    "POL": "punctual",
    "DOJ": "punctual",
    "DOLISA": "punctual",
    "DFA": "punctual",
    "DOH": "mostly",
    "DOET": "mostly",
    "WU": "mostly",
    "DIC": "mostly",
    "PROC": "mostly",
    "CEMA": "late",
    "DCS": "late",
    "YU": "late",
    "DHA": "erratic",
    "RAB": "erratic",
    "COURT": "silent",
}

POOLS = Pools(
    answers={
        "en": [
            p("Our department has nothing to add on this matter."),
            p(
                "Figures for the period: 12 complaints received, 10 resolved, 3 legal aid cases, "
                "45 officials trained. Details in our monthly report."
            ),
            p(
                "We checked with the district offices: two cases match, both already referred "
                "to the City Police. Our contact person is the deputy head of the legal unit."
            ),
            p("Confirmed. We will send two officers and the list of participants by Friday."),
            p(
                "The shelter has six places free this week; an interpreter for Khmer is "
                "available on Tuesdays and Thursdays."
            ),
        ],
        "vi": [
            p("Sở đã rà soát, không có thông tin bổ sung."),
            p(
                "Đơn vị đã cập nhật danh sách: 3 cơ sở trợ giúp xã hội, 2 điểm tư vấn pháp lý "
                "và đường dây nóng hoạt động 24/7."
            ),
        ],
    },
    actions={
        "en": [
            "Informed the district offices and the commune officials.",
            "Posted the warning on the department's website and Zalo page.",
            "Checked our registers: no match.",
            "Asked the vocational colleges to warn their students.",
            "Sent a social worker to the family.",
        ],
        "vi": [
            "Đã thông báo cho các phòng chuyên môn cấp huyện.",
            "Đã đăng cảnh báo trên trang thông tin điện tử của Sở.",
        ],
    },
)

_BULLETIN_ITEMS = [
    "Ban Chỉ đạo họp phiên thường kỳ; các sở chú ý thời hạn gửi báo cáo tháng.",
    "Tập huấn kỹ năng tiếp nhận, xử lý đơn thư khiếu nại liên quan đến quyền con người cho cán "
    "bộ cấp phường, xã.",
    "Rà soát các vụ việc mua bán người có yếu tố nước ngoài; tăng cường phối hợp với Sở Ngoại vụ.",
    "Chuẩn bị các hoạt động hưởng ứng Ngày Quyền con người 10/12.",
    "Triển khai tuyên truyền phòng, chống lừa đảo tuyển dụng lao động đi làm việc ở nước ngoài "
    "trong trường học.",
    "Tổng hợp kiến nghị của các sở về cơ chế hỗ trợ nạn nhân trở về.",
]


def _monthly(today: dt.date) -> list[Spec]:
    """The standing office's bulletin, in Vietnamese, in the first week of each month."""
    out = []
    first = (today - dt.timedelta(days=140)).replace(day=1)
    n = 0
    while first <= today:
        day = (today - first).days - 4
        if 0 < day < 148:
            out.append(
                Spec(
                    day=day,
                    sender="OFFICE",
                    kind=Kind.BULLETIN,
                    tlp=TLP.GREEN,
                    to=(ALL,),
                    subject=(f"Bản tin tháng {first.month}/{first.year} của Văn phòng thường trực"),
                    text=p(
                        "Văn phòng thường trực Ban Chỉ đạo thông báo một số nội dung trọng tâm "
                        "trong tháng:",
                        "1. " + _BULLETIN_ITEMS[n % len(_BULLETIN_ITEMS)],
                        "2. " + _BULLETIN_ITEMS[(n + 2) % len(_BULLETIN_ITEMS)],
                        "Đề nghị các sở, ngành xác nhận đã nhận bản tin.",
                    ),
                )
            )
            n += 1
        first = (first + dt.timedelta(days=32)).replace(day=1)
    return out


def specs(today: dt.date) -> list[Spec]:
    return [*_monthly(today), *_SCRIPTED, *_ROUTINE]


_SCRIPTED: list[Spec] = [
    Spec(
        day=144,
        sender="OFFICE",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=(ALL,),
        answer_days=14,
        subject="Figures for the mid-term report on the UPR recommendations",
        text=p(
            "For the city's contribution to the national mid-term report, please send the "
            "figures of your department for the recommendations it leads, and one example of "
            "good practice.",
        ),
    ),
    Spec(
        day=137,
        sender="POL",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("DOLISA", "DIC", "YU", "DOET", "WU"),
        subject="Unlicensed company recruiting for 'factory jobs in Japan'",
        text=p(
            "The company has no licence to send workers abroad. It collected VND 150 million "
            "from each of about forty young people, mostly students of vocational colleges.",
            "Please warn the colleges and youth groups, and send us any complaint you receive.",
        ),
        details={
            "employer": "Hưng Phát Human Resources Co., Ltd (no licence)",
            "job": "Food-processing factory work, 'no Japanese needed'",
            "destination": "Aichi, Japan (on a tourist visa)",
            "channel": "Facebook page and Zalo groups of vocational colleges",
            "contacts": "Zalo 0909 555 214; office on Lê Lai Street (now closed)",
        },
    ),
    Spec(
        day=129,
        sender="POL",
        kind=Kind.REQUEST,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("DOLISA", "WU"),
        answer_days=3,
        subject="Request: shelter places for four women returned from Cambodia",
        text=p(
            "Four women returned yesterday through Mộc Bài; two have small children. They need "
            "shelter, medical checks and counselling for about a month.",
        ),
        answers={
            "DOLISA": p(
                "The social protection centre takes all four from tomorrow, with the children. "
                "A social worker will meet them at the police station at 9:00."
            ),
            "WU": p("The Women's Union will visit them weekly and help with vocational training."),
        },
    ),
    Spec(
        day=121,
        sender="POL",
        kind=Kind.ALERT,
        alert_type=AlertType.PERSON_SOUGHT,
        priority=Priority.URGENT,
        tlp=TLP.RED,
        named=("DOLISA", "WU"),
        subject="Girl, 15, at risk in a cross-border marriage-broker case",
        text=p(
            "A broker has arranged to take her across the border next week. Her mother asked "
            "for help. Named readers only: do not contact the family before we do.",
        ),
        details={
            "name": "Vàng Thị Mỷ",
            "sex": "Female",
            "age": "15",
            "last_seen_place": "Bus station, northern district",
            "description": "Speaks Hmong and some Vietnamese; travelling with an aunt.",
        },
    ),
    Spec(
        day=115,
        sender="DIC",
        kind=Kind.ALERT,
        alert_type=AlertType.RECRUITER,
        tlp=TLP.GREEN,
        to=("DOET", "YU", "WU", "POL"),
        subject="Loan apps recruiting students as 'collaborators' to collect debts",
        text=p(
            "The apps offer easy part-time work, then ask students to harass debtors and to "
            "open bank accounts in their name. Eleven complaints this month.",
        ),
        details={
            "names": "'Vay Nhanh 24h'; 'Tiền Ơi'",
            "phones": "0868 555 901",
            "accounts": "Telegram group 'CTV thu hồi nợ'",
            "modus_operandi": "Part-time 'collaborator' jobs; accounts opened for the group.",
            "area": "Universities and colleges of the city",
        },
    ),
    Spec(
        day=102,
        sender="PROC",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER_STRICT,
        to=("POL",),
        answer_days=10,
        subject="Evidence needed before indictment in the Hưng Phát case",
        text=p(
            "Before we indict, we need the bank statements of the company's two accounts and "
            "statements from at least five of the people who paid. AMBER+STRICT: within the "
            "City Police only.",
        ),
        answers={
            "POL": p(
                "Bank statements obtained; seven statements taken. The file goes to your office "
                "on Monday with the investigator's summary."
            )
        },
    ),
    Spec(
        day=95,
        sender="DOH",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Free health screening for victims at district hospitals",
        text=p(
            "From this month, victims referred by the police or the labour department are "
            "screened free of charge at every district hospital, without an appointment.",
        ),
    ),
    Spec(
        day=88,
        sender="DOJ",
        kind=Kind.BULLETIN,
        tlp=TLP.CLEAR,
        to=(ALL,),
        subject="Free legal aid for victims of trafficking: where to refer people",
        text=p(
            "Victims of trafficking are entitled to free legal aid. The city's legal aid "
            "centre and its branches take referrals by phone or in person, in Vietnamese and "
            "with interpreters for ethnic-minority languages.",
            "TLP:CLEAR: this notice may be posted in public places.",
        ),
    ),
    Spec(
        day=80,
        sender="CEMA",
        kind=Kind.ALERT,
        tlp=TLP.AMBER,
        group=GROUP,
        subject="Marriage brokers visiting ethnic-minority villages in the northern districts",
        text=p(
            "Brokers offer families money for 'marriages abroad'. Village heads in three "
            "communes reported visits in the last two weeks.",
        ),
    ),
    Spec(
        day=71,
        sender="OFFICE",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=(ALL,),
        answer_days=21,
        subject="Plans for Human Rights Day, 10 December",
        text=p("Please send the events your department plans, with dates, places and audience."),
    ),
    Spec(
        day=64,
        sender="DFA",
        kind=Kind.ALERT,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        to=("POL", "DOLISA"),
        subject="Citizens held at a compound in Myawaddy: families ask the city for help",
        text=p(
            "Six families came to the department this week. Their relatives say they are held "
            "in a compound and asked to pay USD 5,000 each to leave.",
        ),
        update=(
            3,
            p(
                "The embassy confirmed contact with two of the six; they are safe and waiting "
                "for documents. The others are being located."
            ),
        ),
    ),
    Spec(
        day=58,
        sender="YU",
        kind=Kind.ALERT,
        tlp=TLP.GREEN,
        to=("DOET", "DIC", "POL"),
        subject="Students report 'online modelling' offers that ask for ID photos",
        text=p("The offers ask for photos of identity cards and a deposit for a 'portfolio'."),
    ),
    Spec(
        day=50,
        sender="DOLISA",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=("DOH", "DOJ", "WU", "POL"),
        answer_days=14,
        language="vi",
        subject="Đề nghị cập nhật danh sách cơ sở hỗ trợ nạn nhân",
        text=p(
            "Để cập nhật sổ tay hướng dẫn chuyển tuyến, đề nghị các đơn vị rà soát và gửi danh "
            "sách cơ sở, đầu mối liên hệ hỗ trợ nạn nhân do đơn vị quản lý.",
        ),
    ),
    Spec(
        day=44,
        sender="COURT",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=("PROC", "POL", "DOJ"),
        subject="Trafficking trials scheduled this quarter",
        text=p("Three trials are scheduled; victims may testify with protective measures."),
    ),
    Spec(
        day=36,
        sender="DOET",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=("POL", "DIC", "YU"),
        answer_days=14,
        subject="Request: speakers for school talks on fake job offers",
        text=p("We plan talks in twelve high schools and need one speaker from each of you."),
    ),
    Spec(
        day=27,
        sender="WU",
        kind=Kind.ALERT,
        tlp=TLP.AMBER,
        to=("POL", "DOLISA", "CEMA"),
        subject="Women recruited as 'caregivers' for Taiwan through an unlicensed broker",
        text=p("Three women paid deposits; the broker's office has moved twice this year."),
    ),
    Spec(
        day=19,
        sender="DHA",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=(ALL,),
        answer_days=30,
        subject="Focal points and alternates for next year",
        text=p("Please confirm your department's focal point and alternate for next year."),
    ),
    Spec(
        day=8,
        sender="POL",
        kind=Kind.BULLETIN,
        tlp=TLP.AMBER,
        to=("DOLISA", "WU"),
        subject="Case review: the Hưng Phát case, lessons for referral",
        text=p(
            "What worked and what did not between the report of the first victim and the "
            "indictment, with the contacts who helped at each step.",
        ),
        forward=Forwarding(
            after=3,
            from_unit="DOLISA",
            to=("DOH",),
            reason=(
                "The hospitals screened the victims; the health department should read the "
                "part on medical referral."
            ),
        ),
    ),
    Spec(
        day=2,
        sender="POL",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        to=("YU", "DOET", "DIC", "DOLISA"),
        subject="Fake 'study and work in Korea' programme collecting deposits from students",
        text=p(
            "Students are asked for VND 80 million for a 'work-study visa' that does not exist."
        ),
        details={
            "employer": "'Korea Future Education Centre'",
            "job": "Study and part-time work",
            "destination": "Seoul, Korea",
            "channel": "TikTok and Zalo",
            "contacts": "Zalo 0777 555 320",
        },
    ),
]

# Everyday traffic between departments, placed through the season.
_ROUTINE: list[Spec] = [
    Spec(
        day=141,
        sender="DOLISA",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=("POL", "DOH", "WU", "YU"),
        subject="Hotline report: calls about labour exploitation last quarter",
        text=p("The hotline took 312 calls; 41 were about work abroad, 9 referred to the police."),
    ),
    Spec(
        day=133,
        sender="DOJ",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=("COURT", "PROC"),
        answer_days=14,
        subject="Request: trafficking cases tried in the first half of the year",
        text=p("For the legal aid plan, please send the number of cases and of victims heard."),
    ),
    Spec(
        day=126,
        sender="DOET",
        kind=Kind.ALERT,
        tlp=TLP.GREEN,
        to=("YU", "DIC", "POL"),
        subject="Fake scholarship offers sent to final-year students",
        text=p("E-mails offer full scholarships abroad against a 'processing fee'."),
    ),
    Spec(
        day=119,
        sender="RAB",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=("CEMA", "DHA", "OFFICE"),
        subject="Religious organisations offering shelter to returned victims",
        text=p("Four organisations have places and volunteers; contacts attached to the list."),
    ),
    Spec(
        day=111,
        sender="WU",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("DOLISA", "POL"),
        answer_days=10,
        subject="Request: follow-up of the four women placed at the protection centre",
        text=p("Their families ask when they can visit; please tell us what is possible."),
    ),
    Spec(
        day=106,
        sender="DIC",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Pages and groups taken down after reports this quarter",
        text=p("27 pages and groups advertising fake jobs abroad were removed at our request."),
    ),
    Spec(
        day=98,
        sender="POL",
        kind=Kind.ALERT,
        alert_type=AlertType.RECRUITER,
        tlp=TLP.AMBER,
        group=GROUP,
        subject="Broker offering 'caregiver' jobs in Germany without a licence",
        text=p("The broker asks for EUR 4,000 and promises a visa within two months."),
        details={
            "names": "'Chị Hạnh'",
            "phones": "0912 555 663",
            "accounts": "Facebook 'Việc làm Đức uy tín'",
            "modus_operandi": "Fee in two parts; German lessons sold as 'training'.",
            "area": "City centre and two suburban districts",
        },
    ),
    Spec(
        day=91,
        sender="DCS",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=("DOJ", "WU", "YU"),
        answer_days=21,
        subject="Request: materials for the cultural week on gender equality",
        text=p("Posters, short films or talks that we may use during the week."),
    ),
    Spec(
        day=84,
        sender="PROC",
        kind=Kind.BULLETIN,
        tlp=TLP.AMBER,
        to=("POL", "COURT", "DOJ"),
        subject="Guidance on charging 'forced criminality' in scam-compound cases",
        text=p("How to charge recruiters when the victims were forced to commit fraud."),
    ),
    Spec(
        day=76,
        sender="DOH",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("DOLISA",),
        answer_days=7,
        subject="Request: consent forms for medical follow-up of returned victims",
        text=p("Please share the consent form your centres use so the hospitals can apply it."),
    ),
    Spec(
        day=68,
        sender="POL",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        tlp=TLP.AMBER,
        to=("DOLISA", "YU", "DIC"),
        subject="'Online sales' jobs in Cambodia offered in the city's job fairs",
        text=p("Two stands at last weekend's job fair handed out leaflets for Sihanoukville."),
        details={
            "employer": "'Mekong Star Trading'",
            "job": "Online sales, Vietnamese speakers",
            "destination": "Sihanoukville, Cambodia",
            "channel": "Job fair leaflets; Zalo",
            "contacts": "Zalo 0987 555 104",
        },
    ),
    Spec(
        day=61,
        sender="CEMA",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=("DOET", "DIC"),
        answer_days=14,
        subject="Request: awareness materials in ethnic-minority languages",
        text=p("We need leaflets and radio spots in Hmong, Dao and Khmer for village meetings."),
    ),
    Spec(
        day=53,
        sender="DFA",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=("POL", "DOLISA", "OFFICE"),
        subject="Citizens returned through the embassies this quarter",
        text=p("58 citizens returned with the embassies' help; 21 were referred to the city."),
    ),
    Spec(
        day=40,
        sender="OFFICE",
        kind=Kind.ALERT,
        priority=Priority.PRIORITY,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Monthly reports: three departments have not yet submitted",
        text=p("Please submit this month's report; the synthesis goes to the city's leaders."),
    ),
    Spec(
        day=32,
        sender="DOLISA",
        kind=Kind.ALERT,
        tlp=TLP.AMBER,
        to=("POL", "DOH"),
        subject="Child labour suspected at a garment workshop in an industrial zone",
        text=p("Inspectors saw workers who looked under 15; the owner refused access."),
    ),
    Spec(
        day=23,
        sender="YU",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=("DOET", "DIC", "WU"),
        subject="Volunteer teams for the Human Rights Day events",
        text=p("Forty volunteers are ready; we need one contact person per event."),
    ),
    Spec(
        day=15,
        sender="POL",
        kind=Kind.REQUEST,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("DFA",),
        answer_days=7,
        subject="Request: consular contacts for two suspects held abroad",
        text=p("We need the embassy's contact for the two suspects held in Cambodia."),
    ),
    Spec(
        day=11,
        sender="DOJ",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="New circular on legal aid for people with disabilities",
        text=p("The circular widens free legal aid; a summary for departments is attached."),
    ),
    Spec(
        day=3,
        sender="OFFICE",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=(ALL,),
        answer_days=14,
        subject="Comments on the draft plan for next year",
        text=p("Please comment on the committee's draft plan; it goes to the plenary in January."),
    ),
    Spec(
        day=1,
        sender="WU",
        kind=Kind.ALERT,
        tlp=TLP.AMBER,
        to=("POL", "DOLISA", "CEMA"),
        subject="Women asked to 'marry abroad' at a beauty salon in District 8",
        text=p("Two customers told our volunteers a salon owner offered to arrange marriages."),
    ),
]
