from django.db import migrations

from consultation.search_text import stored_words_operation, words_index_operation


def _drop_trigram_index(apps, schema_editor):
    """The word search no longer asks LIKE of search_text on PostgreSQL (consultation.search_text.matching)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS offer_search_text_trgm")


def _trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS offer_search_text_trgm ON offers_offer "
            "USING gin (search_text gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_offer_search_text_words")]

    operations = [
        stored_words_operation("offers.Offer"),
        words_index_operation(table="offers_offer", name="offer_search_words"),
        migrations.RunPython(_drop_trigram_index, _trigram_index),
    ]
