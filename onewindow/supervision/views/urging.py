"""督办 pages: the list, one urging's thread with the viewer's forms, and sending from a case."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.supervision import selectors
from onewindow.supervision import urging as services
from onewindow.supervision.choices import UrgingAction, UrgingState
from onewindow.supervision.forms_urging import UrgingSendForm
from onewindow.supervision.machines import URGING
from onewindow.supervision.models import Urging
from onewindow.workflow.engine import available_actions, parse_revision

READERS = (
    Role.SUPERVISOR,
    Role.ADMINISTRATOR,
    Role.REVIEWER,
    Role.APPROVER,
    Role.CENTER_MANAGER,
)
OVERDUE_FILTERS = ("yes", "no")
ViewFunction = Callable[..., HttpResponseBase]


def _urging(request: AuthenticatedHttpRequest, public_id: object) -> Urging:
    return get_object_or_404(
        selectors.urgings_visible_to(request.user).select_related(*services.RELATED, "record"),
        public_id=public_id,
    )


@role_required(*READERS)
def urging_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    urgings = selectors.urgings_visible_to(request.user)
    counts = {
        "open": urgings.filter(state=UrgingState.SENT).count(),
        "overdue": urgings.filter(state=UrgingState.SENT, overdue=True).count(),
    }
    state = request.GET.get("state") or ""
    overdue = request.GET.get("overdue") or ""
    if state in UrgingState.values:
        urgings = urgings.filter(state=state)
    else:
        state = ""
    if overdue in OVERDUE_FILTERS:
        urgings = urgings.filter(overdue=overdue == "yes")
    else:
        overdue = ""
    urgings = urgings.select_related("case", "department", "sent_by").order_by("-sent_at", "-id")
    page = Paginator(urgings, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/urging_list.html",
        {
            "title": _("Urgings"),
            "page": page,
            "state": state,
            "overdue": overdue,
            "states": UrgingState.choices,
            "counts": counts,
        },
    )


@role_required(*READERS)
def urging_detail(request: AuthenticatedHttpRequest, public_id: object) -> HttpResponse:
    urging = _urging(request, public_id)
    # The forms the engine would accept from this user now, nothing else.
    offered = available_actions(URGING, request.user, urging)
    return render(
        request,
        "supervision/urging_detail.html",
        {
            "title": _("Urging on case %(number)s") % {"number": urging.case.number},
            "urging": urging,
            "may_reply": UrgingAction.REPLY in offered,
            "may_close": UrgingAction.CLOSE in offered,
        },
    )


@role_required(Role.SUPERVISOR)
def urging_new(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("department", "home_place"),
        number=number,
    )
    refusal = services.urging_refusal(case=case, actor=request.user)
    form = UrgingSendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            urging = services.urging_send(
                case=case,
                actor=request.user,
                message=form.cleaned_data["message"],
                days=form.cleaned_data["days"],
                link_record=form.cleaned_data["link_record"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("The urging was sent to %(department)s; the reply is due %(due)s.")
                % {"department": urging.department.name, "due": urging.reply_due.isoformat()},
            )
            return redirect("supervision:urging", public_id=urging.public_id)
    return render(
        request,
        "supervision/urging_new.html",
        {
            "title": _("Urge the department"),
            "case": case,
            "form": form,
            "refusal": refusal,
            "record": selectors.latest_record(case),
            "earlier": selectors.urgings_visible_to(request.user)
            .filter(case=case)
            .select_related("department")
            .order_by("-sent_at", "-id")[:10],
        },
    )


def _posted(service: Callable[..., Urging], field: str, done: Promise) -> ViewFunction:
    """The view of one action posted from the urging's page: the text in ``field`` and the
    revision the page showed go to ``service``; a refusal is shown and changes nothing."""

    @role_required(*READERS)
    @require_POST
    def view(request: AuthenticatedHttpRequest, public_id: object) -> HttpResponse:
        urging = _urging(request, public_id)
        try:
            service(
                urging=urging,
                actor=request.user,
                expected_revision=parse_revision(request.POST.get("revision")),
                **{field: request.POST.get(field)},
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, str(done))
        return redirect("supervision:urging", public_id=urging.public_id)

    return view


urging_reply = _posted(
    services.urging_reply, "reply", gettext_lazy("Your reply was sent to electronic supervision.")
)
urging_close = _posted(services.urging_close, "result", gettext_lazy("The urging is closed."))
