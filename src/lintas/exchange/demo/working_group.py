"""The working group's season: alerts on people sought, recruiters and fake job offers along the
region's routes (scam compounds in Cambodia and Myanmar, fishing vessels, domestic work), the
international organisation's monthly trend bulletin, the secretariat's requests, and bilateral
requests between agencies, two of them in Indonesian and one in Vietnamese. Fictional
throughout: every name, number, account and company is invented."""

from __future__ import annotations

import datetime as dt

from lintas.core.tlp import TLP
from lintas.exchange.demo.season import ALL, Forwarding, Pools, Spec, Summary
from lintas.exchange.models import AlertType, Kind, Priority

GROUP = "Mekong corridor (VN, TH, KH)"
GROUP_UNITS = ("VN-CD", "VN-IMM", "VN-POL", "TH-POL", "KH-NCCT")

# Agencies that answer at once, those that are often late, the new member that often does not.
HABITS = {
    "SEC": "punctual",
    "VN-POL": "punctual",
    "TH-POL": "punctual",
    "AU-ABF": "punctual",
    "NZ-IMM": "punctual",
    "IMO": "punctual",
    "VN-IMM": "mostly",
    "VN-CD": "mostly",
    "MY-IMM": "mostly",
    "PH-IACAT": "mostly",
    "ID-POL": "mostly",
    "LK-CID": "late",
    "ID-IMM": "late",
    "MV-IMM": "erratic",
    "KH-NCCT": "silent",
}


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


POOLS = Pools(
    answers={
        "en": [
            p("We checked our systems: no record of these persons or numbers."),
            p(
                "One match: the second person entered through the land border on 3 March and "
                "has not left since. Our investigator will call your desk with the details."
            ),
            p(
                "We hold two earlier reports about the same company (2024 and 2025), both closed "
                "for want of a complainant. Copies can be sent through the liaison officer."
            ),
            p("Checked with our provincial offices: nothing further to report at this stage."),
            p(
                "The account was opened with a borrowed identity card; the holder has been "
                "interviewed and is not a suspect. We are tracing the withdrawals."
            ),
            p(
                "Figures for our agency: 14 victims identified, 9 returned home, 3 recruiters "
                "arrested, 2 websites taken down. Narrative to follow by e-mail."
            ),
        ],
        "id": [
            p("Sudah kami periksa: tidak ada data perlintasan atas nama tersebut."),
            p(
                "Satu orang tercatat keluar melalui Pelabuhan Batam Centre pada bulan lalu; "
                "data lengkap kami kirim melalui narahubung."
            ),
        ],
        "vi": [
            p("Đã kiểm tra: không có dữ liệu xuất nhập cảnh của các công dân này."),
            p(
                "Hai trong ba người đã được xác minh nhân thân; người thứ ba khai sai tên, "
                "đang tiếp tục xác minh với công an địa phương."
            ),
        ],
    },
    actions={
        "en": [
            "Circulated to our border posts and airport teams.",
            "Checked our records: no match.",
            "Added the numbers and accounts to our watch list.",
            "Briefed the provincial anti-trafficking teams.",
            "Asked the platform to remove the posts; two pages taken down so far.",
            "Shared with our labour attaché, who will warn the community groups.",
        ],
        "id": [
            "Sudah diteruskan ke pos imigrasi di pelabuhan.",
            "Nomor dan akun sudah dimasukkan ke daftar pantauan.",
        ],
        "vi": [
            "Đã thông báo cho các đồn biên phòng cửa khẩu.",
            "Đã đưa số điện thoại vào danh sách theo dõi.",
        ],
    },
)

TRENDS = [
    (
        "Scam compounds moved further from the border crossings after the raids; recruits are "
        "now taken by river at night. Ads offer 'customer service' and 'translation' jobs with "
        "salaries of USD 1,000 to 1,500 and pay the first bus ticket."
    ),
    (
        "More women among the people returned this month (31 %). Recruiters now ask jobseekers "
        "to record a 'video interview', later used to threaten them."
    ),
    (
        "Fishing-vessel cases rose: crews transferred at sea, wages withheld against a "
        "recruitment debt of 8 to 12 months' pay. Most victims were recruited by a relative or "
        "a neighbour."
    ),
    (
        "Fake seasonal-work offers for New Zealand and Australia spread on TikTok; victims pay "
        "'visa fees' and never leave home. The losses are financial, but the same groups also "
        "recruit for the compounds."
    ),
    (
        "Domestic workers placed through unlicensed agencies: passports kept by employers, no "
        "day off. Two shelters report they are full; returns slowed by missing documents."
    ),
    (
        "Payments move from bank transfers to USDT and e-wallets; agencies that seized phones "
        "should look for wallet apps and screenshots of transfers."
    ),
]


