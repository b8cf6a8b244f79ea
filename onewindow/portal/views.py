"""Public pages of the online hall and the applicant's own space."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases import selectors as case_selectors
from onewindow.core.forms import apply_validation_error
from onewindow.organisations.access import applicant_required
from onewindow.organisations.choices import PlaceKind, WindowKind
from onewindow.organisations.models import ServicePlace
from onewindow.portal.progress import state_badge
from onewindow.registries import services as registry_services
from onewindow.registries.forms import SignupForm
from onewindow.registries.models import AgentAuthorization, LegalPerson


def home(request: HttpRequest) -> HttpResponse:
    centers = (
        ServicePlace.objects.public()
        .filter(kind__in=[PlaceKind.GOVERNMENT_CENTER, PlaceKind.CONVENIENCE_CENTER])
        .select_related("region")
        .annotate(window_count=Count("windows", filter=Q(windows__is_active=True)))
        .order_by("kind", "region__code")
    )
    stations = ServicePlace.objects.public().filter(kind=PlaceKind.CONVENIENCE_STATION).count()
    return render(
        request,
        "portal/home.html",
        {"centers": centers, "station_count": stations},
    )


def places(request: HttpRequest) -> HttpResponse:
    qs = ServicePlace.objects.public().select_related("region").order_by("region__code", "name")
    kind = request.GET.get("kind", "")
    if kind in PlaceKind.values:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "portal/places.html",
        {"title": _("Service places"), "places": qs, "kind": kind, "kinds": PlaceKind.choices},
    )


def place(request: HttpRequest, pk: int) -> HttpResponse:
    hall = get_object_or_404(ServicePlace.objects.public().select_related("region"), pk=pk)
    windows = hall.windows.filter(is_active=True).select_related("department").order_by("number")
    return render(
        request,
        "portal/place.html",
        {
            "title": hall.name,
            "place": hall,
            "windows": windows,
            "departments": hall.departments.filter(is_active=True).order_by("name"),
            "window_kinds": WindowKind,
        },
    )


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:workspace")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = registry_services.citizen_signup(
                id_number=data["id_number"],
                name=data["name"],
                phone=data["phone"],
                password=data["password"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            login(request, person.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is open."))
            return redirect("portal:me")
    return render(request, "portal/signup.html", {"title": _("Open an account"), "form": form})


@applicant_required
def me(request: AuthenticatedHttpRequest) -> HttpResponse:
    person = getattr(request.user, "natural_person", None)
    organisation: LegalPerson | None = getattr(request.user, "legal_person", None)
    agencies = AgentAuthorization.objects.visible_to(request.user).select_related(
        "agent", "principal_person", "principal_organisation"
    )
    applications = list(case_selectors.applicant_cases(user=request.user)[:5])
    for case in applications:
        case.badge = state_badge(case.state)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "portal/me.html",
        {
            "title": _("My services"),
            "person": person,
            "organisation": organisation,
            "agencies": agencies,
            "applications": applications,
        },
    )
