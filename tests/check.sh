#!/bin/sh
# The whole test suite: lint, types, then the tests on both cores.
# Run from the project root with the project's virtual environment first on PATH.
set -eu
ruff check reader tests
mypy
pytest -n 2 -q "$@"
