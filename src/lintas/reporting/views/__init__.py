"""Reporting pages. Each view: load through a selector (404 for strangers), check the action
(403), call a service, render.

By topic: ``overview`` (the reports home, the matrix, my reports), ``submissions`` (start, read,
fill in and compare a report), ``review`` (validate, accept, return), ``regime``
(obligations, exceptions, templates), ``builder`` (the template builder, the list of
templates, a template's blank workbook) and ``offline`` (the XLSX download and upload);
``common`` holds what they share. ``urls.py`` names them all as ``views.<name>``.
"""

from lintas.reporting.views.builder import (
    template_create,
    template_edit,
    template_list,
    template_xlsx,
)
from lintas.reporting.views.offline import submission_upload, submission_xlsx
from lintas.reporting.views.overview import matrix, my_reports, reports_home
from lintas.reporting.views.regime import (
    exception_create,
    obligation_create,
    obligation_edit,
    template_detail,
)
from lintas.reporting.views.review import (
    submission_accept,
    submission_return,
    submission_validate,
)
from lintas.reporting.views.submissions import (
    start,
    submission_compare,
    submission_detail,
    submission_edit,
)

__all__ = [
    "exception_create",
    "matrix",
    "my_reports",
    "obligation_create",
    "obligation_edit",
    "reports_home",
    "start",
    "submission_accept",
    "submission_compare",
    "submission_detail",
    "submission_edit",
    "submission_return",
    "submission_upload",
    "submission_validate",
    "submission_xlsx",
    "template_create",
    "template_detail",
    "template_edit",
    "template_list",
    "template_xlsx",
]
