"""Demo reporting history for the two demo bodies: templates, obligations and submissions from
January 2023 up to today, with units that are always on time, some chronically late, some
returned and resubmitted, a unit that joined mid-way, and gaps. Fictional throughout.

``data`` holds the tables (the two templates, the texts, the units' habits); ``load`` writes
them: ``load_reporting_demo()``, which ``lintas demo`` calls.
"""

from lintas.reporting.demo.load import load_reporting_demo

__all__ = ["load_reporting_demo"]
