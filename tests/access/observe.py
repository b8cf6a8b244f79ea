"""Request one row of the table as every persona, inside and outside its scope."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from .harness import REDIRECT, client_for, fingerprint, outcome
from .rows import Row
from .world import PERSONAS, AccessWorld, county_of

METHODS = ("get", "post")
CHANGED = " +CHANGED"


def sides_of(persona: str, kind: str | None) -> tuple[str, ...]:
    """The county whose object is "inside" for the persona, then the other one."""
    if kind is None:
        return ("-",)
    home = county_of(persona)
    return (home, "b" if home == "a" else "a")


def observe(
    row: Row, world: AccessWorld, *, methods: tuple[str, ...] = METHODS, detail: bool = False
) -> dict[tuple[str, str, int], Any]:
    """{(persona, method, 0 inside / 1 outside): outcome}. A POST that wrote anything gets
    CHANGED appended to its outcome, so the caller can tell."""
    result: dict[tuple[str, str, int], Any] = {}
    for persona in PERSONAS:
        for index, side in enumerate(sides_of(persona, row.kind)):
            target = world.objects[row.kind][side] if row.kind else None
            url = reverse(row.url_name, kwargs=row.kwargs(target) if row.kwargs else None)
            if row.query:
                url += "?" + urlencode(row.query(target), doseq=True)
            for method in methods:
                client = client_for(world.sessions[persona])
                before = fingerprint() if method == "post" else None
                try:
                    response = getattr(client, method)(url)
                except Exception as exc:  # the test client re-raises a view's exception
                    got: Any = f"500 {type(exc).__name__}: {exc}"[:300]
                else:
                    got = outcome(response)
                    if detail and got == REDIRECT:
                        got = f"{got} {response['Location']}"
                if before is not None and fingerprint() != before:
                    got = f"{got}{CHANGED}"
                result[(persona, method, index)] = got
    return result
