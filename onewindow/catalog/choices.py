"""Enumerations of the service item catalog; national codes as values where they exist."""

from django.db import models
from django.db.models.enums import Choices
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    """事项类型 of the national catalog."""

    LICENSING = "01", _("Administrative licensing")
    PENALTY = "02", _("Administrative penalty")
    ENFORCEMENT = "03", _("Administrative enforcement")
    LEVY = "04", _("Administrative levy")
    BENEFIT = "05", _("Administrative benefit")
    INSPECTION = "06", _("Administrative inspection")
    CONFIRMATION = "07", _("Administrative confirmation")
    REWARD = "08", _("Administrative reward")
    ADJUDICATION = "09", _("Administrative adjudication")
    OTHER_POWER = "10", _("Other administrative power")
    PUBLIC_SERVICE = "20", _("Public service")


class EntryStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    DRAFT = "draft", _("Draft")


class ChangeKind(models.TextChoices):
    NEW = "new", _("New item")
    CHANGE = "change", _("Change")
    SPLIT = "split", _("Split")
    MERGE = "merge", _("Merge")
    SUSPEND = "suspend", _("Suspend")
    CANCEL = "cancel", _("Cancel")


class ChangeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    APPROVED = "approved", _("Approved and published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CaseType(models.TextChoices):
    IMMEDIATE = "1", _("Done on the spot")
    PROMISED = "2", _("Done within the promised limit")


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working", _("working days")
    CALENDAR_DAYS = "calendar", _("calendar days")


class ServiceObject(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("Natural person")
    ENTERPRISE = "enterprise", _("Enterprise legal person")
    INSTITUTION = "institution", _("Public institution")
    SOCIAL_ORGANISATION = "social_org", _("Social organisation")
    GOVERNMENT = "government", _("Government body")
    OTHER = "other", _("Other organisation")


class MaterialKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    EITHER = "either", _("Original or copy")


class MaterialForm(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    PAPER_OR_ELECTRONIC = "both", _("Paper or electronic")
    FETCHED = "fetched", _("Fetched by the system, no need to submit")


class Necessity(models.TextChoices):
    REQUIRED = "1", _("Required")
    OPTIONAL = "2", _("Optional")
    DEFERRABLE = "3", _("Required, may be supplied after acceptance")


class MaterialSource(models.TextChoices):
    APPLICANT = "10", _("Provided by the applicant")
    GOVERNMENT = "20", _("Issued by a government department")


class SpecialProcedure(models.TextChoices):
    """特别程序 (行政许可法 §42, §45)."""

    EXTENSION = "extension", _("Extension of the limit")
    HEARING = "hearing", _("Hearing")
    TENDER = "tender", _("Tender or auction")
    INSPECTION = "inspection", _("On-site inspection")
    TESTING = "testing", _("Testing or quarantine")
    APPRAISAL = "appraisal", _("Appraisal")
    EXPERT_REVIEW = "expert_review", _("Expert review")
    ANNOUNCEMENT = "announcement", _("Public announcement")


class ResultType(models.TextChoices):
    LICENCE = "licence", _("Licence or certificate")
    APPROVAL = "approval", _("Approval document")
    OTHER = "other", _("Other result")


class HandlingForm(models.TextChoices):
    WINDOW = "window", _("At a window")
    PC = "pc", _("Online (PC)")
    MOBILE = "mobile", _("Mobile app")
    EXPRESS = "express", _("By post")
    KIOSK = "kiosk", _("Self-service kiosk")


class TongbanScope(models.TextChoices):
    """通办范围: where else the item can be applied for."""

    NONE = "none", _("Only at the implementing body")
    COUNTY = "county", _("Anywhere in the county")
    CITY = "city", _("Anywhere in the city")
    PROVINCE = "province", _("Anywhere in the province")
    NATIONAL = "national", _("Anywhere in the country")


class OnlineDepth(models.IntegerChoices):
    """网办深度."""

    CONSULTATION = 1, _("Consultation")
    DOWNLOAD = 2, _("Forms downloadable")
    PRE_REVIEW = 3, _("Online pre-review")
    ACCEPTANCE = 4, _("Online acceptance")
    HANDLING = 5, _("Fully online")
    RESULT = 6, _("Result fed back online")
    E_LICENCE = 7, _("E-licence issued")


class Theme(models.TextChoices):
    """Life events (个人) and company life-cycle stages (法人) that group items for citizens."""

    BIRTH = "birth", _("Birth and parenting")
    EDUCATION = "education", _("Education")
    EMPLOYMENT = "employment", _("Employment")
    SOCIAL_SECURITY = "social_security", _("Social insurance")
    MARRIAGE = "marriage", _("Marriage")
    HOUSEHOLD = "household", _("Household registration")
    HOUSING = "housing", _("Housing and real estate")
    TRAVEL = "travel", _("Travel and vehicles")
    ELDERLY = "elderly", _("Old age")
    HEALTH = "health", _("Health care")
    DISABILITY = "disability", _("Disability and assistance")
    FARMING = "farming", _("Farming and rural life")
    DEATH = "death", _("Bereavement")
    ESTABLISHMENT = "establishment", _("Starting a business")
    CHANGE = "change", _("Changing registration")
    OPERATION = "operation", _("Operating a business")
    INVESTMENT = "investment", _("Investment and construction")
    TAX = "tax", _("Tax")
    DEREGISTRATION = "deregistration", _("Closing a business")


PERSONAL_THEMES = (
    Theme.BIRTH,
    Theme.EDUCATION,
    Theme.EMPLOYMENT,
    Theme.SOCIAL_SECURITY,
    Theme.MARRIAGE,
    Theme.HOUSEHOLD,
    Theme.HOUSING,
    Theme.TRAVEL,
    Theme.ELDERLY,
    Theme.HEALTH,
    Theme.DISABILITY,
    Theme.FARMING,
    Theme.DEATH,
)
BUSINESS_THEMES = (
    Theme.ESTABLISHMENT,
    Theme.CHANGE,
    Theme.OPERATION,
    Theme.INVESTMENT,
    Theme.TAX,
    Theme.DEREGISTRATION,
)


def choice_labels(choices: type[Choices]) -> str:
    """Every code with its label ("01（行政许可）、…"), as refusals and the 说明 sheet list them."""
    return "、".join(f"{value}（{label}）" for value, label in choices.choices)
