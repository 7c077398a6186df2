"""Taking the library out: Markdown files to read anywhere, or one JSON file to restore from."""
