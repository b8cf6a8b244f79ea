"""Reads of the outbox for pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.notifications.models import Message

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from onewindow.accounts.models import User


def message_log(
    *, user: User, event: str = "", status: str = "", case_number: str = ""
) -> QuerySet[Message]:
    """The messages a user may read, newest first, filtered."""
    qs = Message.objects.visible_to(user).select_related("recipient_user", "place")
    if event:
        qs = qs.filter(event=event)
    if status:
        qs = qs.filter(status=status)
    if case_number:
        qs = qs.filter(case_number=case_number)
    return qs.order_by("-created_at", "-pk")


def inbox_messages(*, user: User) -> QuerySet[Message]:
    return Message.objects.inbox_of(user).order_by("-created_at", "-pk")


def inbox_unread_count(*, user: User) -> int:
    return Message.objects.inbox_of(user).filter(read_at__isnull=True).count()
