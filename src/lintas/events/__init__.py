"""Conferences, trainings and meetings of a body: the agenda (days, rooms, sessions,
contributions, presenters and chairs), delegates nominated by units within a quota, badges and
visa letters, check-in per day and session, materials under TLP and the Chatham House Rule,
feedback surveys and pre/post tests, certificates of attendance anyone can verify, and the
action items an event decides, followed to done.

It reads members, notices and audit, and nothing above them. The plans app reads its
measures through ``selectors.people_trained`` and ``selectors.knowledge_gain``.
"""
