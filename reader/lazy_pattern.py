"""Regular expressions compiled on first use: the one way reader declares a pattern.

``re`` compiles a pattern in Python code: well under a millisecond for most, several for
wide Unicode classes. Compiled at import, the cleaner's seventy-odd patterns would cost
every process that imports a cleaner module, used or not; declared as a
:class:`LazyPattern`, a pattern costs nothing until a page needs it.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import AnyStr, Generic


class LazyPattern(Generic[AnyStr]):
    """``re.compile(source, flags)``, done the first time ``regex`` is read.

    After that ``regex`` is a plain attribute of the instance, so hot loops pay nothing
    for the laziness.
    """

    def __init__(self, source: AnyStr, flags: int = 0) -> None:
        self.source: AnyStr = source
        self.flags = flags

    @cached_property
    def regex(self) -> re.Pattern[AnyStr]:
        """The compiled pattern."""
        return re.compile(self.source, self.flags)
