"""The public progress look-up (办件进度查询): case number plus the applicant's ID or USCC.

No login. A match shows the progress read-only (name and ID masked, no uploaded files); a
mismatch says the same thing whether or not the number exists. Failed look-ups are counted per
client address (behind a reverse proxy the forwarded address, believed only from
``settings.TRUSTED_PROXIES``: ``core.client.client_address``) and per case number, and a look-up
is refused once either has ``FAILURE_LIMIT`` failures within ``FAILURE_WINDOW`` seconds: one
guesser cannot lock out the other citizens behind the same proxy, and many addresses guessing
one case's ID number are stopped too. A case number is matched in any letter case (numbers are
stored in capitals), and a number typed in small letters is not a failure. A match is
remembered in the session, so the progress page and its documents can be opened by address
without putting the ID number in a URL.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onewindow.cases import selectors
from onewindow.cases.choices import CaseKind, CaseState
from onewindow.cases.models import Case
from onewindow.core.client import client_address
from onewindow.portal.forms_cases import ProgressLookupForm
from onewindow.portal.progress import progress_context
from onewindow.portal.views_cases import CASE_RELATED, document_response

FAILURE_LIMIT = 10
FAILURE_WINDOW = 60 * 60
SESSION_KEY = "portal_progress_cases"
SESSION_MAX = 20


def _key(kind: str, value: str) -> str:
    # Hashed: neither addresses nor case numbers are kept readable in the cache.
    return f"portal:progress-failures:{kind}:" + hashlib.sha256(value.encode()).hexdigest()[:32]


def _keys(request: HttpRequest, number: str) -> list[str]:
    keys = [_key("address", client_address(request))]
    if number:
        keys.append(_key("case", normalise_number(number)))
    return keys


def normalise_number(number: str) -> str:
    return (number or "").strip().upper()


def is_throttled(request: HttpRequest, number: str = "") -> bool:
    """Refused: this client, or this case number, has used up its failures."""
    counts = cache.get_many(_keys(request, number))
    return any((count or 0) >= FAILURE_LIMIT for count in counts.values())


def _count_failure(request: HttpRequest, number: str) -> None:
    # The window runs from the first failure: ten misses within the hour lock the address (and
    # the case number) until that hour is over.
    for key in _keys(request, number):
        if not cache.add(key, 1, FAILURE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, FAILURE_WINDOW)


def _remember(request: HttpRequest, number: str) -> None:
    numbers = [n for n in request.session.get(SESSION_KEY, []) if n != number]
    request.session[SESSION_KEY] = [number, *numbers][:SESSION_MAX]


def _verified_case(request: HttpRequest, number: str) -> Case | None:
    if number not in request.session.get(SESSION_KEY, []):
        return None
    case = (
        Case.objects.exclude(state=CaseState.DRAFT)
        .exclude(kind=CaseKind.PART)
        .select_related(*CASE_RELATED)
        .filter(number=number)
        .first()
    )
    if case is None:
        raise Http404
    return case


def _lookup_url(number: str) -> str:
    return f"{reverse('portal:progress')}?{urlencode({'number': number})}"


@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest) -> HttpResponse:
    status, blocked = 200, False
    if request.method == "POST":
        form = ProgressLookupForm(request.POST)
        if is_throttled(request, request.POST.get("number", "")[:50]):
            blocked, status = True, 429
            form = ProgressLookupForm(initial={"number": request.POST.get("number", "")[:50]})
        elif form.is_valid():
            number = normalise_number(form.cleaned_data["number"])
            case = selectors.progress_lookup(
                number=number, id_number=form.cleaned_data["id_number"]
            )
            if case is not None:
                _remember(request, case.number)
                return redirect("portal:progress-case", number=case.number)
            _count_failure(request, number)
            form.add_error(
                None,
                _(
                    "No application matches this case number and ID number. Check both and "
                    "try again."
                ),
            )
    else:
        form = ProgressLookupForm(initial={"number": request.GET.get("number", "")[:50]})
    return render(
        request,
        "portal/progress_lookup.html",
        {"title": _("Track an application"), "form": form, "blocked": blocked},
        status=status,
    )


@require_http_methods(["GET"])
def progress_case(request: HttpRequest, number: str) -> HttpResponse:
    case = _verified_case(request, number)
    if case is None:
        return redirect(_lookup_url(number))
    context = progress_context(case, public=True)
    context["title"] = _("Progress of application %(number)s") % {"number": case.number}
    return render(request, "portal/progress_public.html", context)


@require_http_methods(["GET"])
def progress_document(request: HttpRequest, number: str, doc_number: str) -> HttpResponse:
    case = _verified_case(request, number)
    if case is None:
        return redirect(_lookup_url(number))
    return document_response(request, case, doc_number)
