"""Networks: linking records, persons and indicators into explainable networks.

The app owns link runs (a full relink asked for by an analyst or the secretariat, or an update
queued when a case or person changes), the networks of the last run with their evidence
(persons, indicators kept encrypted and as a keyed blind index, same-person matches), the
hit/no-hit notices between units, and the pages that show them through ``policy.py``. It must
not show anything of a case to someone who may not read that case, and never lets a TLP:RED
case into linking. It imports cases and the apps below; never synthesis, api or web.

``engine/`` is the algorithm: pure Python plus DuckDB, with no Django import and no import of
Lintas outside itself. The app only calls it.
"""
