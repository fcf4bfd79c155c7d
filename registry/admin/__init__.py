"""Back office for participants and offers, one module each."""

from . import desk, offers, participants  # noqa: F401
