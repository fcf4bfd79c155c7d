"""Who comes and what they bring: participants (issue: registration) and offers (resource wall, questionnaire)."""
