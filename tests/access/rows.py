"""The vocabulary of the access table: a row, who it names, and how a row reads a persona's cell.

A row's ``get`` (and ``post``) maps persona names to what they get. A key may name several
personas separated by spaces; ``"*"`` is everyone not named elsewhere in the row. A value is one
outcome for the object inside the persona's scope and the one outside it alike, or a pair
``(inside, outside)``. Outcomes are status codes (200, 403, 404, 405) or ``LOGIN`` (302 to the
sign-in page), ``ADMIN_LOGIN`` (302 to the Django admin's sign-in page), ``REDIRECT`` (302
anywhere else: a form's next page, a look-up that needs its query).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .harness import ADMIN_LOGIN, LOGIN, REDIRECT
from .world import ANONYMOUS, PERSONAS

__all__ = ["ADMIN_LOGIN", "ANON", "LOGIN", "REDIRECT", "SAME", "Row", "cells"]

ANON = ANONYMOUS
SAME = "same as GET"  # a POST answers exactly like the GET

Outcome = int | str
Cell = Outcome | tuple[Outcome, Outcome]


@dataclass(frozen=True)
class Row:
    """What every persona gets from one URL name.

    ``kind`` names the object the URL is built from (``None``: a URL without parameters);
    ``kwargs`` turns that object into the URL's parameters and ``query`` into its query string.
    ``post`` is checked for every URL that accepts a POST; an empty body must change nothing
    unless the persona is listed in ``writes``. ``xfail`` names a known defect: the row states the
    correct outcome and the test is expected to fail until the defect is fixed.
    """

    name: str
    get: Mapping[str, Cell]
    kind: str | None = None
    kwargs: Callable[[Any], dict] | None = None
    query: Callable[[Any], dict] | None = None
    post: Mapping[str, Cell] | str | None = None
    writes: frozenset[str] = field(default_factory=frozenset)
    xfail: str | None = None

    @property
    def url_name(self) -> str:
        # "cases:act[pass]" is the row of one value of the URL's "action" parameter.
        return self.name.split("[")[0]


def cells(expect: Mapping[str, Cell]) -> dict[str, tuple[Outcome, Outcome]]:
    """Every persona's (inside, outside) from a row's compact notation."""
    result: dict[str, tuple[Outcome, Outcome]] = {}
    rest: Cell | None = None
    for key, value in expect.items():
        pair = value if isinstance(value, tuple) else (value, value)
        if key == "*":
            rest = pair
            continue
        for persona in key.split():
            if persona not in PERSONAS:
                raise ValueError(f"unknown persona {persona!r}")
            if persona in result:
                raise ValueError(f"persona {persona!r} named twice")
            result[persona] = pair
    for persona in PERSONAS:
        if persona not in result:
            if rest is None:
                raise ValueError(f"persona {persona!r} has no cell")
            result[persona] = rest
    return result
