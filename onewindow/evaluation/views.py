"""好差评 pages: rating a service (signed in, or by the SMS link), and the 差评 loop."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError
from onewindow.core.masking import mask_phone
from onewindow.evaluation import policies, report, services
from onewindow.evaluation.choices import (
    BAD_LEVELS,
    Appeal,
    ComplaintAbout,
    ComplaintAction,
    ComplaintChannel,
    ComplaintState,
    Index,
    Level,
    RatingChannel,
    Reason,
    ReviewAction,
    ReviewState,
    RevisitResult,
)
from onewindow.evaluation.machines import COMPLAINT, REVIEW
from onewindow.evaluation.models import Complaint, Rating, Review
from onewindow.organisations import scope
from onewindow.organisations.access import applicant_required, role_required
from onewindow.organisations.choices import Role
from onewindow.organisations.models import ServicePlace
from onewindow.workflow.engine import available_actions, parse_revision

REVIEW_RELATED = ("rating", "rating__case", "rating__clerk", "place", "department", "handled_by")


def _rating_context(channel: str, posted: dict[str, Any] | None = None) -> dict[str, Any]:
    labels = dict(Index.choices)
    return {
        "levels": Level.choices,
        "bad_levels": sorted(BAD_LEVELS),
        "indices": [(key, labels[key]) for key in services.indices_for(channel)],
        "reasons": Reason.choices,
        "posted": posted or {},
        "max_comment": services.MAX_COMMENT,
    }


def _posted_rating(request: HttpRequest) -> dict[str, Any]:
    return {
        "level": request.POST.get("level"),
        "indices": {
            key: request.POST.get(f"index_{key}")
            for key in Index.values
            if f"index_{key}" in request.POST
        },
        "reasons": request.POST.getlist("reasons"),
        "comment": request.POST.get("comment"),
    }


def _rate_page(
    request: HttpRequest,
    case: Case,
    *,
    channel: str,
    submit: Callable[[dict[str, Any]], Rating],
    done: Callable[[], HttpResponse],
) -> HttpResponse:
    rating = services.rating_of(case)
    error = ""
    posted: dict[str, Any] = {}
    if rating is None and not services.may_rate(case):
        error = _("A service can be rated once it is completed.")
    elif request.method == "POST" and rating is None:
        posted = _posted_rating(request)
        try:
            submit(posted)
        except DomainError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _("Thank you: your rating was recorded."))
            return done()
    status = 400 if error and request.method == "POST" else 200
    return render(
        request,
        "evaluation/rate.html",
        {
            "title": _("Rate the service"),
            "case": case,
            "rating": rating,
            "error": error,
            **_rating_context(channel, posted),
        },
        status=status,
    )


@applicant_required
def rate(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    """The signed-in applicant rates the service of their own case."""
    case = Case.objects.of_applicant(request.user).filter(number=number).first()
    if case is None:
        raise Http404
    return _rate_page(
        request,
        case,
        channel=RatingChannel.PC,
        submit=lambda posted: services.rate(case=case, actor=request.user, **posted),
        done=lambda: redirect("portal:application", number=case.number),
    )


def rate_link(request: HttpRequest, token: str) -> HttpResponse:
    """The SMS link: no sign-in; the signed token names the case and works once."""
    try:
        case = services.case_of_token(token)
    except DomainError as exc:
        return render(
            request,
            "evaluation/rate.html",
            {"title": _("Rate the service"), "link_error": exc.message},
            status=404,
        )
    return _rate_page(
        request,
        case,
        channel=RatingChannel.SMS,
        submit=lambda posted: services.rate_by_link(token=token, **posted),
        done=lambda: redirect("evaluation:rate-link", token=token),
    )


# --- the 差评 loop ---------------------------------------------------------------------------


def _reviews(request: AuthenticatedHttpRequest) -> Any:
    return policies.reviews_visible_to(request.user, Review.objects.all())


@role_required(*policies.READER_ROLES)
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    reviews = _reviews(request)
    counts = {
        "open": reviews.exclude(state__in=(ReviewState.CLOSED, ReviewState.VOID)).count(),
        "overdue": reviews.filter(overdue=True)
        .exclude(state__in=(ReviewState.CLOSED, ReviewState.VOID))
        .count(),
    }
    state = request.GET.get("state") or ""
    if state in ReviewState.values:
        reviews = reviews.filter(state=state)
    else:
        state = ""
    reviews = reviews.select_related(*REVIEW_RELATED).order_by("due_date", "-id")
    page = Paginator(reviews, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/review_list.html",
        {
            "title": _("Bad ratings"),
            "page": page,
            "state": state,
            "states": ReviewState.choices,
            "counts": counts,
        },
    )


def _review(request: AuthenticatedHttpRequest, public_id: object) -> Review:
    return get_object_or_404(_reviews(request).select_related(*REVIEW_RELATED), public_id=public_id)


@role_required(*policies.READER_ROLES)
def review_detail(request: AuthenticatedHttpRequest, public_id: object) -> HttpResponse:
    review = _review(request, public_id)
    offered = set(available_actions(REVIEW, request.user, review))
    return render(
        request,
        "evaluation/review_detail.html",
        {
            "title": _("Bad rating follow-up"),
            "review": review,
            "rating": review.rating,
            "offered": offered,
            "appeal_kinds": Appeal.choices,
            "revisit_results": RevisitResult.choices,
            "reason_names": [Reason(r).label for r in review.rating.reasons if r in Reason.values],
        },
    )


# Each action of the page: the service and the form fields it takes.
ACTIONS: dict[str, Callable[[Review, Any, HttpRequest, int], Review]] = {
    ReviewAction.CONFIRM: lambda r, u, q, rev: services.review_confirm(
        review=r, actor=u, finding=q.POST.get("finding"), expected_revision=rev
    ),
    ReviewAction.APPEAL: lambda r, u, q, rev: services.review_appeal(
        review=r,
        actor=u,
        kind=q.POST.get("kind"),
        reason=q.POST.get("reason"),
        expected_revision=rev,
    ),
    ReviewAction.UPHOLD_APPEAL: lambda r, u, q, rev: services.review_decide_appeal(
        review=r, actor=u, uphold=True, decision=q.POST.get("decision"), expected_revision=rev
    ),
    ReviewAction.DISMISS_APPEAL: lambda r, u, q, rev: services.review_decide_appeal(
        review=r, actor=u, uphold=False, decision=q.POST.get("decision"), expected_revision=rev
    ),
    ReviewAction.REPLY: lambda r, u, q, rev: services.review_reply(
        review=r,
        actor=u,
        rectification=q.POST.get("rectification"),
        reply=q.POST.get("reply"),
        expected_revision=rev,
    ),
    ReviewAction.REVISIT: lambda r, u, q, rev: services.review_revisit(
        review=r,
        actor=u,
        result=q.POST.get("result"),
        note=q.POST.get("note"),
        expected_revision=rev,
    ),
    ReviewAction.CLOSE: lambda r, u, q, rev: services.review_close(
        review=r, actor=u, note=q.POST.get("note"), expected_revision=rev
    ),
}


@role_required(*policies.READER_ROLES)
@require_POST
def review_act(request: AuthenticatedHttpRequest, public_id: object, action: str) -> HttpResponse:
    review = _review(request, public_id)
    service = ACTIONS.get(action)
    if service is None:
        raise Http404
    try:
        service(review, request.user, request, parse_revision(request.POST.get("revision")))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": ReviewAction(action).label})
    return redirect("evaluation:review", public_id=review.public_id)


# --- the monthly report ----------------------------------------------------------------------


def _month(value: str | None) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None


@role_required(*policies.READER_ROLES)
def satisfaction_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """满意度统计: one month's ratings per center, department, window or clerk."""
    today = timezone.localdate()
    error = ""
    month = today.replace(day=1)
    if request.GET.get("month"):
        parsed = _month(request.GET.get("month"))
        if parsed is None:
            error = _("Give the month as YYYY-MM, for example %(example)s.") % {
                "example": today.strftime("%Y-%m")
            }
        else:
            month = parsed
    by = request.GET.get("by") or "center"
    if by not in report.GROUPS:
        by = "center"
    ratings = policies.reviews_visible_to(request.user, Rating.objects.all())
    lines = report.satisfaction(ratings, month=month, by=by)
    summary = report.total(lines)
    if request.GET.get("format") == "xlsx" and not error:
        return _report_xlsx(lines, summary, month=month, by=by)
    chart = {
        "names": [line.name for line in lines],
        "rates": [float(line.satisfaction_rate or 0) for line in lines],
        "bad": [line.bad for line in lines],
        "labels": {"rate": str(_("Satisfaction rate")) + " (%)", "bad": str(_("Bad ratings"))},
    }
    return render(
        request,
        "evaluation/report.html",
        {
            "title": _("Satisfaction report"),
            "month": month,
            "by": by,
            "groups": [(key, label) for key, (_k, _n, label) in report.GROUPS.items()],
            "group_label": report.GROUPS[by][2],
            "lines": lines,
            "summary": summary,
            "chart": chart,
            "error": error,
        },
        status=400 if error else 200,
    )


