#!/bin/sh
# The whole test suite: lint, formatting, the layers of imports, types, then the tests on
# both cores.
# Run from the project root with the project's virtual environment first on PATH.
set -eu
ruff check reader tests
ruff format --check reader tests
lint-imports
mypy
# Each conftest.py is a module named "conftest", so mypy takes them one at a time.
for conftest in $(find tests -name conftest.py); do mypy "$conftest"; done
pytest -n 2 -q "$@"
