"""Demo reporting history for the two demo bodies: templates, obligations and submissions from
January 2023 up to today, with units that are always on time, some chronically late, some
returned and resubmitted, a unit that joined mid-way, and gaps. The committee's departments
validate their reports before they go to its standing office. In the latest period whose
deadline has passed (counted from the day the demo is loaded) some units are on time, some
late, one missing, and some reports wait for their validator. Fictional throughout.

``data`` holds the tables (the two templates, the texts, the units' habits); ``load`` writes
them: ``load_reporting_demo()``, which ``lintas demo`` calls.
"""

from lintas.reporting.demo.load import load_reporting_demo, record_report

__all__ = ["load_reporting_demo", "record_report"]
