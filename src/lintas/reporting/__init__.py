"""Reporting: report templates (versioned sections and typed fields), obligations (which units
owe which template for which periods, with deadlines), submissions and their history, exceptions,
reminders, and the DHIS2-style measures (expected, actual, on time, rates, completeness).

Deadline arithmetic (``periods.py``), the measures (``measures.py``) and the checks of answers
(``validation.py``) are plain modules without Django imports. Who may fill, validate or read a
report is decided in ``policy.py``. It imports members, audit and core: never cases, networks,
synthesis or above."""
