"""Admin for offers."""
