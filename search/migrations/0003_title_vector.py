"""PostgreSQL only: a small title-only tsvector with its own GIN index, so ranking title matches
first never re-reads the full body vectors. Filled by ``boussole_search_index``."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE boussole_search_searchdocument ADD COLUMN IF NOT EXISTS title_vector tsvector",
    "CREATE INDEX IF NOT EXISTS boussole_search_title_vector_gin "
    "ON boussole_search_searchdocument USING gin (title_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS boussole_search_title_vector_gin",
    "ALTER TABLE boussole_search_searchdocument DROP COLUMN IF EXISTS title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("boussole_search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
