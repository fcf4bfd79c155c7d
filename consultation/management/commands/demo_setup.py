from django.core.management import call_command
from django.core.management.base import BaseCommand

from consultation.services import organiser_create

FIXTURE = "consultation_2015"
# Pasted as printed from the project's folder, this runs with the demo's virtual environment and settings.
CHANGE_PASSWORD = "DEBUG=1 .venv/bin/python manage.py changepassword"


class Command(BaseCommand):
    help = "Load the 2015 consultation and create an organiser account, printing its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="organisers")
        parser.add_argument("--port", type=int, default=8000, help="The port the demo server listens on.")

    def handle(self, *args, username: str, port: int, **options):
        call_command("loaddata", FIXTURE, verbosity=0)
        self.stdout.write(self.style.SUCCESS("The 2015 consultation is loaded."))
        user, password = organiser_create(username=username)
        if password:
            self.stdout.write(
                self.style.WARNING(
                    f"Organiser login for http://127.0.0.1:{port}/lv/admin/ — user: {user.username}  "
                    f"password: {password}\n(shown once; change it with: {CHANGE_PASSWORD} {user.username})"
                )
            )
        else:
            self.stdout.write(
                f"Organiser account '{user.username}' already exists; its password was printed when it was created "
                f"(reset it with: {CHANGE_PASSWORD} {user.username})."
            )
