"""Demo events of the two demo bodies, written through the services:

- the working group's three-day conference on the Joint Action Phase, held three weeks ago in
  Hanoi: an opening, country updates in two rooms, the migration organisation's session on
  protecting vulnerable communities, two outside experts on the last day and the evaluation of
  the phase; every agency invited with a quota of four, about sixty delegates, attendance per
  day and session, an anonymous feedback survey half answered, decisions and action items (one
  done, one overdue);
- the working group's annual meeting of the heads of delegation, five weeks ahead in Wellington:
  every agency invited with a quota of two, half have named their head of delegation (some
  approved, some waiting), the agenda out;
- the city committee's human-rights training conference for key cadres, held two weeks ago: two
  topics presented by speakers, a pre-test and a post-test, certificates issued to those who
  attended both topics.

The randomness is seeded. Loading twice adds nothing.
"""

from __future__ import annotations

from lintas.events.demo.load import load_events_demo

__all__ = ["load_events_demo"]
