"""Reporting: report templates (versioned sections and typed fields), obligations (which units
owe which template for which periods, with deadlines), submissions and their history, exceptions,
reminders, and the DHIS2-style measures (expected, actual, on time, rates, completeness).

Deadline arithmetic (``periods.py``) and the measures (``measures.py``) are plain modules without
Django imports. This app decides nothing about who may see what: policy.py does."""
