"""Small shared pieces: the base model, environment helpers, time and language helpers, the
request middleware and the project's system checks. Nothing domain-specific lives here."""
