"""Where a counter intake comes from, for the apps above cases (the hall's queue: a ticket).

The counter's intake may open "for" something another app owns — a queue ticket whose visitor is
at the window. That app registers an :class:`Origin` in its ``AppConfig.ready``; the intake pages
carry its reference (``"<kind>:<opaque id>"``, never personal data) through their forms, take the
applicant and the item from it, and the intake service lets the origin record the new case in
the same transaction (a refusal rolls the case back). Cases import none of those apps
(decision 0008), as with ``panels``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import Case


@dataclass(frozen=True)
class Prefill:
    """What an origin tells the intake: who applies, for which item (if chosen), and a label."""

    applicant_number: str
    entry_public_id: str | None
    label: str


@dataclass(frozen=True)
class Origin:
    kind: str
    # The pre-fill for this user, or ``None`` when the reference names nothing they may use.
    resolve: Callable[[str, User], Prefill | None]
    # Records the case (inside the intake's transaction); raises ``DomainError`` to refuse.
    attach: Callable[[str, Case, User], None]


_ORIGINS: dict[str, Origin] = {}


def register(origin: Origin) -> Origin:
    _ORIGINS[origin.kind] = origin
    return origin


def _split(reference: str) -> tuple[Origin, str] | None:
    kind, _sep, key = (reference or "").partition(":")
    origin = _ORIGINS.get(kind)
    if origin is None or not key:
        return None
    return origin, key


def prefill(reference: str, user: User) -> Prefill:
    """The pre-fill of a reference; an unknown or foreign reference is a 404, like a missing
    object."""
    found = _split(reference)
    result = found[0].resolve(found[1], user) if found else None
    if result is None:
        raise Http404
    return result


def attach(reference: str, case: Case, user: User) -> None:
    if not reference:
        return
    found = _split(reference)
    if found is None:
        raise Http404
    found[0].attach(found[1], case, user)
