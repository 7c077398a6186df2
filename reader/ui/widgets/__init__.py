"""Widgets of the reader app; each reports upward in small messages."""
