"""Who comes and what they bring: participants (registration) and offers (resource wall, questionnaire)."""

from .desk import *  # noqa: F403
from .offers import *  # noqa: F403
from .participants import *  # noqa: F403
