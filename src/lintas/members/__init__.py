"""Members: bodies, their member units (a tree), people, memberships with roles, invitations,
personal API tokens, accounts (sign-in second factor, profile), and the demo's bodies and people.
It also holds what every app's views use to load a body (``bodyctx.py``, ``http.py``) and the
page of a body's audit log.

It owns who belongs where; the rules of who may see what are in ``lintas/policy.py``, which
sits in its layer. It imports only audit and core: never reporting, cases, networks or above."""