def _monthly(today: dt.date) -> list[Spec]:
    """The organisation's trend bulletin, on the first days of each month of the season."""
    out = []
    first = (today - dt.timedelta(days=140)).replace(day=1)
    n = 0
    while first <= today:
        day = (today - first).days - 2
        if 0 < day < 148:
            month = (first - dt.timedelta(days=1)).strftime("%B %Y")
            out.append(
                Spec(
                    day=day,
                    sender="IMO",
                    kind=Kind.BULLETIN,
                    tlp=TLP.GREEN,
                    to=(ALL,),
                    subject=f"Regional trend bulletin, {month}",
                    text=p(
                        f"What the member agencies and our field offices saw in {month}.",
                        TRENDS[n % len(TRENDS)],
                        TRENDS[(n + 3) % len(TRENDS)],
                        "Country figures are in the annex sent to focal points; the next "
                        "bulletin follows early next month.",
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
        day=146,
        sender="SEC",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Joint action phase 4: priorities for the second half of the year",
        text=p(
            "The Senior Officials agreed three priorities for phase 4: recruitment into online "
            "scam compounds, forced labour on fishing vessels, and document fraud at airports.",
            "Each agency is asked to name a contact for urgent alerts (reachable outside office "
            "hours) and to acknowledge alerts within the agreed times.",
            "The next Senior Officials' Meeting is planned for early next year.",
        ),
    ),
    Spec(
        day=140,
        sender="VN-POL",
        kind=Kind.ALERT,
        alert_type=AlertType.PERSON_SOUGHT,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        group=GROUP,
        to=("IMO",),
        subject="Missing: young woman from Nghệ An believed taken to Bavet",
        text=p(
            "Her family reported her missing after she left for a 'hotel job' in Phnom Penh. "
            "Her phone has been off since she crossed at Mộc Bài.",
            "Please check arrivals and the compounds near the crossing, and tell us at once if "
            "she is found. Do not contact the recruiter.",
        ),
        details={
            "name": "Lê Thị Ngọc Ánh",
            "sex": "Female",
            "age": "19",
            "last_seen_place": "Mộc Bài border gate, Tây Ninh",
            "description": (
                "1.55 m, long black hair, small scar on the left wrist. Travelled with a man in "
                "his thirties who said he recruited for a casino hotel."
            ),
        },
        update=(
            2,
            p(
                "Her phone connected for a few minutes near Bavet yesterday evening. Cambodian "
                "colleagues are asked to check the compounds on the road to the casino area."
            ),
        ),
    ),
    Spec(
        day=132,
        sender="VN-POL",
        kind=Kind.ALERT,
        alert_type=AlertType.RECRUITER,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        group=GROUP,
        to=("MY-IMM", "PH-IACAT", "ID-POL"),
        subject="Telegram recruiter 'HR Tuấn Anh' offering customer-service jobs in Cambodia",
        text=p(
            "Seven young people from three provinces were recruited by the same Telegram "
            "account in the last month; four are now in a compound in Sihanoukville.",
            "The recruiter pays the bus to Tây Ninh and takes passports at the border 'for the "
            "work permit'. The same script has been used in Indonesian and Tagalog.",
        ),
        details={
            "names": "Tuấn Anh; 'HR Tuấn Anh'; Kevin Nguyen",
            "phones": "+84 91 555 0147; +855 12 555 018",
            "accounts": "telegram: @hr_tuananh_vip; Facebook page 'Việc làm Campuchia lương cao'",
            "modus_operandi": (
                "USD 1,200 a month for 'customer service' at an online gaming company; free "
                "travel; passports collected at the border."
            ),
            "area": "Hồ Chí Minh City, Tây Ninh, Bavet, Sihanoukville",
        },
        summary=Summary(
            after=5,
            tlp=TLP.GREEN,
            subject="For all members: Telegram 'customer service' recruiters for Cambodia",
            text=p(
                "A recruiter active on Telegram offers USD 1,200 a month for customer-service "
                "work at an 'online gaming company' in Cambodia, pays the first bus ticket and "
                "collects passports at the border. Recruits end up in scam compounds.",
                "Please warn your communities and check your own cases for the same script. "
                "Agencies that received the original alert hold the names and numbers.",
            ),
        ),
    ),
    Spec(
        day=125,
        sender="LK-CID",
        kind=Kind.ALERT,
        alert_type=AlertType.PERSON_SOUGHT,
        priority=Priority.URGENT,
        tlp=TLP.RED,
        named=("TH-POL", "MY-IMM"),
        subject="Witness at risk: Sri Lankan victim due to testify against a compound recruiter",
        text=p(
            "The recruiter's associates have asked his family in Negombo where he is staying. "
            "He is due to testify by video next month.",
            "Named readers only: please confirm that your officers know where he is and that "
            "nothing about him is shared further.",
        ),
        details={
            "name": "W. A. Dilan Perera",
            "sex": "Male",
            "age": "27",
            "last_seen_place": "Shelter in Mae Sot, Tak Province",
            "description": "Escaped from a compound near Myawaddy; speaks Sinhala and English.",
        },
    ),
    Spec(
        day=118,
        sender="MY-IMM",
        kind=Kind.BULLETIN,
        tlp=TLP.AMBER,
        to=("TH-POL", "LK-CID", "IMO"),
        subject="Route analysis: Sri Lankan jobseekers routed through Kuala Lumpur to Myawaddy",
        text=p(
            "Since June, 46 Sri Lankan nationals arrived at KLIA on tourist visas, bought onward "
            "tickets to Bangkok the same day, and were met in Mae Sot.",
            "Indicators: return tickets never used; the same two travel agents in Colombo; "
            "hotel bookings cancelled on arrival; groups of four to six men in their twenties.",
        ),
        forward=Forwarding(
            after=2,
            from_unit="LK-CID",
            to=("MV-IMM",),
            reason=(
                "Maldives Immigration has seen the same agents at Velana airport and needs the "
                "indicators."
            ),
            decide_after=1,
            note="Approved: within the Maldives Immigration Service only.",
        ),
    ),
    Spec(
        day=110,
        sender="PH-IACAT",
        kind=Kind.ALERT,
        alert_type=AlertType.PERSON_SOUGHT,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        to=("MY-IMM", "ID-POL", "TH-POL", "IMO"),
        subject="Missing: Filipino deckhand who left a fishing vessel at Port Klang",
        text=p(
            "He called his mother from a borrowed phone, said the captain kept his seaman's "
            "book and that he had not been paid for nine months.",
        ),
        details={
            "name": "Jose Miguel Reyes Bautista",
            "sex": "Male",
            "age": "24",
            "last_seen_place": "Port Klang, Selangor",
            "description": "Thin, 1.70 m, tattoo of a rosary on the right forearm.",
        },
        cancel=(
            6,
            p(
                "Found safe in Port Klang by Malaysian Immigration officers. He is at the "
                "embassy's shelter and his return home is arranged. Thank you all."
            ),
        ),
    ),
    Spec(
        day=104,
        sender="NZ-IMM",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        tlp=TLP.GREEN,
        to=("VN-IMM", "ID-IMM", "PH-IACAT", "LK-CID", "MV-IMM", "IMO"),
        subject="Fraudulent seasonal work offers for New Zealand orchards",
        text=p(
            "The offers promise a 'guaranteed seasonal worker visa' against a fee of NZD 3,500. "
            "No such visa is sold: only approved employers recruit seasonal workers.",
            "The list of approved employers is public on the Immigration Authority's website; "
            "please share this warning with your communities.",
        ),
        details={
            "employer": "Kiwi Harvest Placement Ltd (not registered)",
            "job": "Fruit picking and packing",
            "destination": "Hawke's Bay, New Zealand",
            "channel": "Facebook groups and TikTok videos in Vietnamese and Indonesian",
            "contacts": "WhatsApp +64 21 555 0193; kiwiharvest.jobs@example.com",
        },
        expires_days=120,
    ),
    Spec(
        day=98,
        sender="AU-ABF",
        kind=Kind.ALERT,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER_STRICT,
        to=("ID-POL",),
        subject="Vessel suspected of moving workers from Kupang towards Darwin",
        text=p(
            "A wooden vessel registered in Nusa Tenggara Timur is expected to leave Kupang "
            "within ten days with about twenty workers promised jobs on Australian farms.",
            "Please confirm whether your officers can check the vessel before departure. "
            "AMBER+STRICT: within your agency only.",
        ),
    ),
    Spec(
        day=90,
        sender="SEC",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=(ALL,),
        answer_days=14,
        subject="Contributions for the Senior Officials' Meeting: cases and disruptions",
        text=p(
            "For the Senior Officials' brief, please send by the date given: victims identified "
            "and returned, recruiters arrested, websites and accounts taken down, since July.",
            "Two or three sentences on your main case of the period are welcome.",
        ),
    ),
    Spec(
        day=84,
        sender="TH-POL",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("MY-IMM",),
        answer_days=10,
        subject="Request: registration and directors of 'Golden Sky Trading Sdn Bhd'",
        text=p(
            "The company issued the job offers found on eleven victims rescued in Mae Sot. "
            "We need its registration, its directors and any work permits it applied for.",
        ),
        answers={
            "MY-IMM": p(
                "Registered in Johor in 2023, two directors (one Malaysian, one foreign "
                "national). No work permit applications. Our liaison officer will bring the "
                "registration file to the next meeting."
            )
        },
    ),
    Spec(
        day=78,
        sender="ID-IMM",
        kind=Kind.ALERT,
        alert_type=AlertType.RECRUITER,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("ID-POL",),
        language="id",
        subject="Calo PMI ilegal di Batam: pemberangkatan lewat pelabuhan tidak resmi",
        text=p(
            "Petugas kami di Batam menemukan kelompok calo yang memberangkatkan calon pekerja "
            "migran ke Johor lewat pelabuhan tidak resmi pada malam hari.",
            "Mohon dicek apakah nama dan nomor di bawah ini muncul dalam penyidikan Bareskrim.",
        ),
        details={
            "names": "Pak Rudi; 'Bang Jon'",
            "phones": "+62 812-5550-3311",
            "accounts": "Facebook 'Lowongan Kerja Malaysia Resmi'",
            "modus_operandi": (
                "Menjanjikan kerja di kilang dengan gaji RM 2.000; paspor dibuat oleh calo; "
                "biaya dipotong dari gaji."
            ),
            "area": "Batam, Tanjung Pinang, Johor",
        },
    ),
    Spec(
        day=70,
        sender="VN-IMM",
        kind=Kind.REQUEST,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("VN-POL",),
        answer_days=7,
        language="vi",
        subject="Đề nghị xác minh nhân thân 3 công dân được trao trả qua cửa khẩu Mộc Bài",
        text=p(
            "Ngày hôm qua phía Campuchia trao trả 3 công dân không có giấy tờ tùy thân. Đề nghị "
            "Cục Cảnh sát hình sự xác minh nhân thân và cho biết có liên quan đến vụ án nào "
            "đang điều tra không.",
        ),
    ),
    Spec(
        day=60,
        sender="SEC",
        kind=Kind.BULLETIN,
        tlp=TLP.CLEAR,
        to=(ALL,),
        subject="Public advice: check a job offer abroad before you pay anything",
        text=p(
            "A real employer never asks you to pay for a job, a visa or a flight, never keeps "
            "your passport, and gives you a written contract in a language you read.",
            "Before you go, check the agency's licence with your labour ministry, tell your "
            "family where you will work, and save the hotline of your embassy.",
            "TLP:CLEAR: members may publish this advice as it stands.",
        ),
    ),
    Spec(
        day=55,
        sender="KH-NCCT",
        kind=Kind.ALERT,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        group=GROUP,
        to=("ID-POL", "PH-IACAT", "LK-CID", "IMO"),
        subject="Group of 23 rescued from a Sihanoukville compound: nationalities and returns",
        text=p(
            "The group includes 9 Vietnamese, 6 Indonesian, 5 Filipino and 3 Sri Lankan "
            "nationals. All are at the provincial shelter; five need medical care.",
            "Consular teams are asked to confirm identities and arrange returns; interviews can "
            "be held at the shelter from Monday.",
        ),
    ),
    Spec(
        day=48,
        sender="MV-IMM",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        tlp=TLP.AMBER,
        to=("LK-CID", "ID-IMM", "IMO"),
        subject="Fake resort jobs in the Maldives offered to Sri Lankan and Indonesian workers",
        text=p(
            "Workers arrive on tourist visas for 'resort housekeeping' jobs that do not exist, "
            "and are then placed in construction without pay.",
        ),
        details={
            "employer": "Blue Lagoon Resort Staffing (no such resort)",
            "job": "Housekeeping and kitchen staff",
            "destination": "Malé and Hulhumalé",
            "channel": "WhatsApp groups of returning workers; Facebook",
            "contacts": "+960 755 0142",
        },
        expires_days=90,
    ),
    Spec(
        day=41,
        sender="AU-ABF",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Visa fraud indicators: forged employer nomination letters",
        text=p(
            "Forged nomination letters use real Australian business numbers with a wrong "
            "address and a mobile number in the signature. The sponsor never lodged them.",
            "Check the nomination reference with us before accepting it as proof of a job offer.",
        ),
    ),
    Spec(
        day=35,
        sender="ID-POL",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("ID-IMM",),
        answer_days=10,
        language="id",
        subject="Permintaan data perlintasan tiga tersangka perekrut",
        text=p(
            "Mohon data perlintasan tiga tersangka perekrut dalam perkara TPPO ke Kamboja "
            "selama dua belas bulan terakhir. Daftar nama dikirim melalui narahubung.",
        ),
    ),
    Spec(
        day=28,
        sender="TH-POL",
        kind=Kind.ALERT,
        alert_type=AlertType.RECRUITER,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=(ALL,),
        subject="Recruiter ring using LINE and Facebook to move workers to Myawaddy via Mae Sot",
        text=p(
            "Arrests in Mae Sot show one ring recruiting in five member countries with the same "
            "scripts, translated. Drivers are paid per head at the river crossing.",
        ),
        details={
            "names": "'Ko Aung'; 'Mr. Lim'; 'Boss Jack'",
            "phones": "+66 81 555 2290; +66 92 555 7710",
            "accounts": "LINE: bossjack_hr; Facebook: 'Thailand Jobs Good Salary'",
            "modus_operandi": (
                "Interview by video call; flight to Bangkok paid; van to Mae Sot; boat across "
                "the Moei river at night."
            ),
            "area": "Bangkok, Mae Sot, Myawaddy",
        },
    ),
    Spec(
        day=20,
        sender="MY-IMM",
        kind=Kind.ALERT,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        to=("ID-IMM", "PH-IACAT", "LK-CID", "VN-IMM", "TH-POL"),
        subject="Forged Malaysian work permits detected at KLIA: same printer, 14 cases",
        text=p(
            "Fourteen travellers presented work permits printed on the same paper with the same "
            "misspelling in the hologram text. All had paid an agent in their own country.",
            "Please check departures with Malaysian work permits issued this year.",
        ),
    ),
    Spec(
        day=12,
        sender="SEC",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=(ALL,),
        answer_days=20,
        subject="Nominations for the joint training on victim identification",
        text=p(
            "Each agency may nominate two officers for the five-day joint training on victim "
            "identification and interviewing. Please send names, positions and languages.",
        ),
    ),
    Spec(
        day=6,
        sender="VN-POL",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        group=GROUP,
        subject="New wave of 'interpreter' job ads for Myawaddy aimed at Vietnamese students",
        text=p(
            "Since last week, ads for Chinese-Vietnamese interpreters promise USD 1,500 a month "
            "in 'Thailand'. Three students who answered are now out of contact.",
        ),
        details={
            "employer": "'Thai Golden Horse Company'",
            "job": "Interpreter, Chinese-Vietnamese",
            "destination": "'Bangkok' (actually Myawaddy)",
            "channel": "Facebook groups of universities in Hà Nội and Hồ Chí Minh City",
            "contacts": "Telegram @golden_horse_hr; Zalo +84 93 555 0812",
        },
        forward=Forwarding(
            after=2,
            from_unit="TH-POL",
            to=("MY-IMM",),
            reason=(
                "Two of the students flew through Kuala Lumpur; Malaysian Immigration should "
                "check their onward flights."
            ),
        ),
    ),
    Spec(
        day=2,
        sender="PH-IACAT",
        kind=Kind.ALERT,
        alert_type=AlertType.PERSON_SOUGHT,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        to=("MY-IMM", "ID-IMM", "IMO"),
        subject="Missing: two sisters from Samar who left for 'hotel jobs' in Kota Kinabalu",
        text=p(
            "They left by ferry from Zamboanga with a woman who offered hotel jobs. Their "
            "mother has had no news for eight days.",
        ),
        details={
            "name": "Ana Liza and Rosalie dela Cruz",
            "sex": "Female",
            "age": "17 and 20",
            "last_seen_place": "Zamboanga ferry terminal",
            "description": "Travelling together; the younger one wears glasses.",
        },
    ),
    Spec(
        day=1,
        sender="LK-CID",
        kind=Kind.REQUEST,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("MY-IMM", "TH-POL"),
        answer_days=7,
        subject="Request: travel records of two Colombo travel agents",
        text=p(
            "The two agents named in the route analysis are under investigation. Please send "
            "their entries and exits over the last year and any hotel registrations.",
        ),
    ),
]

# Everyday traffic between agencies, placed through the season.
_ROUTINE: list[Spec] = [
    Spec(
        day=136,
        sender="ID-POL",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        tlp=TLP.GREEN,
        to=("MY-IMM", "TH-POL", "IMO"),
        subject="Fake palm-oil plantation jobs in Sabah offered in East Nusa Tenggara",
        text=p("Village brokers offer plantation work with 'free passports'; fees are deducted."),
        details={
            "employer": "PT Sawit Makmur Jaya (unlicensed)",
            "job": "Plantation worker",
            "destination": "Tawau, Sabah",
            "channel": "Village brokers; WhatsApp",
            "contacts": "+62 813-5550-7788",
        },
    ),
    Spec(
        day=128,
        sender="AU-ABF",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("VN-IMM", "ID-IMM"),
        answer_days=14,
        subject="Request: issuance checks on 12 passports used with forged nominations",
        text=p("Please confirm whether the passports listed by our liaison officer are genuine."),
    ),
    Spec(
        day=122,
        sender="IMO",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Shelter capacity in the region: updated list",
        text=p(
            "The updated list of shelters accepting foreign victims, with languages spoken and "
            "places free, is with your focal points. Three new shelters opened in Thailand."
        ),
    ),
    Spec(
        day=114,
        sender="TH-POL",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        tlp=TLP.AMBER,
        to=("VN-POL", "KH-NCCT", "ID-POL"),
        subject="'Online casino host' jobs in Poipet advertised on TikTok",
        text=p("Short videos show offices and dormitories; recruits are sent to Poipet."),
        details={
            "employer": "'Royal Crown Entertainment'",
            "job": "Online casino host",
            "destination": "Poipet, Cambodia",
            "channel": "TikTok and Facebook Reels",
            "contacts": "Telegram @royalcrown_recruit",
        },
    ),
    Spec(
        day=107,
        sender="VN-CD",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("KH-NCCT", "TH-POL"),
        answer_days=10,
        subject="Request: status of Vietnamese nationals held after the August raid",
        text=p("Families are asking our consulates. Please share the list and the return dates."),
    ),
    Spec(
        day=101,
        sender="VN-IMM",
        kind=Kind.ALERT,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("VN-POL", "KH-NCCT", "TH-POL", "MY-IMM"),
        subject="Counterfeit exit stamps of Tân Sơn Nhất airport",
        text=p("Stamps with a wrong font have been found in passports of people returned."),
    ),
    Spec(
        day=94,
        sender="PH-IACAT",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Return and reintegration: what Philippine agencies offer returned victims",
        text=p(
            "Cash aid, skills training and legal aid, with the contacts of each regional office."
        ),
    ),
    Spec(
        day=87,
        sender="MY-IMM",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("ID-IMM", "PH-IACAT"),
        answer_days=10,
        subject="Request: recruitment agencies behind 40 overstaying domestic workers",
        text=p("Please tell us which agencies placed them and whether they hold a licence."),
    ),
    Spec(
        day=81,
        sender="LK-CID",
        kind=Kind.ALERT,
        alert_type=AlertType.RECRUITER,
        tlp=TLP.AMBER,
        to=("MY-IMM", "TH-POL", "MV-IMM"),
        subject="Sub-agent in Negombo recruiting for 'IT jobs' in Thailand",
        text=p("He collects LKR 350,000 per person and hands recruits to a Bangkok contact."),
        details={
            "names": "'Sunil aiya'",
            "phones": "+94 77 555 4410",
            "accounts": "IMO messenger; Facebook 'Thailand IT Jobs Sri Lanka'",
            "modus_operandi": "Fee in cash; tourist visa; met at the airport in Bangkok.",
            "area": "Negombo, Colombo",
        },
    ),
    Spec(
        day=73,
        sender="NZ-IMM",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Changes to New Zealand's seasonal employer scheme from next season",
        text=p("Employers must pay the airfare in full; deductions from wages are capped."),
    ),
    Spec(
        day=66,
        sender="KH-NCCT",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("VN-POL", "ID-POL", "PH-IACAT"),
        answer_days=14,
        subject="Request: victims' statements about the Bavet compound",
        text=p("For the prosecution of the compound's managers, please share usable statements."),
    ),
    Spec(
        day=52,
        sender="ID-IMM",
        kind=Kind.ALERT,
        alert_type=AlertType.JOB_OFFER,
        tlp=TLP.GREEN,
        to=("MY-IMM", "MV-IMM", "IMO"),
        subject="Fake hospital cleaner jobs in Malaysia advertised in Central Java",
        text=p("The 'agency' asks for IDR 15 million for a visa that is a tourist visa."),
        details={
            "employer": "'PT Bina Karya Mandiri'",
            "job": "Hospital cleaner",
            "destination": "Kuala Lumpur",
            "channel": "Facebook and WhatsApp",
            "contacts": "+62 857-5550-1020",
        },
    ),
    Spec(
        day=45,
        sender="VN-POL",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("TH-POL", "MY-IMM"),
        answer_days=10,
        subject="Request: phone subscribers behind four Thai and Malaysian numbers",
        text=p("The numbers were used to recruit for the Sihanoukville compound."),
    ),
    Spec(
        day=38,
        sender="IMO",
        kind=Kind.BULLETIN,
        tlp=TLP.AMBER,
        to=("VN-POL", "TH-POL", "KH-NCCT", "PH-IACAT", "ID-POL"),
        subject="Screening checklist for people returned from scam compounds",
        text=p("Ten questions to tell victims from willing workers, tested in three countries."),
    ),
    Spec(
        day=31,
        sender="MV-IMM",
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        to=("LK-CID",),
        answer_days=10,
        subject="Request: criminal records of two resort 'recruiters'",
        text=p("Both entered on tourist visas and placed workers on construction sites."),
    ),
    Spec(
        day=24,
        sender="PH-IACAT",
        kind=Kind.ALERT,
        alert_type=AlertType.RECRUITER,
        tlp=TLP.AMBER,
        to=("MY-IMM", "ID-POL", "IMO"),
        subject="Recruiter of seafarers using a manning agency's cancelled licence",
        text=p("Crews are sent to foreign fishing vessels with contracts the agency never signed."),
        details={
            "names": "'Captain Ramon'",
            "phones": "+63 917 555 3388",
            "accounts": "Facebook 'Seaman Jobs Abroad Direct Hire'",
            "modus_operandi": "Training fee; old licence number; joined at sea by transfer.",
            "area": "Manila, Iloilo, General Santos",
        },
    ),
    Spec(
        day=17,
        sender="VN-IMM",
        kind=Kind.BULLETIN,
        tlp=TLP.GREEN,
        to=(ALL,),
        subject="Returns through Mộc Bài and Bavet this quarter",
        text=p("214 people returned, 61 % men; 38 screened as victims and referred to support."),
    ),
    Spec(
        day=9,
        sender="ID-POL",
        kind=Kind.ALERT,
        priority=Priority.PRIORITY,
        tlp=TLP.AMBER,
        to=("MY-IMM", "KH-NCCT", "TH-POL"),
        subject="Indonesian workers moved from Sihanoukville to a new compound near the border",
        text=p("Families received messages from a new location; please check the area."),
    ),
    Spec(
        day=4,
        sender="AU-ABF",
        kind=Kind.REQUEST,
        tlp=TLP.GREEN,
        to=("NZ-IMM", "IMO"),
        answer_days=14,
        subject="Request: speakers for the visa-fraud session of the joint training",
        text=p("One speaker each, twenty minutes, on cases of the last year."),
    ),
    Spec(
        day=1,
        sender="IMO",
        kind=Kind.ALERT,
        tlp=TLP.AMBER,
        to=("VN-POL", "KH-NCCT", "TH-POL", "MY-IMM"),
        subject="Returnees report a new transit house in Poipet",
        text=p("Three returnees describe the same house where recruits wait for transport."),
    ),
]
