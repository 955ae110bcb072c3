"""Full-text search over messages: an FTS5 table kept in step by triggers on SQLite, a GIN index
of the words on PostgreSQL. Both read ``search_text`` (see ``selectors.search``)."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE exchange_message_fts USING fts5(
        search_text, content='exchange_message', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER exchange_message_fts_ai AFTER INSERT ON exchange_message BEGIN
        INSERT INTO exchange_message_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER exchange_message_fts_ad AFTER DELETE ON exchange_message BEGIN
        INSERT INTO exchange_message_fts(exchange_message_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER exchange_message_fts_au AFTER UPDATE OF search_text ON exchange_message BEGIN
        INSERT INTO exchange_message_fts(exchange_message_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO exchange_message_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS exchange_message_fts_au",
    "DROP TRIGGER IF EXISTS exchange_message_fts_ad",
    "DROP TRIGGER IF EXISTS exchange_message_fts_ai",
    "DROP TABLE IF EXISTS exchange_message_fts",
]
POSTGRES = [
    "CREATE INDEX exchange_message_words ON exchange_message "
    "USING gin (to_tsvector('simple', search_text))",
]
POSTGRES_UNDO = ["DROP INDEX IF EXISTS exchange_message_words"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        ),
    ]
