"""The back office's three roles as Django groups: Organisers, Group leaders, Desk.

Their permissions are completed after every migrate (consultation.apps), when every app's exist.
"""

from django.db import migrations

from consultation.roles import roles_sync


def create_roles(apps, schema_editor):
    roles_sync(
        group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("consultation", "0003_desk_permission_and_listed_organisations"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
