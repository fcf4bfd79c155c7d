"""Participants: registration, waiting list, check-in."""

__all__: list[str] = []
