"""Enumerations of the applicant registries (national codes as values)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RealNameLevel(models.IntegerChoices):
    """Real-name authentication levels of the national identity platform."""

    L2 = 2, _("Level 2: name and ID number checked")
    L3 = 3, _("Level 3: plus a verified mobile number or bank card")
    L4 = 4, _("Level 4: plus face recognition")
    L5 = 5, _("Level 5: verified in person at a window")


class Gender(models.TextChoices):
    MALE = "1", _("Male")
    FEMALE = "2", _("Female")


class LegalPersonType(models.TextChoices):
    """Service objects of the catalog that are not natural persons."""

    ENTERPRISE = "enterprise", _("Enterprise legal person")
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business")
    COOPERATIVE = "cooperative", _("Farmers' cooperative")
    PUBLIC_INSTITUTION = "institution", _("Public institution")
    SOCIAL_ORGANISATION = "social_org", _("Social organisation")
    GOVERNMENT_BODY = "government", _("Government body")
    OTHER = "other", _("Other organisation")


class AgentRelation(models.TextChoices):
    FAMILY = "family", _("Family member")
    EMPLOYEE = "employee", _("Employee of the principal")
    INTERMEDIARY = "intermediary", _("Professional intermediary")
    VILLAGE_AGENT = "village_agent", _("Village service agent")
    OTHER = "other", _("Other")
