from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from consultation.search_text import searchable


def fill(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    rows = []
    for participant in Participant.objects.select_related("organisation").iterator(chunk_size=2000):
        organisation = participant.organisation
        names = [organisation.name_lv, organisation.name_en, organisation.short_name] if organisation else []
        participant.search_text = searchable(
            participant.first_name, participant.last_name, participant.organisation_name, *names
        )
        rows.append(participant)
    Participant.objects.bulk_update(rows, ["search_text"], batch_size=2000)
    if schema_editor.connection.vendor == "postgresql":  # the word search (LIKE '% word%') uses it
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS participant_search_text_trgm ON participants_participant "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS participant_search_text_trgm")


class Migration(migrations.Migration):
    dependencies = [("participants", "0004_desk_action")]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="participant",
            name="search_text",
            field=models.TextField(default="", editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(fill, drop_index),
    ]
