"""Where an application is handled: the competent center, and whether another place may take it.

通办: a place outside the competent center may receive an item whose 通办范围 covers it (same
county, city, province, or anywhere); the case is then routed to the competent center and both
see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from onewindow.catalog.choices import TongbanScope
from onewindow.core.errors import DomainError
from onewindow.organisations.choices import PlaceKind
from onewindow.organisations.models import ServicePlace

if TYPE_CHECKING:
    from onewindow.catalog.models import Entry

# Significant digits of the region code that two places must share for each scope.
SCOPE_PREFIX: dict[str, int] = {
    TongbanScope.COUNTY: 6,
    TongbanScope.CITY: 4,
    TongbanScope.PROVINCE: 2,
    TongbanScope.NATIONAL: 0,
}
_KIND_ORDER: dict[str, int] = {
    PlaceKind.GOVERNMENT_CENTER: 0,
    PlaceKind.CONVENIENCE_CENTER: 1,
    PlaceKind.CONVENIENCE_STATION: 2,
}


def home_place(entry: Entry) -> ServicePlace:
    """The hall where the implementing body takes applications (its highest-level station)."""
    stationed = [
        p for p in entry.department.places.all() if p.is_active and p.kind != PlaceKind.ONLINE_HALL
    ]
    if stationed:
        return min(stationed, key=lambda p: (_KIND_ORDER.get(p.kind, 9), p.pk))
    fallback = (
        ServicePlace.objects.filter(region=entry.region, is_active=True)
        .exclude(kind=PlaceKind.ONLINE_HALL)
        .order_by("pk")
        .first()
    )
    if fallback is None:
        raise DomainError(_("No service hall takes applications for this item."))
    return fallback


def tongban_covers(entry: Entry, place: ServicePlace) -> bool:
    version = entry.current_version
    scope = version.guide.tongban_scope if version else TongbanScope.NONE
    if scope not in SCOPE_PREFIX:
        return False
    digits = SCOPE_PREFIX[scope]
    return entry.region.code[:digits] == place.region.code[:digits]


def competent_place(*, entry: Entry, receiving: ServicePlace | None) -> ServicePlace:
    """The competent center; refuses a receiving place outside the item's 通办 scope."""
    home = home_place(entry)
    if receiving is None or receiving.pk == home.pk:
        return home
    if entry.department.places.filter(pk=receiving.pk).exists() or tongban_covers(entry, receiving):
        return home
    raise DomainError(
        _("“%(item)s” can only be applied for at %(home)s (it is not available for 通办 here).")
        % {"item": entry.name, "home": home.name}
    )


def is_receivable_at(entry: Entry, place: ServicePlace) -> bool:
    try:
        competent_place(entry=entry, receiving=place)
    except DomainError:
        return False
    return True
