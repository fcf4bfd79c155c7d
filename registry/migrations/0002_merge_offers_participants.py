# Offers and participants were built side by side; this joins their first migrations.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_offers"),
        ("registry", "0001_participants"),
    ]

    operations = []
