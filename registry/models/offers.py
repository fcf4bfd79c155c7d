"""Offers: resource-wall cards and questionnaire answers."""

__all__: list[str] = []
