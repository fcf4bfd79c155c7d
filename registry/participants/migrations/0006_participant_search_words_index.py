from django.db import migrations

from consultation.search_text import stored_words_operation, words_index_operation


class Migration(migrations.Migration):
    """The admin's search asks the words of search_text (consultation.search_text.matching); the desk's search
    still uses the trigram index of 0005, as it also matches codes and organisations' current names."""

    dependencies = [("participants", "0005_participant_search_text")]

    operations = [
        stored_words_operation("participants.Participant"),
        words_index_operation(table="participants_participant", name="participant_search_words"),
    ]
