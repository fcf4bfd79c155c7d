from django.core.management import call_command
from django.core.management.base import BaseCommand

from consultation.services import organiser_create

FIXTURE = "consultation_2015"


class Command(BaseCommand):
    help = "Load the 2015 consultation and create an organiser account, printing its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="organisers")

    def handle(self, *args, username: str, **options):
        call_command("loaddata", FIXTURE, verbosity=0)
        self.stdout.write(self.style.SUCCESS("The 2015 consultation is loaded."))
        user, password = organiser_create(username=username)
        if password:
            self.stdout.write(
                self.style.WARNING(
                    f"Organiser login for http://127.0.0.1:8000/lv/admin/ — user: {user.username}  password: {password}\n"
                    "(shown once; change it with: python manage.py changepassword " + user.username + ")"
                )
            )
        else:
            self.stdout.write(
                f"Organiser account '{user.username}' already exists; its password was printed when it was created "
                f"(reset it with: python manage.py changepassword {user.username})."
            )
