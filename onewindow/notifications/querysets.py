"""Scoped reads of the outbox: who sees which messages (deny by default)."""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from onewindow.notifications.choices import MessageStatus
from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User

# Roles that read the message log of their own service place.
PLACE_ROLES = (Role.CENTER_MANAGER, Role.WINDOW_CLERK)
# Roles that read the message log of a whole region subtree.
REGION_ROLES = (Role.ADMINISTRATOR, Role.SUPERVISOR)


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user: User | None) -> MessageQuerySet:
        """The message log a user may read.

        Center managers and window clerks: messages of their own place. Administrators and
        supervisors: messages whose region code lies in their subtree. Superusers: everything.
        Anyone else, including the addressee of an in-app message, sees nothing here (their own
        messages are ``inbox_of``).
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        conditions = [
            Q(region_code__startswith=prefix)
            for prefix in scope.region_prefixes(user, *REGION_ROLES)
        ]
        place_ids = scope.place_ids(user, *PLACE_ROLES)
        if place_ids:
            conditions.append(Q(place_id__in=sorted(place_ids)))
        if not conditions:
            return self.none()
        return self.filter(reduce(or_, conditions))

    def inbox_of(self, user: User) -> MessageQuerySet:
        """In-app messages delivered to the user."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient_user=user, channel="inbox", status=MessageStatus.SENT)

    def due(self, now: datetime.datetime) -> MessageQuerySet:
        """Pending messages whose next attempt is due: one range scan of ``notif_due_idx``."""
        return self.filter(status=MessageStatus.PENDING, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "pk"
        )
