"""Synthesis: the consolidated report of a period (numbers aggregated over units, narratives
gathered by unit and section, late and missing units), its exports (on screen, DOCX, PDF, XLSX,
CSV), the leaders' dashboard, and generation of reports by the worker.

It reads submissions through ``consolidate`` and ``selectors``; it never changes a submission.
Who may read a synthesis is decided in ``reporting/policy.py`` (the body's readers). It imports
reporting and the apps below; never cases or networks, api or web."""
