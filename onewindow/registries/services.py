"""Writes to the applicant registries: registration at a window or on the portal, and agents."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import get_password_validators, validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from stdnum.cn import ric

from onewindow.core.identity import clean_resident_id, clean_uscc
from onewindow.core.validators import clean_address, clean_person_name, clean_phone, clean_text
from onewindow.registries.choices import AgentRelation, Gender, LegalPersonType, RealNameLevel
from onewindow.registries.models import AgentAuthorization, LegalPerson, NaturalPerson

logger = logging.getLogger(__name__)


def _id_field(field: str, exc: ValidationError) -> ValidationError:
    return ValidationError({field: exc.error_list})


def _fields(**checks: tuple) -> dict[str, str]:
    """Run each field's rule (``core.validators``, each returning the cleaned text); every failing
    field is reported at once, under its own name, and nothing is written."""
    cleaned: dict[str, str] = {}
    errors: dict[str, list] = {}
    for field, (clean, value, kwargs) in checks.items():
        try:
            cleaned[field] = clean(value, **kwargs)
        except ValidationError as exc:
            errors[field] = exc.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


def natural_person_register(
    *,
    id_number: str,
    name: str,
    phone: str = "",
    address: str = "",
    real_name_level: RealNameLevel | int = RealNameLevel.L2,
) -> NaturalPerson:
    """Register a citizen. Birth date and gender are read from the number, never typed."""
    try:
        number = clean_resident_id(id_number)
    except ValidationError as exc:
        raise _id_field("id_number", exc) from None
    data = _fields(
        name=(clean_person_name, name, {"label": _("Full name")}),
        phone=(clean_phone, phone, {"label": _("Mobile phone"), "mobile_only": True}),
        address=(clean_address, address, {"label": _("Address")}),
    )
    if NaturalPerson.objects.filter(id_number=number).exists():
        raise ValidationError(
            {"id_number": _("A person with this ID number is already registered.")}
        )
    person = NaturalPerson(
        id_number=number,
        name=data["name"],
        phone=data["phone"],
        address=data["address"],
        birth_date=ric.get_birth_date(number),
        gender=Gender.MALE if int(number[16]) % 2 else Gender.FEMALE,
        real_name_level=real_name_level,
    )
    person.full_clean()
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # Two windows registering the same person at once: the other one won.
        raise ValidationError(
            {"id_number": _("A person with this ID number is already registered.")}
        ) from None
    logger.debug("natural person registered: %s", person.public_id)
    return person


def legal_person_register(
    *,
    uscc: str,
    name: str,
    kind: LegalPersonType | str,
    representative_name: str,
    representative_id_number: str,
    phone: str = "",
    address: str = "",
) -> LegalPerson:
    try:
        code = clean_uscc(uscc)
    except ValidationError as exc:
        raise _id_field("uscc", exc) from None
    try:
        rep_id = clean_resident_id(representative_id_number)
    except ValidationError as exc:
        raise _id_field("representative_id_number", exc) from None
    data = _fields(
        name=(
            clean_text,
            name,
            {
                "label": _("Organisation name"),
                "max_length": 200,
                "required": True,
                "multiline": False,
            },
        ),
        representative_name=(
            clean_person_name,
            representative_name,
            {"label": _("Legal representative")},
        ),
        phone=(clean_phone, phone, {"label": _("Contact phone")}),
        address=(clean_address, address, {"label": _("Registered address")}),
    )
    if LegalPerson.objects.filter(uscc=code).exists():
        raise ValidationError({"uscc": _("An organisation with this code is already registered.")})
    organisation = LegalPerson(
        uscc=code,
        name=data["name"],
        kind=kind,
        representative_name=data["representative_name"],
        representative_id_number=rep_id,
        phone=data["phone"],
        address=data["address"],
    )
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        raise ValidationError(
            {"uscc": _("An organisation with this code is already registered.")}
        ) from None
    return organisation


def agent_authorize(
    *,
    agent: NaturalPerson,
    principal: NaturalPerson | LegalPerson,
    relation: AgentRelation | str,
    matters: str,
    valid_from: datetime.date,
    valid_until: datetime.date,
) -> AgentAuthorization:
    if isinstance(principal, NaturalPerson) and principal.pk == agent.pk:
        raise ValidationError(_("A person cannot be their own agent."))
    authorization = AgentAuthorization(
        agent=agent,
        principal_person=principal if isinstance(principal, NaturalPerson) else None,
        principal_organisation=principal if isinstance(principal, LegalPerson) else None,
        relation=relation,
        matters=_fields(
            matters=(
                clean_text,
                matters,
                {
                    "label": _("Authorised matters"),
                    "max_length": 200,
                    "required": True,
                    "multiline": False,
                },
            )
        )["matters"],
        valid_from=valid_from,
        valid_until=valid_until,
    )
    if valid_until < valid_from:
        raise ValidationError({"valid_until": _("The end of validity is before its start.")})
    authorization.full_clean()
    authorization.save()
    return authorization


@transaction.atomic
def citizen_signup(*, id_number: str, name: str, phone: str, password: str) -> NaturalPerson:
    """Open a portal account for a citizen (real-name level 2: name and number checked).

    If the window already registered the person, the account is attached to that record only when
    the name matches, so nobody can take over another person's record with their ID number.
    """
    try:
        number = clean_resident_id(id_number)
    except ValidationError as exc:
        raise _id_field("id_number", exc) from None
    data = _fields(
        name=(clean_person_name, name, {"label": _("Full name")}),
        phone=(
            clean_phone,
            phone,
            {"label": _("Mobile phone"), "mobile_only": True, "required": True},
        ),
    )
    name, phone = str(data["name"]), str(data["phone"])
    user_model = get_user_model()
    if user_model.objects.filter(username=number).exists():
        raise ValidationError({"id_number": _("An account with this ID number already exists.")})
    user = user_model(username=number, name=name)
    try:
        # Citizens have their own policy (settings: the staff one is the default).
        validate_password(
            password,
            user,
            password_validators=get_password_validators(
                settings.ONEWINDOW_CITIZEN_PASSWORD_VALIDATORS
            ),
        )
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.full_clean()
    person = NaturalPerson.objects.select_for_update().filter(id_number=number).first()
    if person is not None:
        if person.user_id is not None:
            raise ValidationError(
                {"id_number": _("An account with this ID number already exists.")}
            )
        if person.name != name:
            raise ValidationError(
                {"name": _("The name does not match the registered holder of this ID number.")}
            )
        user.save()
        person.user = user
        if phone:
            person.phone = phone
        person.save(update_fields=["user", "phone", "updated_at"])
        return person
    user.save()
    person = natural_person_register(id_number=number, name=name, phone=phone)
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return person
