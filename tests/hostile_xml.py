"""Workbooks made to hurt a server that reads them: XML that breaks off, an entity that reads a
file of the server (XXE), entities that expand to gigabytes ("billion laughs"), values that are
not what their cell says. Shared by the tests of the case import and of the offline upload."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEET = "xl/worksheets/sheet1.xml"
BOOK = "xl/workbook.xml"


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet(body: str, doctype: str = "") -> str:
    """A sheet as spreadsheets write it: its dimension first, which openpyxl reads on opening;
    the rows are read later, one by one."""
    return (
        f'<?xml version="1.0"?>{doctype}<worksheet {NS}><dimension ref="A1:B40"/>'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


HEADER_ROW = f'<row r="1">{cell("A1", "case_reference")}{cell("B1", "case_opened_on")}</row>'
ROWS = "".join(
    f'<row r="{n}">{cell(f"A{n}", f"A-{n}")}{cell(f"B{n}", "2024-03-02")}</row>'
    for n in range(2, 40)
)
XXE = '<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
LAUGHS = (
    '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {name} "{("&" + before + ";") * 10}">'
        for before, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)

# What each upload holds: a part of the package and the XML put in its place.
HOSTILE: dict[str, tuple[str, str]] = {
    "broken off midway": (SHEET, sheet(HEADER_ROW + ROWS)[:-40]),
    "an external entity in the sheet": (
        SHEET,
        sheet(f'<row r="1">{cell("A1", "&xxe;")}</row>' + ROWS, XXE),
    ),
    "entities that expand to gigabytes in the sheet": (
        SHEET,
        sheet(f'<row r="1">{cell("A1", "&i;")}</row>' + ROWS, LAUGHS),
    ),
    "an external entity in the workbook": (
        BOOK,
        f'<?xml version="1.0"?>{XXE}<workbook {NS}><sheets>&xxe;</sheets></workbook>',
    ),
    "entities that expand to gigabytes in the workbook": (
        BOOK,
        f'<?xml version="1.0"?>{LAUGHS}<workbook {NS}><sheets>&i;</sheets></workbook>',
    ),
    "a workbook without sheets": (
        BOOK,
        f'<?xml version="1.0"?><workbook {NS}><sheets/></workbook>',
    ),
    "a number cell holding text": (
        SHEET,
        sheet(HEADER_ROW + '<row r="2"><c r="A2" t="n"><v>abc</v></c></row>'),
    ),
    "a cell past the last column": (
        SHEET,
        sheet(HEADER_ROW + f'<row r="2">{cell("ZZZZZZ2", "x")}</row>'),
    ),
    "a date cell holding no date": (
        SHEET,
        sheet(HEADER_ROW + '<row r="2"><c r="B2" t="d"><v>soon</v></c></row>'),
    ),
}


def cases_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["case_reference", "case_opened_on"])
    ws.append(["A-1", "2024-03-02"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def replace_part(content: bytes, part: str, xml: str, *, encoding: str = "utf-8") -> bytes:
    """The package with ``part`` holding ``xml`` (added when the package has no such part)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            if info.filename != part:
                package.writestr(info, source.read(info.filename))
        package.writestr(part, xml.encode(encoding))
    return out.getvalue()


def shows_hostname(page: str) -> bool:
    """Whether a page shows this machine's name as a word of its own: a short name such as
    "vm" may well occur inside a random token, so tokens are taken out first."""
    server = hostname()
    if not server:
        return False
    page = re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]*', "", page)
    return re.search(rf"(?<![\w-]){re.escape(server)}(?![\w-])", page) is not None


def hostname() -> str:
    try:
        with open("/etc/hostname", encoding="utf-8") as found:
            return found.read().strip()
    except OSError:
        return ""
