"""Cases in and out as HTCDS-shaped files: one row per person in a case (docs/cases-interchange.md).

- ``columns``: the columns, the accepted date forms, how lists and events sit in a cell; no
  Django model imported.
- ``export``: ``export_cases(body=…, by=…, personal_data=…, file_format=…, password=…)``: the
  cases a person may read, personal columns only where the policy allows and only in a file
  locked with a password (encrypted XLSX or AES-256 ZIP); audited, counts never values.
- ``reading``: an uploaded CSV (UTF-8) or XLSX into a header and rows, or every problem.
- ``importing``: checks every row of a file and plans its cases, persons and events, or lists
  every problem; ``cases.services.import_cases(body=…, owner_unit=…, by=…, file=…)`` saves a
  plan without problems through the case services in one transaction, or nothing.
- ``forms``: the forms of the import and export pages, which are in ``cases/views/interchange.py``.
"""

from lintas.cases.interchange.export import ExportFile, Format, export_cases, template_file
from lintas.cases.interchange.importing import ImportResult
from lintas.cases.interchange.reading import ImportProblems, Problem

__all__ = [
    "ExportFile",
    "Format",
    "ImportProblems",
    "ImportResult",
    "Problem",
    "export_cases",
    "template_file",
]
