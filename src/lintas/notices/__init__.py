"""Notices: one way to tell a person. It owns the in-app notifications, their e-mail delivery
(sent by the worker in the recipient's language, retried when the mail server fails) and each
person's choice per kind of notice: e-mail at once, a daily digest, or the app only.

Other apps call ``services.notify`` with the people to tell (found with ``members.selectors``) and
untranslated texts; this app renders them per recipient. It decides nothing about who should be
told, and never sends mail inside a web request."""
