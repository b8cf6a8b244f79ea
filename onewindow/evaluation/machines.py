"""The two workflows of 好差评, declared on ``onewindow.workflow``.

评价 (``RATING``): the applicant rates a service once — signed in on the portal, or through the
case's own SMS link — or the daily run gives the default 基本满意 when no rating came within the
configured days. A rating is never changed: no row leaves ``rated``.

差评整改 (``REVIEW``): a rating of 4 or 5 opens a loop at the unit that served. The unit verifies
it (or appeals it to a supervisor as mistaken or malicious, with its evidence), rectifies within
its working days, replies to the applicant and revisits; a supervisor of the region closes it. A
real-name 差评 is revisited without exception (the national rule: 100 % 回访).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from onewindow.cases import policies as case_policies
from onewindow.cases.choices import CaseState
from onewindow.core.errors import DomainError
from onewindow.evaluation import policies
from onewindow.evaluation.choices import (
    ComplaintAction,
    ComplaintState,
    Level,
    RatingAction,
    RatingChannel,
    RatingState,
    ReviewAction,
    ReviewState,
)
from onewindow.evaluation.models import Complaint, Rating, Review
from onewindow.notifications.services import notification_queue
from onewindow.organisations.choices import Role
from onewindow.organisations.selectors import supervisors_of, unique_users, users_in_roles
from onewindow.workflow.machine import NEW, SYSTEM, Change, Machine, edge, register

if TYPE_CHECKING:
    from onewindow.accounts.models import User

EVENT_RATED = "evaluation.rated"
EVENT_REVIEW = "evaluation.review"
EVENT_COMPLAINT = "evaluation.complaint"

APPLICANT = "applicant"
LINK = "link"
UNIT, SUPERVISOR = policies.UNIT, policies.SUPERVISOR

# A service is rated once it is over: the result handed out, or the application refused.
RATEABLE_STATES = frozenset({CaseState.COMPLETED, CaseState.REFUSED})

R, RS = RatingAction, RatingState
V, VS = ReviewAction, ReviewState


def _site_language() -> Any:
    from django.conf import settings

    return override(settings.LANGUAGE_CODE)


# --- ratings ---------------------------------------------------------------------------------


def _rating_capacities(actor: User | None, rating: Rating) -> set[str]:
    if actor is None:
        # The SMS link's holder is not signed in: the service checked the signed, single-use
        # token before it built the rating with the SMS channel.
        return {LINK} if rating.channel == RatingChannel.SMS else {SYSTEM}
    if rating.case is not None and case_policies.is_applicant_of(actor, rating.case):
        return {APPLICANT}
    return set()


def _may_rate(rating: Rating, actor: User | None, capacities: frozenset[str]) -> None:
    case = rating.case
    if case is None:
        raise DomainError(_("There is no service to rate."))
    if case.state not in RATEABLE_STATES:
        raise DomainError(_("A service can be rated once it is completed."))
    if Rating.objects.filter(case_id=case.pk).exists():
        raise DomainError(_("This service has already been rated; a rating is given once."))


def _rating_record(change: Change[Rating]) -> dict[str, Any]:
    rating = change.obj
    return {
        "case": rating.case.number if rating.case else "",
        "level": rating.level,
        "channel": rating.channel,
        "default": rating.is_default,
        "real_name": rating.real_name,
    }


def _rating_after(change: Change[Rating]) -> None:
    rating = change.obj
    if rating.is_bad:
        from onewindow.evaluation.services import review_open

        review_open(rating=rating, at=change.at)


RATING: Machine[Rating] = register(
    Machine(
        name="rating",
        model=Rating,
        actions=RatingAction,
        states=RatingState,
        table={
            R.RATE: edge(
                R.RATE,
                {NEW},
                RS.RATED,
                {APPLICANT, LINK},
                why="The applicant rates the service once, on five levels with the channel's "
                "content indices (national 好差评 rules; GB/T 39734-2020). Only a completed or "
                "refused service; a second attempt is refused.",
                denied=gettext_lazy("Only the applicant of this service can rate it."),
            ),
            R.DEFAULT: edge(
                R.DEFAULT,
                {NEW},
                RS.RATED,
                {SYSTEM},
                why="No rating within the configured natural days (default 7): the daily run "
                "records 基本满意, marked as a default.",
            ),
        },
        capacities=_rating_capacities,
        capacity_order=(APPLICANT, LINK, SYSTEM),
        record=_rating_record,
        after=_rating_after,
        guards={R.RATE: _may_rate, R.DEFAULT: _may_rate},
        ref=lambda rating: rating.case.number if rating.case else str(rating.public_id),
        capacity_labels={
            APPLICANT: "the applicant of the case, signed in",
            LINK: "the holder of the case's signed, single-use SMS rating link",
            SYSTEM: "the daily default-rating run",
        },
        description="评价. A rating is never changed once given. Readers: the applicant (their "
        "own), the unit that served, the region's supervisors and administrators.",
    )
)


# --- the 差评 loop ---------------------------------------------------------------------------


def _real_name_needs_revisit(review: Review, actor: User | None, caps: frozenset[str]) -> None:
    if review.state == VS.REPLIED and review.rating.real_name:
        raise DomainError(
            _("A real-name bad rating is revisited before it is closed; record the revisit first.")
        )


def _not_yet_overdue(review: Review, actor: User | None, caps: frozenset[str]) -> None:
    if review.overdue:
        raise DomainError(_("This follow-up is already marked overdue."))


def _review_record(change: Change[Review]) -> dict[str, Any]:
    review, action = change.obj, change.action
    content: dict[str, Any] = {"rating": str(review.rating.public_id)}
    field: str = {
        V.OPEN: "due_date",
        V.CONFIRM: "finding",
        V.APPEAL: "appeal_reason",
        V.UPHOLD_APPEAL: "appeal_decision",
        V.DISMISS_APPEAL: "appeal_decision",
        V.REPLY: "reply",
        V.REVISIT: "revisit_result",
        V.CLOSE: "closing_note",
        V.MARK_OVERDUE: "due_date",
    }[V(action)]
    content[field] = str(getattr(review, field))
    if action == V.APPEAL:
        content["appeal_kind"] = review.appeal_kind
    if action == V.REPLY:
        content["rectification"] = review.rectification
    return content


def _unit_staff(review: Review) -> list[User]:
    users = users_in_roles(Role.CENTER_MANAGER, place_id=review.place_id)
    if review.department_id is not None:
        users += users_in_roles(Role.REVIEWER, Role.APPROVER, department_id=review.department_id)
    return unique_users(users)


def _review_after(change: Change[Review]) -> None:
    review, action = change.obj, change.action
    rating = review.rating
    case = rating.case
    number = case.number if case else ""
    facts = {"number": number, "due": review.due_date.isoformat()}
    with _site_language():
        if action in (V.OPEN, V.DISMISS_APPEAL, V.MARK_OVERDUE):
            subject = {
                V.OPEN: _("Bad rating to verify"),
                V.DISMISS_APPEAL: _("Appeal dismissed: rectify the bad rating"),
                V.MARK_OVERDUE: _("Bad rating follow-up overdue"),
            }[V(action)]
            body = _(
                "A bad rating (%(level)s) of the service of case %(number)s: verify it, rectify "
                "and reply to the applicant by %(due)s."
            ) % {**facts, "level": Level(rating.level).label}
            users = _unit_staff(review)
            if action == V.MARK_OVERDUE:
                users = unique_users([*users, *supervisors_of(review.region_code)])
        elif action == V.APPEAL:
            subject = _("Appeal against a bad rating")
            body = _("The unit appeals the bad rating of case %(number)s: %(reason)s") % {
                **facts,
                "reason": review.appeal_reason[:300],
            }
            users = supervisors_of(review.region_code)
        elif action in (V.UPHOLD_APPEAL, V.CLOSE):
            subject = _("Bad rating follow-up decided")
            body = _("The follow-up of the bad rating of case %(number)s: %(state)s.") % {
                **facts,
                "state": review.get_state_display(),
            }
            users = _unit_staff(review)
        else:
            users = []
            subject = body = ""
        for user in users:
            if change.actor is not None and user.pk == change.actor.pk:
                continue
            notification_queue(
                event=EVENT_REVIEW,
                subject=subject,
                body=body,
                recipient_user=user,
                case_number=number,
                place=review.place,
            )
        if action == V.REPLY and case is not None:
            # The applicant hears the unit's reply, by SMS and in their portal inbox.
            text = _("About your rating of case %(number)s: %(reply)s") % {
                **facts,
                "reply": review.reply[:300],
            }
            notification_queue(
                event=EVENT_REVIEW,
                subject=_("Reply to your rating"),
                body=text,
                recipient_phone=case.contact_phone,
                recipient_user=rating.rated_by,
                case_number=number,
                place=review.place,
            )


_UNIT_ONLY = gettext_lazy(
    "Only the unit that served — the center's manager or the department's reviewers and "
    "approvers — can do this."
)
_SUPERVISOR_ONLY = gettext_lazy("Only a supervisor of the region can do this.")

REVIEW: Machine[Review] = register(
    Machine(
        name="review",
        model=Review,
        actions=ReviewAction,
        states=ReviewState,
        table={
            V.OPEN: edge(
                V.OPEN,
                {NEW},
                VS.VERIFYING,
                {SYSTEM},
                why="A rating of 4 or 5 (差评) goes to the unit that served, with the working "
                "days it has to rectify (configured, 5–15 under the national rules).",
            ),
            V.CONFIRM: edge(
                V.CONFIRM,
                {VS.VERIFYING},
                VS.RECTIFYING,
                {UNIT},
                why="The unit verifies the 差评 as a true account and records what it found.",
                denied=_UNIT_ONLY,
            ),
            V.APPEAL: edge(
                V.APPEAL,
                {VS.VERIFYING},
                VS.APPEALED,
                {UNIT},
                why="The unit holds the 差评 mistaken or malicious and appeals to supervision "
                "with its evidence.",
                denied=_UNIT_ONLY,
            ),
            V.UPHOLD_APPEAL: edge(
                V.UPHOLD_APPEAL,
                {VS.APPEALED},
                VS.VOID,
                {SUPERVISOR},
                why="A supervisor finds the appeal founded: the loop ends; the rating itself is "
                "kept as given.",
                denied=_SUPERVISOR_ONLY,
            ),
            V.DISMISS_APPEAL: edge(
                V.DISMISS_APPEAL,
                {VS.APPEALED},
                VS.RECTIFYING,
                {SUPERVISOR},
                why="A supervisor finds the appeal unfounded: the unit rectifies.",
                denied=_SUPERVISOR_ONLY,
            ),
            V.REPLY: edge(
                V.REPLY,
                {VS.RECTIFYING},
                VS.REPLIED,
                {UNIT},
                why="The unit records its rectification and replies to the applicant (SMS and "
                "portal).",
                denied=_UNIT_ONLY,
            ),
            V.REVISIT: edge(
                V.REVISIT,
                {VS.REPLIED},
                VS.REVISITED,
                {UNIT},
                why="回访: the unit asks the applicant whether the rectification satisfies them "
                "and records the answer.",
                denied=_UNIT_ONLY,
            ),
            V.CLOSE: edge(
                V.CLOSE,
                {VS.REPLIED, VS.REVISITED},
                VS.CLOSED,
                {SUPERVISOR},
                why="A supervisor closes the loop; a real-name 差评 only after its revisit "
                "(100 % 回访).",
                denied=_SUPERVISOR_ONLY,
            ),
            V.MARK_OVERDUE: edge(
                V.MARK_OVERDUE,
                {VS.VERIFYING, VS.RECTIFYING},
                (VS.VERIFYING, VS.RECTIFYING),
                {SYSTEM},
                why="The daily run marks a loop not replied to by its day, once; the unit and "
                "the region's supervisors are told.",
            ),
        },
        capacities=policies.review_capacities,
        capacity_order=(SUPERVISOR, UNIT, SYSTEM),
        record=_review_record,
        after=_review_after,
        guards={V.CLOSE: _real_name_needs_revisit, V.MARK_OVERDUE: _not_yet_overdue},
        ref=lambda review: str(review.public_id),
        lock_related=("rating", "rating__case"),
        capacity_labels={
            UNIT: "the unit that served: the center's manager, the department's reviewers "
            "and approvers",
            SUPERVISOR: "a supervisor of the region",
            SYSTEM: "the system (a bad rating; the daily run)",
        },
        description="差评整改. Readers: the unit that served, the region's supervisors and "
        "administrators; a department sees only its own. The applicant sees the reply on "
        "their application's page.",
    )
)


# --- complaints ------------------------------------------------------------------------------

CA, CS = ComplaintAction, ComplaintState
_HANDLERS = {policies.HANDLER, SUPERVISOR}
_HANDLERS_ONLY = gettext_lazy(
    "Only the center's manager or a supervisor of the region handles a complaint, and never the "
    "person it is about."
)


def _complaint_record(change: Change[Complaint]) -> dict[str, Any]:
    complaint, action = change.obj, change.action
    content: dict[str, Any] = {"channel": complaint.channel, "about": complaint.about}
    text = {
        CA.FILE: complaint.content,
        CA.ACCEPT: "",
        CA.NOT_ACCEPT: complaint.not_accepted_reason,
        CA.HANDLE: complaint.handling,
        CA.ANSWER: complaint.answer,
        CA.ARCHIVE: "",
    }[CA(action)]
    if text:
        content["text"] = text
    if action == CA.FILE:
        content["due_date"] = complaint.due_date
    return content


def _complaint_after(change: Change[Complaint]) -> None:
    complaint, action = change.obj, change.action
    with _site_language():
        if action == CA.FILE:
            managers = [
                u
                for u in users_in_roles(Role.CENTER_MANAGER, place_id=complaint.place_id)
                if u.pk != complaint.staff_user_id
            ]
            # A complaint about the center's own manager goes to the region's supervisors.
            users = managers or supervisors_of(complaint.region_code)
            for user in users:
                notification_queue(
                    event=EVENT_COMPLAINT,
                    subject=_("New complaint"),
                    body=_("A complaint about %(place)s to answer by %(due)s.")
                    % {"place": complaint.place.name, "due": complaint.due_date.isoformat()},
                    recipient_user=user,
                    place=complaint.place,
                )
            return
        if action not in (CA.NOT_ACCEPT, CA.ANSWER):
            return
        text = complaint.answer if action == CA.ANSWER else complaint.not_accepted_reason
        body = _("About your complaint of %(day)s: %(text)s") % {
            "day": timezone.localdate(complaint.filed_at).isoformat(),
            "text": text[:300],
        }
        notification_queue(
            event=EVENT_COMPLAINT,
            subject=_("Answer to your complaint"),
            body=body,
            recipient_phone=complaint.complainant_phone,
            recipient_user=complaint.complainant_user,
            place=complaint.place,
        )


COMPLAINT: Machine[Complaint] = register(
    Machine(
        name="complaint",
        model=Complaint,
        actions=ComplaintAction,
        states=ComplaintState,
        table={
            CA.FILE: edge(
                CA.FILE,
                {NEW},
                CS.RECEIVED,
                {policies.COMPLAINANT, policies.CLERK, policies.AGENT},
                why="A complaint is taken at the complaint window, online by the signed-in "
                "complainant, or by a 12345 agent; the answer is due within the configured "
                "working days.",
                denied=gettext_lazy(
                    "Complaints are filed by the complainant online, at this center's complaint "
                    "window or by a hotline agent of its region."
                ),
            ),
            CA.ACCEPT: edge(
                CA.ACCEPT,
                {CS.RECEIVED},
                CS.INVESTIGATING,
                _HANDLERS,
                why="受理: the handler takes the complaint on and becomes its owner.",
                denied=_HANDLERS_ONLY,
            ),
            CA.NOT_ACCEPT: edge(
                CA.NOT_ACCEPT,
                {CS.RECEIVED},
                CS.NOT_ACCEPTED,
                _HANDLERS,
                why="Not a complaint this center can handle; the complainant is told why.",
                denied=_HANDLERS_ONLY,
            ),
            CA.HANDLE: edge(
                CA.HANDLE,
                {CS.INVESTIGATING},
                CS.HANDLED,
                _HANDLERS,
                why="调查, 处置: what the investigation found and what was done.",
                denied=_HANDLERS_ONLY,
            ),
            CA.ANSWER: edge(
                CA.ANSWER,
                {CS.HANDLED},
                CS.ANSWERED,
                _HANDLERS,
                why="反馈: the complainant receives the answer (SMS and portal).",
                denied=_HANDLERS_ONLY,
            ),
            CA.ARCHIVE: edge(
                CA.ARCHIVE,
                {CS.ANSWERED},
                CS.ARCHIVED,
                _HANDLERS,
                why="归档: the file is closed.",
                denied=_HANDLERS_ONLY,
            ),
        },
        capacities=policies.complaint_capacities,
        capacity_order=(
            policies.HANDLER,
            SUPERVISOR,
            policies.CLERK,
            policies.AGENT,
            policies.COMPLAINANT,
        ),
        record=_complaint_record,
        after=_complaint_after,
        ref=lambda complaint: str(complaint.public_id),
        lock_related=("place",),
        capacity_labels={
            policies.HANDLER: "a manager of the center complained about (not the person it is "
            "about)",
            SUPERVISOR: "a supervisor of the region (not the person it is about)",
            policies.CLERK: "a window clerk of the center (the complaint window)",
            policies.AGENT: "a 12345 hotline agent of the region",
            policies.COMPLAINANT: "the complainant, signed in",
        },
        description="投诉 (GB/T 36113). Readers: the center's managers, the region's supervisors "
        "and administrators — never the staff member complained about; the complainant sees "
        "their own complaints on the portal.",
    )
)
