"""``python -m reader`` is the ``reader`` command."""

import sys

from reader.cli.main import main

sys.exit(main())
