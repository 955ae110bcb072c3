"""Joint action phases: a body's plan for a number of years, its results chain (impact, outcome,
output), activities with their lead and contributing units, indicators with baselines, targets
and actuals (some computed from the platform's own data), progress updates owed through the
reporting regime, evaluations with lessons, good practices and recommendations, and the next
phase seeded from them.

It reads the apps below it (reporting, cases, networks, exchange, synthesis) and writes only its
own tables, the obligations of its progress updates (through the reporting services) and nothing
else. It must not import the apps above it (web, api) nor any app beside it.
"""
