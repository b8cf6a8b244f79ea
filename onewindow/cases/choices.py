"""Enumerations of the case domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.catalog.choices import SpecialProcedure


class CaseState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RECEIVED = "received", _("Received, awaiting acceptance")
    CORRECTION = "correction", _("Awaiting corrections from the applicant")
    REFUSAL_PENDING = "refusal_pending", _("Refusal awaiting the center manager")
    REFUSED = "refused", _("Not accepted")
    WAITING = "waiting", _("Waiting for earlier stages")
    IN_REVIEW = "in_review", _("Under review")
    SUSPENDED = "suspended", _("Special procedure (clock paused)")
    DECIDED = "decided", _("Decided, awaiting delivery")
    READY = "ready", _("Ready for pickup")
    MAILED = "mailed", _("Mailed")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RETURNED = "returned", _("Returned")


# States in which the promised deadline runs (accepted, not yet decided).
RUNNING_STATES = frozenset({CaseState.IN_REVIEW, CaseState.SUSPENDED})
# The statutory clock each state runs against (§32 acceptance notice, the promised limit, §44
# delivery; values of ``supervision.choices.Clock``): the supervision sweep looks at a case again
# whenever it enters one of these states.
STATE_CLOCK: dict[str, str] = {
    CaseState.RECEIVED: "acceptance",
    CaseState.IN_REVIEW: "decision",
    CaseState.SUSPENDED: "decision",
    CaseState.DECIDED: "delivery",
}
CLOCKED_STATES = frozenset(STATE_CLOCK)
FINAL_STATES = frozenset(
    {CaseState.REFUSED, CaseState.COMPLETED, CaseState.WITHDRAWN, CaseState.RETURNED}
)


class WarningLevel(models.TextChoices):
    """电子监察 warning of a running case: yellow shortly before the deadline, red after it."""

    NORMAL = "normal", _("Normal")
    YELLOW = "yellow", _("Yellow warning")
    RED = "red", _("Red warning (overdue)")


class CaseKind(models.TextChoices):
    SINGLE = "single", _("Single item")
    JOINT = "joint", _("Joint application")
    PART = "part", _("Part of a joint application")


class Channel(models.TextChoices):
    """申报渠道 (the national data set's codes are mapped on export)."""

    WINDOW = "window", _("At a window")
    PC = "pc", _("Online (PC)")
    MOBILE = "mobile", _("Mobile app")
    KIOSK = "kiosk", _("Self-service kiosk")
    EXPRESS = "express", _("By post")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Not approved")


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Pick up at the delivery window")
    MAIL = "mail", _("By mail")
    ELECTRONIC = "electronic", _("Electronically")


class MaterialStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    MISSING = "missing", _("Missing")
    DEFECTIVE = "defective", _("Defective")
    DEFERRED = "deferred", _("To be supplied later (容缺)")
    SUPPLIED = "supplied", _("Supplied later")
    FETCHED = "fetched", _("Fetched by the system")
    NOT_PROVIDED = "not_provided", _("Not provided (optional)")


# Statuses that mean the material is in hand.
IN_HAND = frozenset({MaterialStatus.RECEIVED, MaterialStatus.SUPPLIED, MaterialStatus.FETCHED})


class Actor(models.TextChoices):
    """Who may perform an action: a role in the case's scope, the applicant, or the system."""

    APPLICANT = "applicant", _("Applicant")
    CLERK = "clerk", _("Window clerk")
    REVIEWER = "reviewer", _("Back-office reviewer")
    APPROVER = "approver", _("Approver")
    MANAGER = "manager", _("Center manager")
    SYSTEM = "system", _("System")


class ScanPurpose(models.TextChoices):
    """Why a scan of a case's material is opened: asked each time, kept on the audit chain."""

    INTAKE = "intake", _("Checking the materials at the window")
    CORRECTION = "correction", _("Checking corrections or a supplied material")
    REVIEW = "review", _("Review or decision of the case")
    APPLICANT = "applicant", _("The applicant looking at their own application")
    OTHER = "other", _("Other (say why)")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submitted online")
    RECEIVE = "receive", _("Received at the window")
    ACCEPT = "accept", _("Accepted")
    ACCEPT_DEFERRED = "accept_deferred", _("Accepted with materials to follow (容缺受理)")
    ACCEPT_COMMITMENT = "accept_commitment", _("Accepted on a signed commitment (告知承诺)")
    AUTO_ACCEPT = "auto_accept", _("Accepted by law (no notice within 5 working days)")
    REQUEST_CORRECTION = "request_correction", _("Corrections requested")
    RESUBMIT = "resubmit", _("Corrections supplied")
    PROPOSE_REFUSAL = "propose_refusal", _("Refusal proposed")
    CONFIRM_REFUSAL = "confirm_refusal", _("Refusal confirmed")
    REJECT_REFUSAL = "reject_refusal", _("Refusal sent back to the window")
    DECIDE_ON_SPOT = "decide_on_spot", _("Decided on the spot")
    ROUTE = "route", _("Routed to the competent center")
    ACTIVATE = "activate", _("Stage started")
    PASS = "pass", _("Passed")
    RETURN = "return", _("Returned")
    START_PROCEDURE = "start_procedure", _("Special procedure started")
    END_PROCEDURE = "end_procedure", _("Special procedure ended")
    EXTEND = "extend", _("Limit extended")
    APPROVE = "approve", _("Approved")
    DENY = "deny", _("Not approved")
    PARTS_DECIDED = "parts_decided", _("All parts decided")
    READY = "ready", _("Ready for pickup")
    MAIL = "mail", _("Mailed")
    DELIVER = "deliver", _("Delivered")
    DELIVER_ELECTRONIC = "deliver_electronic", _("Delivered electronically")
    CLOSE_PART = "close_part", _("Part closed with the joint application")
    WITHDRAW = "withdraw", _("Withdrawn by the applicant")
    RETURN_CASE = "return_case", _("Returned to the applicant")
    SUPPLY_MATERIAL = "supply_material", _("Deferred material supplied")


# 特别程序 kinds are the catalog's list (extension is §42, the others §45): a guide names the ones
# its item allows, a case records the one it ran.
ProcedureKind = SpecialProcedure
