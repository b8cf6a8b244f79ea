"""Applicants: natural persons, legal persons and the agents acting for them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onewindow.core.identity import validate_resident_id, validate_uscc
from onewindow.core.masking import mask_id_number, mask_name, mask_phone
from onewindow.core.models import PublicIdModel
from onewindow.registries.choices import AgentRelation, Gender, LegalPersonType, RealNameLevel
from onewindow.registries.querysets import (
    AgentAuthorizationQuerySet,
    LegalPersonQuerySet,
    NaturalPersonQuerySet,
)


class NaturalPerson(PublicIdModel):
    """A citizen, identified by the resident ID number (GB 11643)."""

    id_number = models.CharField(
        _("resident ID number"), max_length=18, unique=True, validators=[validate_resident_id]
    )
    name = models.CharField(_("name"), max_length=64)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    real_name_level = models.PositiveSmallIntegerField(
        _("real-name level"), choices=RealNameLevel.choices, default=RealNameLevel.L2
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="natural_person",
    )

    objects = NaturalPersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("natural person")
        verbose_name_plural = _("natural persons")

    def __str__(self) -> str:
        # Masked: __str__ ends up in logs, admin breadcrumbs and error messages.
        return f"{mask_name(self.name)}（{mask_id_number(self.id_number)}）"

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class LegalPerson(PublicIdModel):
    """A company or other organisation, identified by its unified social credit code (GB 32100)."""

    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=24, choices=LegalPersonType.choices)
    representative_name = models.CharField(_("legal representative"), max_length=64)
    representative_id_number = models.CharField(
        _("legal representative's ID number"),
        max_length=18,
        validators=[validate_resident_id],
    )
    phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    address = models.CharField(_("registered address"), max_length=200, blank=True)
    real_name_level = models.PositiveSmallIntegerField(
        _("real-name level"), choices=RealNameLevel.choices, default=RealNameLevel.L2
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="legal_person",
    )

    objects = LegalPersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("legal person")
        verbose_name_plural = _("legal persons")

    def __str__(self) -> str:
        return self.name


class AgentAuthorization(PublicIdModel):
    """A natural person authorised to act for a principal (a person or an organisation)."""

    agent = models.ForeignKey(
        NaturalPerson,
        verbose_name=_("agent"),
        on_delete=models.CASCADE,
        related_name="agencies",
    )
    principal_person = models.ForeignKey(
        NaturalPerson,
        verbose_name=_("principal (person)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="authorised_agents",
    )
    principal_organisation = models.ForeignKey(
        LegalPerson,
        verbose_name=_("principal (organisation)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="authorised_agents",
    )
    relation = models.CharField(_("relation"), max_length=16, choices=AgentRelation.choices)
    matters = models.CharField(_("authorised matters"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = AgentAuthorizationQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("agent authorisation")
        verbose_name_plural = _("agent authorisations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(principal_person__isnull=False, principal_organisation__isnull=True)
                    | Q(principal_person__isnull=True, principal_organisation__isnull=False)
                ),
                name="agent_exactly_one_principal",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="agent_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent} → {self.principal}"

    @property
    def principal(self) -> NaturalPerson | LegalPerson:
        # Exactly one of the two is set (the check constraint above).
        return self.principal_person or self.principal_organisation  # type: ignore[return-value]

    def is_current(self, on: datetime.date | None = None) -> bool:
        today = on or timezone.localdate()
        return self.revoked_at is None and self.valid_from <= today <= self.valid_until
