"""A submission as an XLSX workbook, for work without a connection, and reading it back.

- ``layout``: where each question lives in the workbook; writing and reading share it.
- ``build``: ``build_workbook(submission, language)`` writes the questions, help and answers so
  far, with Excel data validation where Excel has it, and a hidden sheet that names the
  submission, its template version and revision, signed with the site's secret key;
  ``build_blank_workbook(version, language)`` the same questions without answers or
  identification, to read a template (uploading it is refused).
- ``read``: ``read_workbook(submission, content)`` returns the answers of a file only when
  nothing in it is wrong; otherwise ``WorkbookProblems`` lists every problem (sheet, cell,
  message). A file for another report, another template version, an older revision or with
  changed identification is refused.

Taking a good file in as the draft is a write: ``services.upload_workbook``.
"""

from lintas.reporting.offline.build import (
    CONTENT_TYPE,
    build_blank_workbook,
    build_workbook,
    file_name,
)
from lintas.reporting.offline.layout import Problem, WorkbookProblems
from lintas.reporting.offline.read import MAX_UPLOAD_BYTES, read_workbook

__all__ = [
    "CONTENT_TYPE",
    "MAX_UPLOAD_BYTES",
    "Problem",
    "WorkbookProblems",
    "build_blank_workbook",
    "build_workbook",
    "file_name",
    "read_workbook",
]
