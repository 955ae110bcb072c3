"""Cases: trafficking and smuggling case records shared across agencies (fields after HTCDS), the
persons in them, TLP labels, shares with other units, victims' consent and the named readers of
TLP:RED cases, referrals and transfers between units and emergency access ("break the glass",
``referrals.py``, ``tasks.py``). Personal fields are encrypted at rest (``crypto.py``,
``fields.py``).

Who may see what is decided in ``policy.py``, and every page reads case data through
``selectors.py``, which applies it and writes the audit entries for reads of personal data.
It imports reporting, members, audit and core; never networks or above: an app that must hear of
a change to a case registers with ``services.on_case_changed``."""
