"""The test settings with a third content language, Lithuanian: what adding a language changes.

Run as ``pytest --ds tests.settings_trilingual --no-migrations tests/trilingual`` (``make test`` does): the
tables are made from the models, so they have the ``*_lt`` columns that ``makemigrations`` would add.
"""

from tests.settings import *  # noqa: F403

# The name untranslated: the catalogues (lv, en) are the project's; a real third language brings its own.
LANGUAGES = [*LANGUAGES, ("lt", "Lithuanian")]  # noqa: F405
