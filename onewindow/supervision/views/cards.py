"""黄牌 / 红牌 pages: the cards of the user's departments, one card with its answers, a
supervisor's own card, and the card rules.

Cards outside the user's departments answer 404; an action the user's role does not allow
answers 403; a refused action shows the service's message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.supervision import cards, policies, selectors
from onewindow.supervision.choices import CardAction, CardColour, CardState
from onewindow.supervision.findings import month_bounds
from onewindow.supervision.forms_cards import (
    CardFilterForm,
    CardIssueForm,
    CloseForm,
    RectificationForm,
    RuleForm,
    WithdrawForm,
)
from onewindow.supervision.machines import CARD
from onewindow.supervision.models import Card, CardRule
from onewindow.workflow.engine import available_actions, parse_revision

READERS = (
    Role.SUPERVISOR,
    Role.ADMINISTRATOR,
    Role.APPROVER,
    Role.REVIEWER,
    Role.CENTER_MANAGER,
)
PER_PAGE = 50


def _card(request: AuthenticatedHttpRequest, public_id: str) -> Card:
    return get_object_or_404(
        selectors.cards_visible_to(request.user).select_related(
            "department", "rule", "issued_by", "responded_by", "closed_by"
        ),
        public_id=public_id,
    )


def _form_error(form: forms.BaseForm) -> str:
    return str(next(iter(form.errors.values()))[0])  # ErrorList items read as strings


@role_required(*READERS)
def cards_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.cards_visible_to(request.user)
    if filters.get("state"):
        found = found.filter(state=filters["state"])
    if filters.get("colour"):
        found = found.filter(colour=filters["colour"])
    if filters.get("month"):
        start, end = month_bounds(filters["month"])
        found = found.filter(period_start__lte=end, period_end__gte=start)
    # The tally counts cards in force: a withdrawn card or a yellow one superseded by red is out.
    tally = (
        found.exclude(state=CardState.WITHDRAWN)
        .filter(superseded=False)
        .order_by()
        .values("department__name")
        .annotate(
            red=Count("pk", filter=Q(colour=CardColour.RED)),
            yellow=Count("pk", filter=Q(colour=CardColour.YELLOW)),
            open=Count("pk", filter=Q(state__in=[CardState.ISSUED, CardState.RECTIFIED])),
        )
        .order_by("-red", "-yellow", "department__name")
    )
    page = Paginator(
        found.select_related("department", "rule").order_by("-period_start", "-issued_at", "-pk"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and k in form.fields}
    return render(
        request,
        "supervision/cards.html",
        {
            "title": _("Yellow and red cards"),
            "form": form,
            "page": page,
            "tally": tally,
            "query": urlencode(query),
            "may_issue": policies.supervised_departments(request.user).exists(),
        },
    )


@role_required(*READERS)
def card_detail(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    card = _card(request, public_id)
    # The forms the engine would accept from this user now, nothing else.
    offered = available_actions(CARD, request.user, card)
    return render(
        request,
        "supervision/card.html",
        {
            "title": _("%(card)s to %(department)s")
            % {"card": card.get_colour_display(), "department": card.department.name},
            "card": card,
            # Case number, item, deadline: no applicant's personal data on supervision pages.
            "cases": card.cases.order_by("due_date", "number"),
            "report_form": RectificationForm() if CardAction.REPORT in offered else None,
            "close_form": CloseForm() if CardAction.CLOSE in offered else None,
            "withdraw_form": WithdrawForm() if CardAction.WITHDRAW in offered else None,
        },
    )


@role_required(Role.SUPERVISOR)
def card_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = policies.supervised_departments(request.user).order_by("region__code", "name")
    form = CardIssueForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        numbers = form.case_numbers()
        found = {c.number: c for c in Case.objects.filter(number__in=numbers)}
        unknown = [n for n in numbers if n not in found]
        try:
            if unknown:
                raise DomainError(
                    _("No case has the number %(numbers)s.") % {"numbers": "、".join(unknown)},
                    field="cases",
                )
            card = cards.card_issue(
                department=form.cleaned_data["department"],
                colour=form.cleaned_data["colour"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
                cases=[found[n] for n in numbers],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The card is issued and the department is told."))
            return redirect("supervision:card", public_id=card.public_id)
    return render(
        request,
        "supervision/card_new.html",
        {"title": _("Issue a card"), "form": form},
    )


def _act(
    request: AuthenticatedHttpRequest, public_id: str, act: Callable[[Card, int], object]
) -> HttpResponse:
    """Apply one action posted from the card's page. Outside the user's capacity: 403; a refused
    action (a stale form, bad input, a state that no longer allows it) shows why."""
    card = _card(request, public_id)
    try:
        act(card, parse_revision(request.POST.get("revision")))
    except NotPermitted:
        raise PermissionDenied from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Done. The card is now “%(state)s”.") % {"state": card.get_state_display()}
        )
    return redirect("supervision:card", public_id=card.public_id)


def _posted(form: forms.Form) -> dict:
    if not form.is_valid():
        raise DomainError(_form_error(form))
    return form.cleaned_data


@role_required(Role.APPROVER)
@require_POST
def card_report(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    def report(card: Card, revision: int) -> object:
        data = _posted(RectificationForm(request.POST))
        return cards.card_report_rectification(
            card=card, actor=request.user, response=data["response"], expected_revision=revision
        )

    return _act(request, public_id, report)


@role_required(Role.SUPERVISOR)
@require_POST
def card_close(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    def close(card: Card, revision: int) -> object:
        data = _posted(CloseForm(request.POST))
        return cards.card_close(
            card=card, actor=request.user, note=data["note"], expected_revision=revision
        )

    return _act(request, public_id, close)


@role_required(Role.SUPERVISOR)
@require_POST
def card_withdraw(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    def withdraw(card: Card, revision: int) -> object:
        data = _posted(WithdrawForm(request.POST))
        return cards.card_withdraw(
            card=card, actor=request.user, reason=data["reason"], expected_revision=revision
        )

    return _act(request, public_id, withdraw)


@role_required(Role.SUPERVISOR, Role.ADMINISTRATOR)
def rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    may_change = policies.may_manage_rules(request.user)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = RuleForm(request.POST)
        try:
            data = _posted(form)
            rule = get_object_or_404(CardRule, pk=data["rule"])
            cards.card_rule_update(
                rule=rule,
                actor=request.user,
                threshold=data["threshold"],
                min_reason_chars=data["min_reason_chars"] or None,
                is_active=data["is_active"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The rule “%(rule)s” is saved.") % {"rule": rule})
        return redirect("supervision:rules")
    return render(
        request,
        "supervision/rules.html",
        {
            "title": _("Card rules"),
            "rules": CardRule.objects.select_related("updated_by").order_by("kind", "-colour"),
            "may_change": may_change,
        },
    )
