"""Offers: the resource wall, the NGO services questionnaire, the directory, the coverage map, open data."""
