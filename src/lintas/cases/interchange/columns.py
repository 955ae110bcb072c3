"""The columns of the case interchange file and how their cells are written and read.

One row per person in a case; the case columns are repeated on each of its rows, and a case
without persons is one row with the person columns empty. Lists in a cell are joined by ``;``.
Events are one cell per case (``case_events``): events joined by ``;``, the parts of one event
joined by ``|`` (date | kind | country | place | description). No Django model is imported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Dates are read as the offline report files read them: day before month.
from lintas.core.dates import DATE_FORMS as DATE_FORMS
from lintas.core.dates import parse_date as parse_date


@dataclass(frozen=True)
class Column:
    name: str
    personal: bool = False
    required: bool = False
    example: str = ""


CASE_COLUMNS = (
    Column("case_reference", required=True, example="A-2024-017"),
    Column("case_owner_unit", example="Agency A"),
    Column("case_tlp", example="TLP:AMBER"),
    Column("case_status", example="open"),
    Column("case_opened_on", required=True, example="2024-03-02"),
    Column("case_closed_on"),
    Column("case_location_country", example="KH"),
    Column("case_exploitation_types", example="forced_criminality"),
    Column("case_means_of_control", example="documents_withheld; debt_bondage"),
    Column("case_recruitment_methods", example="online_job_ad"),
    Column("case_origin_countries", example="VN"),
    Column("case_transit_countries", example="TH"),
    Column("case_destination_countries", example="KH"),
    Column("case_narrative", personal=True, example="Recruited through a job advertisement."),
    Column("case_narrative_language", example="en"),
    Column(
        "case_events",
        personal=True,
        example="2024-01-10|recruitment|VN|Ha Noi|; 2024-01-20|border_crossing|KH|Bavet|",
    ),
)
PERSON_COLUMNS = (
    Column("person_role", example="victim"),
    Column("person_full_name", personal=True, example="Nguyễn Thị Mẫu"),
    Column("person_aliases", personal=True, example="Mẫu; Em Mẫu"),
    Column("person_date_of_birth", personal=True, example="2001-05-17"),
    Column("person_sex", example="female"),
    Column("person_nationality", example="VN"),
    Column("person_documents", personal=True, example="passport C0000000 VN"),
    Column("person_phones", personal=True, example="+84 900 000 000"),
    Column("person_emails", personal=True),
    Column("person_social", personal=True),
    Column("person_accounts", personal=True),
    Column("person_tlp"),
)
COLUMNS = CASE_COLUMNS + PERSON_COLUMNS
BY_NAME = {column.name: column for column in COLUMNS}
HEADER = [column.name for column in COLUMNS]
REQUIRED = [column.name for column in COLUMNS if column.required]
PERSONAL = frozenset(column.name for column in COLUMNS if column.personal)
CASE_NAMES = [column.name for column in CASE_COLUMNS]
PERSON_NAMES = [column.name for column in PERSON_COLUMNS]
# Read for information and ignored on import: the owner unit is chosen on the import form.
IGNORED_ON_IMPORT = frozenset({"case_owner_unit"})

LIST_SEPARATOR = ";"
EVENT_SEPARATOR = ";"
EVENT_PART_SEPARATOR = "|"

# ISO 3166-1 alpha-2, and XK (Kosovo), which the European Commission and many registries use.
COUNTRY_CODES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW XK
    """.split()  # noqa: SIM905 (a block of codes reads better than a list of strings)
)

# --- cells ----------------------------------------------------------------------------------

# A cell a spreadsheet would run as a formula is written with a leading apostrophe, which reading
# takes off again: ``formats.cells``, the rule of every CSV and workbook Lintas writes.


def split_list(text: str, *, commas: bool = False) -> list[str]:
    pattern = r"[;,]" if commas else LIST_SEPARATOR
    return [part.strip() for part in re.split(pattern, text) if part.strip()]


def join_list(values: list[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(_flat(v) for v in values)


def _flat(value: object) -> str:
    """One value of a list cell: separators inside it become commas."""
    if isinstance(value, dict):
        value = " ".join(str(v) for v in value.values() if v)
    return str(value).replace(LIST_SEPARATOR, ",").replace("\n", " ").strip()


def join_event(parts: list[str]) -> str:
    cleaned = [
        str(p).replace(EVENT_SEPARATOR, ",").replace(EVENT_PART_SEPARATOR, "/").strip()
        for p in parts
    ]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return EVENT_PART_SEPARATOR.join(cleaned)


def split_events(text: str) -> list[list[str]]:
    return [
        [part.strip() for part in event.split(EVENT_PART_SEPARATOR)]
        for event in text.split(EVENT_SEPARATOR)
        if event.strip()
    ]
