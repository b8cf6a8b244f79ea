"""Reads of the applicant registries."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from onewindow.core.identity import clean_applicant_number
from onewindow.registries.models import LegalPerson, NaturalPerson

if TYPE_CHECKING:
    from onewindow.accounts.models import User


def applicant_find(*, user: User, number: str) -> tuple[NaturalPerson | LegalPerson | None, str]:
    """Find an applicant by exact number among those visible to ``user``.

    Returns the record (or ``None``) and the kind of number recognised: ``person`` or
    ``organisation``. Raises ``ValidationError`` when the number is neither a valid ID nor a valid
    USCC: an exact match on a mistyped number would otherwise tell the clerk "not registered" and
    invite a duplicate.
    """
    # Answered with the message of the kind the input most resembles (a code ending in Y is a
    # credit code, not an ID with a wrong last character).
    kind, clean = clean_applicant_number(number)
    if kind == "organisation":
        return LegalPerson.objects.visible_to(user).filter(uscc=clean).first(), kind
    return NaturalPerson.objects.visible_to(user).filter(id_number=clean).first(), kind


def applicant_by_public_id(
    *, user: User, public_id: str | None
) -> NaturalPerson | LegalPerson | None:
    """The applicant behind an opaque public id, among those visible to ``user`` (``None``: no
    such applicant, or a malformed id). Pages carry this id from one step to the next instead of
    the applicant's ID number or credit code, which must never be in a URL."""
    try:
        key = uuid.UUID(str(public_id or ""))
    except ValueError:
        return None
    person = NaturalPerson.objects.visible_to(user).filter(public_id=key).first()
    if person is not None:
        return person
    return LegalPerson.objects.visible_to(user).filter(public_id=key).first()
