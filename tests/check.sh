#!/bin/sh
# The whole test suite: lint, the layers of imports, types, then the tests on both cores.
# Run from the project root with the project's virtual environment first on PATH.
set -eu
ruff check reader tests
lint-imports
mypy
pytest -n 2 -q "$@"
