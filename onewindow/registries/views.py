"""Window and hotline pages for applicants: look up, register, authorise agents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.core.forms import apply_validation_error
from onewindow.core.identity import clean_resident_id, resident_id_warnings
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.registries import policies, services
from onewindow.registries.forms import AgentForm, LookupForm, OrganisationForm, PersonForm
from onewindow.registries.models import AgentAuthorization, LegalPerson, NaturalPerson
from onewindow.registries.selectors import applicant_find

LOOKUP_ROLES = (Role.WINDOW_CLERK, Role.HOTLINE_AGENT, Role.ADMINISTRATOR)
# The applicants a clerk has looked up by number or registered in this session: they are at the
# clerk's window, so the clerk sees their numbers in full (registries.policies).
AT_WINDOW = "registries_at_window"
AT_WINDOW_MAX = 50


def _at_window(request: HttpRequest, subject: NaturalPerson | LegalPerson) -> None:
    if not policies.may_register(request.user):  # type: ignore[arg-type]  # behind the guard
        return
    kept = [p for p in request.session.get(AT_WINDOW, []) if p != str(subject.public_id)]
    request.session[AT_WINDOW] = [str(subject.public_id), *kept][:AT_WINDOW_MAX]


def _is_at_window(request: HttpRequest, subject: NaturalPerson | LegalPerson) -> bool:
    return str(subject.public_id) in request.session.get(AT_WINDOW, [])


@role_required(*LOOKUP_ROLES)
def lookup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Look an applicant up by number. The number is POSTed, never put in the query string (the
    access log, browser history and proxies would keep it); a match redirects to the record's
    page, which is addressed by its opaque public id."""
    form = LookupForm(request.POST if request.method == "POST" else None)
    context: dict[str, object] = {"title": _("Find an applicant"), "form": form, "searched": False}
    if form.is_valid():
        try:
            found, kind = applicant_find(user=request.user, number=form.cleaned_data["number"])
        except ValidationError as exc:
            apply_validation_error(form, exc, default_field="number")
        else:
            context.update(searched=True, found=found, kind=kind)
            if found is not None:
                _at_window(request, found)
                return redirect(found_url(found))
    context["may_register"] = policies.may_register(request.user)
    return render(request, "registries/lookup.html", context)


# The look-up's "register this number" button POSTs the number with this field: the form opens
# filled in, unbound (nothing is registered until the clerk saves it).
PREFILL = "prefill"


def found_url(found: NaturalPerson | LegalPerson) -> str:
    from django.urls import reverse

    if isinstance(found, NaturalPerson):
        return reverse("registries:person", args=[found.public_id])
    return reverse("registries:organisation", args=[found.public_id])


@role_required(*LOOKUP_ROLES)
def person_detail(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    person = get_object_or_404(NaturalPerson.objects.visible_to(request.user), public_id=public_id)
    agencies = (
        AgentAuthorization.objects.visible_to(request.user)
        .filter(principal_person=person)
        .select_related("agent")
    )
    return render(
        request,
        "registries/person_detail.html",
        {
            "title": person.name,
            "person": person,
            "reveal": policies.may_read_personal_numbers(
                request.user, person, at_window=_is_at_window(request, person)
            ),
            "warnings": resident_id_warnings(person.id_number),
            "agents": agencies,
            "acting_for": person.agencies.select_related(
                "principal_person", "principal_organisation"
            ),
            "may_register": policies.may_register(request.user),
        },
    )


@role_required(*LOOKUP_ROLES)
def organisation_detail(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    organisation = get_object_or_404(
        LegalPerson.objects.visible_to(request.user), public_id=public_id
    )
    return render(
        request,
        "registries/organisation_detail.html",
        {
            "title": organisation.name,
            "organisation": organisation,
            "reveal": policies.may_read_personal_numbers(
                request.user, organisation, at_window=_is_at_window(request, organisation)
            ),
            "agents": organisation.authorised_agents.select_related("agent"),
            "may_register": policies.may_register(request.user),
        },
    )


@role_required(Role.WINDOW_CLERK)
def person_new(request: HttpRequest) -> HttpResponse:
    if PREFILL in request.POST:
        form = PersonForm(initial={"id_number": request.POST.get("number", "")[:32]})
    else:
        form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            person = services.natural_person_register(**form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _at_window(request, person)
            messages.success(request, _("The person is registered."))
            return redirect("registries:person", public_id=person.public_id)
    return render(request, "registries/form.html", {"title": _("Register a person"), "form": form})


@role_required(Role.WINDOW_CLERK)
def organisation_new(request: HttpRequest) -> HttpResponse:
    if PREFILL in request.POST:
        form = OrganisationForm(initial={"uscc": request.POST.get("number", "")[:32]})
    else:
        form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            organisation = services.legal_person_register(**form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _at_window(request, organisation)
            messages.success(request, _("The organisation is registered."))
            return redirect("registries:organisation", public_id=organisation.public_id)
    return render(
        request, "registries/form.html", {"title": _("Register an organisation"), "form": form}
    )


@role_required(Role.WINDOW_CLERK)
def agent_new(request: AuthenticatedHttpRequest, kind: str, public_id: str) -> HttpResponse:
    models: dict[str, type[NaturalPerson] | type[LegalPerson]] = {
        "person": NaturalPerson,
        "organisation": LegalPerson,
    }
    if kind not in models:
        raise Http404
    model = models[kind]
    principal = get_object_or_404(model.objects.visible_to(request.user), public_id=public_id)
    form = AgentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agent_number = clean_resident_id(data["agent_id_number"])
            agent = NaturalPerson.objects.filter(id_number=agent_number).first()
            if agent is None:
                raise ValidationError(
                    {
                        "agent_id_number": _(
                            "The agent is not registered yet: register the person first."
                        )
                    }
                )
            services.agent_authorize(
                agent=agent,
                principal=principal,
                relation=data["relation"],
                matters=data["matters"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc, default_field="agent_id_number")
        else:
            messages.success(request, _("The agent is authorised."))
            return redirect(found_url(principal))
    return render(
        request,
        "registries/form.html",
        {"title": _("Authorise an agent for %(name)s") % {"name": principal.name}, "form": form},
    )
