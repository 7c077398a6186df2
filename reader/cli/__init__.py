"""The ``reader`` command: the app by default, scripting subcommands beside it."""
