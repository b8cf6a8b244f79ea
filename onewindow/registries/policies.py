"""Who may do what with applicant records.

Full personal numbers are shown only to those who need them: the window clerk, who checks the
card against the record, and the person themselves. Everyone else sees them masked.

A clerk needs them for the applicants of the clerk's own county and for whoever comes to the
clerk's window: a clerk of county B sees a county A applicant masked unless that person applies
(or acts as agent) at a service place of county B, or was just looked up by number or registered
at the clerk's window (issue 17 item 7). Cases are read through the reverse relations by name
(``cases``, ``agent_cases``): registries sits below cases and imports nothing of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import ServicePlace

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.registries.models import LegalPerson, NaturalPerson


def may_look_up(user: User) -> bool:
    return scope.has_role(user, Role.WINDOW_CLERK, Role.HOTLINE_AGENT, Role.ADMINISTRATOR)


def may_register(user: User) -> bool:
    return scope.has_role(user, Role.WINDOW_CLERK)


# A county's region code has 6 significant digits (province 2, city 4, county 6).
COUNTY_PREFIX_LENGTH = 6


def clerk_counties(user: User) -> set[str]:
    """The county code prefixes of the places where the user is a window clerk."""
    places = scope.place_ids(user, Role.WINDOW_CLERK)
    if not places:
        return set()
    codes = ServicePlace.objects.filter(pk__in=places).values_list("region__code", flat=True)
    return {code[:COUNTY_PREFIX_LENGTH] for code in codes}


def _applies_in(subject: NaturalPerson | LegalPerson, counties: set[str]) -> bool:
    where = Q()
    for county in counties:
        where |= Q(place__region__code__startswith=county)
        where |= Q(home_place__region__code__startswith=county)
    relations = ("cases", "agent_cases") if hasattr(subject, "agent_cases") else ("cases",)
    return any(getattr(subject, name).filter(where).exists() for name in relations)


def may_read_personal_numbers(
    user: User, subject: NaturalPerson | LegalPerson, *, at_window: bool = False
) -> bool:
    """``at_window``: the clerk has just looked the person up by number or registered them."""
    if not user.is_authenticated:
        return False
    if subject.user_id is not None and subject.user_id == user.pk:
        return True
    if not scope.has_role(user, Role.WINDOW_CLERK):
        return False
    return at_window or _applies_in(subject, clerk_counties(user))
