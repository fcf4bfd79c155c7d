"""Participants: registration, waiting lists, the registration desk, attendance sheets and badges."""
