"""Who may see applicants: window clerks, hotline agents and administrators; citizens see
themselves. Reviewers will reach applicants through their cases (the case issue), not here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User

LOOKUP_ROLES = (Role.WINDOW_CLERK, Role.HOTLINE_AGENT, Role.ADMINISTRATOR)


def _may_look_up(user: User | None) -> bool | None:
    """True: all; False: nothing; None: only their own records."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or scope.has_role(user, *LOOKUP_ROLES):
        return True
    return None


class NaturalPersonQuerySet(models.QuerySet):
    def visible_to(self, user: User | None) -> NaturalPersonQuerySet:
        allowed = _may_look_up(user)
        if allowed is True:
            return self.all()
        if allowed is False:
            return self.none()
        return self.filter(user=user)


class LegalPersonQuerySet(models.QuerySet):
    def visible_to(self, user: User | None) -> LegalPersonQuerySet:
        allowed = _may_look_up(user)
        if allowed is True:
            return self.all()
        if allowed is False:
            return self.none()
        # A citizen also sees the organisations they are authorised to act for.
        return self.filter(
            Q(user=user)
            | Q(
                authorised_agents__agent__user=user,
                authorised_agents__revoked_at__isnull=True,
            )
        ).distinct()


class AgentAuthorizationQuerySet(models.QuerySet):
    def visible_to(self, user: User | None) -> AgentAuthorizationQuerySet:
        allowed = _may_look_up(user)
        if allowed is True:
            return self.all()
        if allowed is False:
            return self.none()
        return self.filter(
            Q(agent__user=user)
            | Q(principal_person__user=user)
            | Q(principal_organisation__user=user)
        )
