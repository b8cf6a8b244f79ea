"""Writes to the organisation domain. Each service validates fully and saves atomically."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from onewindow.core.identity import clean_uscc
from onewindow.organisations.choices import BusinessCategory, PlaceKind, Role, WindowKind
from onewindow.organisations.models import (
    Assignment,
    Department,
    Region,
    ServicePlace,
    Staff,
    Window,
)
from onewindow.organisations.validators import region_level_of

logger = logging.getLogger(__name__)


def region_create(*, code: str, name: str, parent: Region | None = None) -> Region:
    """Create a region; its level follows from the code, which must lie under the parent's."""
    region = Region(code=(code or "").strip(), name=(name or "").strip(), parent=parent)
    try:
        region.level = region_level_of(region.code)
    except ValidationError as exc:
        raise ValidationError({"code": exc.error_list}) from exc
    region.full_clean()
    region.save()
    return region


def place_create(
    *,
    name: str,
    kind: PlaceKind | str,
    region: Region,
    address: str = "",
    phone: str = "",
    opening_hours: str = "",
) -> ServicePlace:
    place = ServicePlace(
        name=name,
        kind=kind,
        region=region,
        address=address,
        phone=phone,
        opening_hours=opening_hours,
    )
    place.full_clean()
    place.save()
    return place


@transaction.atomic
def department_create(
    *,
    name: str,
    uscc: str,
    region: Region,
    short_name: str = "",
    phone: str = "",
    complaint_phone: str = "",
    places: list[ServicePlace] | tuple[ServicePlace, ...] = (),
) -> Department:
    try:
        code = clean_uscc(uscc)
    except ValidationError as exc:
        raise ValidationError({"uscc": exc.error_list}) from None
    department = Department(
        name=name,
        short_name=short_name,
        uscc=code,
        region=region,
        phone=phone,
        complaint_phone=complaint_phone,
    )
    department.full_clean()
    department.save()
    department.places.set(places)
    return department


def window_create(
    *,
    place: ServicePlace,
    number: str,
    name: str,
    kind: WindowKind | str,
    category: BusinessCategory | str = "",
    department: Department | None = None,
) -> Window:
    window = Window(
        place=place,
        number=number,
        name=name,
        kind=kind,
        category=category,
        department=department,
    )
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def staff_create(
    *,
    username: str,
    name: str,
    employee_no: str,
    password: str | None,
    phone: str = "",
    title: str = "",
) -> Staff:
    """Create a login and its staff profile. Roles are granted separately with ``role_grant``.

    ``password=None`` creates a login that cannot sign in until a password is set.
    """
    user_model = get_user_model()
    user = user_model(username=username, name=name)
    user.set_password(password)
    user.full_clean()
    user.save()
    staff = Staff(user=user, employee_no=employee_no, phone=phone, title=title)
    staff.full_clean()
    staff.save()
    return staff


@transaction.atomic
def role_grant(
    *,
    staff: Staff,
    role: Role | str,
    region: Region | None = None,
    place: ServicePlace | None = None,
    department: Department | None = None,
    window: Window | None = None,
) -> Assignment:
    """Give ``staff`` a role over one scope. Administrators also get Django admin access."""
    assignment = Assignment(
        staff=staff,
        role=role,
        region=region,
        place=place,
        department=department,
        window=window,
    )
    assignment.full_clean()
    duplicate = Assignment.objects.filter(
        staff=staff, role=role, region=region, place=place, department=department
    ).exists()
    if duplicate:
        raise ValidationError(_("This staff member already holds this role over this scope."))
    assignment.save()
    if role == Role.ADMINISTRATOR and not staff.user.is_staff:
        staff.user.is_staff = True
        staff.user.save(update_fields=["is_staff"])
    logger.debug("role granted: %s to staff %s", role, staff.employee_no)
    return assignment
