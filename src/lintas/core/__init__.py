"""Core: small shared pieces with no domain in them: the base model, environment helpers
(``env.py``), errors, time and date helpers (``times.py``, ``dates.py``), the middleware that
needs no one's roles, the worker's heartbeat and periodic tasks, and the system checks.

It imports no app of Lintas (a contract in pyproject.toml checks it): anything that needs a
body, a person or a role belongs in members or above."""
