"""Enumerations of the organisation domain, with national codes as values where one exists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    """行使层级 as used by the national item catalog (1 is the State Council level)."""

    PROVINCE = 2, _("Province")
    CITY = 3, _("City")
    COUNTY = 4, _("County")
    TOWNSHIP = 5, _("Township / subdistrict")
    VILLAGE = 6, _("Village / community")


# Significant digits of a 12-digit region code at each level (GB/T 2260 + the 3+3 extension for
# towns and villages). A region's subtree is every code that starts with its significant prefix.
PREFIX_LENGTH = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}


class PlaceKind(models.TextChoices):
    GOVERNMENT_CENTER = "center", _("Government service center")
    CONVENIENCE_CENTER = "convenience_center", _("Convenience service center")
    CONVENIENCE_STATION = "convenience_station", _("Convenience service station")
    ONLINE_HALL = "online", _("Online service hall")


# Which region level each kind of place serves; the online hall may sit at any level.
PLACE_KIND_LEVELS = {
    PlaceKind.GOVERNMENT_CENTER: {RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY},
    PlaceKind.CONVENIENCE_CENTER: {RegionLevel.TOWNSHIP},
    PlaceKind.CONVENIENCE_STATION: {RegionLevel.VILLAGE},
    PlaceKind.ONLINE_HALL: set(RegionLevel),
}


class DepartmentNature(models.TextChoices):
    """Nature of an implementing body (实施主体性质)."""

    STATUTORY = "1", _("Statutory authority")
    AUTHORISED = "2", _("Authorised organisation")
    ENTRUSTED = "3", _("Entrusted organisation")


class WindowKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive acceptance window")
    DELIVERY = "delivery", _("Result delivery window")
    DEPARTMENT = "department", _("Department window")
    COMPLAINT = "complaint", _("Complaints / 'cannot get it done' window")
    DUTY = "duty", _("Weekend duty window")


class BusinessCategory(models.TextChoices):
    """Business categories that group comprehensive windows and, later, catalog items."""

    CONSTRUCTION = "construction", _("Construction projects")
    ENTERPRISE = "enterprise", _("Business operation")
    PERSONAL = "personal", _("Personal affairs")
    SOCIAL = "social", _("Social affairs")
    REAL_ESTATE = "real_estate", _("Real estate and housing")
    TAX = "tax", _("Tax")
    PUBLIC_SECURITY = "public_security", _("Public security")


class Role(models.TextChoices):
    WINDOW_CLERK = "window_clerk", _("Window clerk")
    REVIEWER = "reviewer", _("Back-office reviewer")
    APPROVER = "approver", _("Approver / department head")
    CENTER_MANAGER = "center_manager", _("Center manager")
    SUPERVISOR = "supervisor", _("Supervisor")
    HOTLINE_AGENT = "hotline_agent", _("Hotline agent")
    ADMINISTRATOR = "administrator", _("Administrator")
    CATALOG_MANAGER = "catalog_manager", _("Catalog manager")


class ScopeKind(models.TextChoices):
    REGION = "region", _("Region and everything below it")
    PLACE = "place", _("Service place")
    DEPARTMENT = "department", _("Department")


# The kind of scope each role is given. A clerk works for a center (front desk staff are employed by
# the center, not the departments); reviewers and approvers belong to their department.
ROLE_SCOPE = {
    Role.WINDOW_CLERK: ScopeKind.PLACE,
    Role.REVIEWER: ScopeKind.DEPARTMENT,
    Role.APPROVER: ScopeKind.DEPARTMENT,
    Role.CENTER_MANAGER: ScopeKind.PLACE,
    Role.SUPERVISOR: ScopeKind.REGION,
    Role.HOTLINE_AGENT: ScopeKind.REGION,
    Role.ADMINISTRATOR: ScopeKind.REGION,
    Role.CATALOG_MANAGER: ScopeKind.REGION,
}
