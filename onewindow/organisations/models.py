"""Organisations: the region tree, service places, departments, windows and staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.core.identity import validate_uscc
from onewindow.core.models import TimeStampedModel
from onewindow.organisations.choices import (
    PLACE_KIND_LEVELS,
    ROLE_SCOPE,
    BusinessCategory,
    DepartmentNature,
    PlaceKind,
    RegionLevel,
    Role,
    ScopeKind,
    WindowKind,
)
from onewindow.organisations.querysets import (
    DepartmentQuerySet,
    PlaceQuerySet,
    RegionQuerySet,
    StaffQuerySet,
    WindowQuerySet,
)
from onewindow.organisations.validators import region_level_of, region_prefix

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Region(TimeStampedModel):
    """An administrative division. The subtree of a region is found by code prefix, no joins."""

    code = models.CharField(_("region code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        return region_prefix(self.code, self.level)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            level = region_level_of(self.code)
        except ValidationError as exc:
            raise ValidationError({"code": exc.messages}) from exc
        if self.level is not None and level != self.level:
            errors.setdefault("level", []).append(
                _("Code %(code)s denotes the level “%(level)s”.")
                % {"code": self.code, "level": RegionLevel(level).label}
            )
        if self.parent_id is None and level != RegionLevel.PROVINCE:
            errors.setdefault("parent", []).append(_("Only a province has no parent region."))
        if self.parent is not None:
            if self.parent.level != level - 1:
                errors.setdefault("parent", []).append(
                    _("The parent of a %(level)s must be one level above it.")
                    % {"level": RegionLevel(level).label}
                )
            elif not self.code.startswith(self.parent.prefix):
                errors.setdefault("code", []).append(
                    _("Code %(code)s does not lie under the parent code %(parent)s.")
                    % {"code": self.code, "parent": self.parent.code}
                )
        if errors:
            raise ValidationError(errors)

    def ancestors(self) -> list[Region]:
        """From the province down to the parent, fetched in one query by code prefixes."""
        codes = [
            self.code[:length].ljust(12, "0")
            for length in (2, 4, 6, 9)
            if length < len(self.prefix)
        ]
        return list(Region.objects.filter(code__in=codes).order_by("level"))

    def full_name(self) -> str:
        return "".join(r.name for r in [*self.ancestors(), self])


class ServicePlace(TimeStampedModel):
    """A hall where citizens are served: a center, a convenience center or station, or online."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=24, choices=PlaceKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="places"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("consultation phone"), max_length=32, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("service place")
        verbose_name_plural = _("service places")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.region_id and self.kind:
            allowed = PLACE_KIND_LEVELS[PlaceKind(self.kind)]
            if self.region.level not in allowed:
                raise ValidationError(
                    {
                        "kind": _("A %(kind)s cannot serve a region at the level “%(level)s”.")
                        % {
                            "kind": PlaceKind(self.kind).label,
                            "level": RegionLevel(self.region.level).label,
                        }
                    }
                )


class Department(TimeStampedModel):
    """An implementing body (实施主体): a government department or an authorised organisation."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=32, blank=True)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="departments"
    )
    nature = models.CharField(
        _("nature"),
        max_length=1,
        choices=DepartmentNature.choices,
        default=DepartmentNature.STATUTORY,
    )
    phone = models.CharField(_("consultation phone"), max_length=32, blank=True)
    complaint_phone = models.CharField(_("complaint phone"), max_length=32, blank=True)
    places = models.ManyToManyField(
        ServicePlace,
        verbose_name=_("stationed at"),
        related_name="departments",
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Window(TimeStampedModel):
    """A numbered counter in a service place."""

    place = models.ForeignKey(
        ServicePlace,
        verbose_name=_("service place"),
        on_delete=models.CASCADE,
        related_name="windows",
    )
    number = models.CharField(_("window number"), max_length=8)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=WindowKind.choices)
    category = models.CharField(
        _("business category"), max_length=24, choices=BusinessCategory.choices, blank=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="windows",
    )
    # 即办件 are decided on the spot only at windows the center has authorised to do so.
    decides_on_spot = models.BooleanField(_("may decide on the spot"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    objects = WindowQuerySet.as_manager()

    class Meta:
        ordering = ["place", "number"]
        verbose_name = _("window")
        verbose_name_plural = _("windows")
        constraints = [
            models.UniqueConstraint(fields=["place", "number"], name="window_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def clean(self) -> None:
        errors = {}
        if self.kind == WindowKind.COMPREHENSIVE and not self.category:
            errors["category"] = _("A comprehensive window serves one business category.")
        if self.kind == WindowKind.DEPARTMENT and not self.department_id:
            errors["department"] = _("A department window belongs to a department.")
        if self.kind != WindowKind.DEPARTMENT and self.department_id:
            errors["department"] = _("Only a department window belongs to a department.")
        if errors:
            raise ValidationError(errors)


class Staff(TimeStampedModel):
    """A government employee using OneWindow. What they may do comes from their assignments."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff",
    )
    employee_no = models.CharField(_("employee number"), max_length=32, unique=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    title = models.CharField(_("post title"), max_length=64, blank=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["employee_no"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.user.name or self.user.username


class Assignment(TimeStampedModel):
    """One role held by a staff member over one scope: a region subtree, a place or a department."""

    staff = models.ForeignKey(
        Staff,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    place = models.ForeignKey(
        ServicePlace,
        verbose_name=_("service place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    window = models.ForeignKey(
        Window,
        verbose_name=_("window"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
    )

    class Meta:
        ordering = ["staff", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "role", "region", "place", "department"],
                name="assignment_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.scope_object}"

    @property
    def scope_kind(self) -> ScopeKind:
        return ROLE_SCOPE[Role(self.role)]

    @property
    def scope_object(self) -> Region | ServicePlace | Department | None:
        return {
            ScopeKind.REGION: self.region,
            ScopeKind.PLACE: self.place,
            ScopeKind.DEPARTMENT: self.department,
        }[self.scope_kind]

    def clean(self) -> None:
        if not self.role:
            return
        wanted = self.scope_kind
        given = {
            ScopeKind.REGION: self.region_id,
            ScopeKind.PLACE: self.place_id,
            ScopeKind.DEPARTMENT: self.department_id,
        }
        errors: dict[str, str | StrPromise] = {}
        if not given[wanted]:
            errors[wanted.value] = _("The role “%(role)s” needs a %(scope)s as its scope.") % {
                "role": Role(self.role).label,
                "scope": wanted.label,
            }
        for kind, value in given.items():
            if kind != wanted and value:
                errors[kind.value] = _("The role “%(role)s” is not scoped by %(scope)s.") % {
                    "role": Role(self.role).label,
                    "scope": kind.label,
                }
        if self.window_id:
            if self.role != Role.WINDOW_CLERK:
                errors["window"] = _("Only a window clerk is posted at a window.")
            elif (
                self.place_id and self.window is not None and self.window.place_id != self.place_id
            ):
                errors["window"] = _("The window must belong to the clerk's service place.")
        if errors:
            raise ValidationError(errors)
