"""Audit: the append-only log of who did what to which object and when, and log_action() to write
it. Entries are never updated or deleted: the model refuses it and database triggers enforce it.
It records; it never decides who may do something.

Every app writes to it, so it imports only core: the page that shows the log is a members page."""
