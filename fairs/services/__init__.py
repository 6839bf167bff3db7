"""Fairs and livestreams: one module per operation (docs/fairs.md)."""
