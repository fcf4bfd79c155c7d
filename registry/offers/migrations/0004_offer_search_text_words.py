from django.db import migrations

from consultation.search_text import searchable


def rebuild(apps, schema_editor):
    """Search text as consultation.search_text stores it: words between spaces, both languages' labels."""
    Offer = apps.get_model("offers", "Offer")
    rows = []
    for offer in Offer.objects.select_related("organisation").iterator(chunk_size=2000):
        organisation = offer.organisation
        names = [organisation.name_lv, organisation.name_en, organisation.short_name] if organisation else []
        # a person's name only when their card shows it (Offer.shows_author_name)
        shows_author = offer.source == "questionnaire" or offer.show_author_name
        author = offer.author_name if shows_author else ""
        offer.search_text = searchable(author, *names, offer.description, offer.capacity)
        rows.append(offer)
    Offer.objects.bulk_update(rows, ["search_text"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("offers", "0003_audit_trail")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