def _report_xlsx(
    lines: list[report.Line], summary: report.Line, *, month: datetime.date, by: str
) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet  # noqa: S101
    sheet.title = month.strftime("%Y-%m")
    sheet.append(
        [
            str(report.GROUPS[by][2]),
            str(_("Ratings")),
            *[str(label) for _v, label in Level.choices],
            str(_("Default ratings")),
            str(_("Satisfaction rate")) + " (%)",
            str(_("Bad ratings")),
            str(_("Replied")),
            str(_("Rectification rate")) + " (%)",
        ]
    )
    for line in [*lines, summary]:
        sheet.append(
            [
                line.name,
                line.ratings,
                *line.levels,
                line.defaults,
                float(line.satisfaction_rate) if line.satisfaction_rate is not None else None,
                line.bad,
                line.replied,
                float(line.rectify_rate) if line.rectify_rate is not None else None,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="satisfaction-{month:%Y-%m}-{by}.xlsx"'
    return response


# --- complaints ------------------------------------------------------------------------------


def _complaint_form_context(request: HttpRequest, places: Any, posted: Any) -> dict[str, Any]:
    return {
        "places": places,
        "abouts": ComplaintAbout.choices,
        "posted": posted,
    }


def _file_complaint(
    request: AuthenticatedHttpRequest, *, channel: str, places: Any, staff: Any, done: str
) -> HttpResponse:
    error = ""
    posted: dict[str, Any] = {}
    if request.method == "POST":
        posted = request.POST
        raw_place = str(request.POST.get("place") or "")
        place = places.filter(pk=raw_place).first() if raw_place.isdigit() else None
        staff_user = None
        if staff is not None and str(request.POST.get("staff_user") or "").isdigit():
            staff_user = staff.filter(pk=request.POST["staff_user"]).first()
        try:
            if place is None:
                raise DomainError(
                    _("Choose the service place the complaint is about."), field="place"
                )
            services.complaint_file(
                actor=request.user,
                channel=channel,
                place=place,
                about=str(request.POST.get("about") or ""),
                content=request.POST.get("content"),
                evidence=request.POST.get("evidence"),
                name=request.POST.get("name"),
                phone=request.POST.get("phone"),
                staff_user=staff_user,
            )
        except DomainError as exc:
            error = str(exc.message)
        else:
            messages.success(
                request,
                _("The complaint was received; the answer is due within %(days)s working days.")
                % {"days": services.complaint_days()},
            )
            return redirect(done)
    return render(
        request,
        "evaluation/complaint_new.html",
        {
            "title": _("File a complaint"),
            "error": error,
            "channel": channel,
            "staff": staff,
            **_complaint_form_context(request, places, posted),
        },
        status=400 if error else 200,
    )


@applicant_required
def complaint_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in citizen complains online about a hall, a service or a person."""
    return _file_complaint(
        request,
        channel=ComplaintChannel.PORTAL,
        places=ServicePlace.objects.public().order_by("region__code", "name"),
        staff=None,
        done="evaluation:complaints-mine",
    )


@applicant_required
def complaints_mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = Complaint.objects.filter(complainant_user=request.user).select_related("place")
    return render(
        request,
        "evaluation/complaints_mine.html",
        {"title": _("My complaints"), "complaints": mine.order_by("-filed_at")},
    )


@role_required(*policies.FILING_ROLES)
def complaint_take(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The complaint window (a clerk of the center) or a 12345 agent takes a complaint down."""
    clerk_places = scope.place_ids(request.user, Role.WINDOW_CLERK)
    if clerk_places:
        places = ServicePlace.objects.filter(pk__in=clerk_places)
        staff = (
            get_user_model()
            .objects.filter(staff__assignments__place_id__in=clerk_places)
            .distinct()
            .order_by("name")
        )
        channel = ComplaintChannel.WINDOW
    else:
        places = ServicePlace.objects.in_regions(
            scope.region_prefixes(request.user, Role.HOTLINE_AGENT)
        ).order_by("region__code", "name")
        staff = None
        channel = ComplaintChannel.HOTLINE
    return _file_complaint(
        request, channel=channel, places=places, staff=staff, done="evaluation:complaint-take"
    )


def _complaints(request: AuthenticatedHttpRequest) -> Any:
    return policies.complaints_visible_to(request.user, Complaint.objects.all())


@role_required(*policies.COMPLAINT_READER_ROLES)
def complaint_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    complaints = _complaints(request).select_related("place", "owner").order_by("due_date", "-id")
    state = request.GET.get("state") or ""
    if state in ComplaintState.values:
        complaints = complaints.filter(state=state)
    else:
        state = ""
    page = Paginator(complaints, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/complaint_list.html",
        {"title": _("Complaints"), "page": page, "state": state, "states": ComplaintState.choices},
    )


def _complaint(request: AuthenticatedHttpRequest, public_id: object) -> Complaint:
    return get_object_or_404(
        _complaints(request).select_related("place", "owner", "case", "staff_user"),
        public_id=public_id,
    )


@role_required(*policies.COMPLAINT_READER_ROLES)
def complaint_detail(request: AuthenticatedHttpRequest, public_id: object) -> HttpResponse:
    complaint = _complaint(request, public_id)
    return render(
        request,
        "evaluation/complaint_detail.html",
        {
            "title": _("Complaint"),
            "complaint": complaint,
            "phone": mask_phone(complaint.complainant_phone),
            "offered": set(available_actions(COMPLAINT, request.user, complaint)),
        },
    )


@role_required(*policies.COMPLAINT_READER_ROLES)
@require_POST
def complaint_act(
    request: AuthenticatedHttpRequest, public_id: object, action: str
) -> HttpResponse:
    complaint = _complaint(request, public_id)
    if action not in ComplaintAction.values or action == ComplaintAction.FILE:
        raise Http404
    try:
        services.complaint_act(
            complaint=complaint,
            actor=request.user,
            action=action,
            text=request.POST.get("text"),
            expected_revision=parse_revision(request.POST.get("revision")),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Done: %(action)s.") % {"action": ComplaintAction(action).label}
        )
    return redirect("evaluation:complaint", public_id=complaint.public_id)
