from django.db import migrations


def rebuild(apps, schema_editor):
    """Search text as consultation.search_text stores it: words between spaces, both languages' labels."""
    from registry.offers.models import offer_search_text

    Offer = apps.get_model("offers", "Offer")
    rows = []
    for offer in Offer.objects.select_related("organisation").iterator(chunk_size=2000):
        offer.search_text = offer_search_text(offer, offer.organisation)
        rows.append(offer)
    Offer.objects.bulk_update(rows, ["search_text"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_offer_private_link_language_mail_status")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
