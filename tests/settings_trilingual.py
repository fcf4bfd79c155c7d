"""The test settings with a third content language, Lithuanian: what adding a language changes.

Run as ``pytest --ds tests.settings_trilingual --no-migrations tests/trilingual`` (``make test`` does): the
tables are made from the models, so they have the ``*_lt`` columns that ``makemigrations`` would add.
"""

from django.utils.translation import gettext_lazy as _

from tests.settings import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("lt", _("Lithuanian"))]  # noqa: F405
