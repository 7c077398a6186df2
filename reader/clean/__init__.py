"""Boilerplate removal: saved pages in, title, metadata and Markdown body out."""
