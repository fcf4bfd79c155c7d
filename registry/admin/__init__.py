"""Back office for participants and offers, one module each."""

from . import offers, participants  # noqa: F401
