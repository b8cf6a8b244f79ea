"""What urgings and cards share: the texts people write, the notices they send, and giving the
caller the row as the transition left it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models.fields.mixins import FieldCacheMixin
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.core.errors import DomainError
from onewindow.notifications.services import notification_queue
from onewindow.workflow.engine import transition
from onewindow.workflow.machine import Change, Machine

if TYPE_CHECKING:
    import datetime

    from onewindow.accounts.models import User

M = TypeVar("M", bound=models.Model)

MAX_TEXT = 2000
MAX_BODY = 1000


def clean_text(value: str | None, *, field: str, missing: str, min_chars: int = 1) -> str:
    """The stripped text of an urging, a reply, a result, a reason or a note.

    Shorter than ``min_chars`` (blank, at least) is refused with ``missing``, which says what
    to write; longer than ``MAX_TEXT`` with the limit.
    """
    text = (value or "").strip()
    if len(text) < max(min_chars, 1):
        raise DomainError(missing, field=field)
    if len(text) > MAX_TEXT:
        raise DomainError(_("Keep it within %(n)s characters.") % {"n": MAX_TEXT}, field=field)
    return text


def clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def site_language() -> AbstractContextManager[None]:
    """Notices are written in the site's language, whoever's request sends them."""
    return override(settings.LANGUAGE_CODE)


def notify(
    users: Iterable[User],
    *,
    event: str,
    subject: str,
    body: str,
    exclude: User | None = None,
    **where: Any,
) -> None:
    """Queue one notice per user (sent once the transaction commits); not to ``exclude``."""
    for user in users:
        if exclude is not None and user.pk == exclude.pk:
            continue
        notification_queue(
            event=event, subject=subject, body=body[:MAX_BODY], recipient_user=user, **where
        )


def required_revision(expected_revision: int | None, actor: User | None) -> int | None:
    """A person acts on the urging or card as they saw it; only the system acts without."""
    if expected_revision is None and actor is not None:
        raise TypeError("expected_revision is required when a person acts")
    return expected_revision


def refresh_from(obj: models.Model, locked: models.Model) -> None:
    """Give the caller's object the values the transition wrote on the locked copy."""
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(locked, field.attname))
        # The concrete relations (foreign keys) are the fields that cache their related object.
        if field.is_relation and isinstance(field, FieldCacheMixin):
            # A related object cached before the change may be another one now.
            if field.is_cached(locked):
                field.set_cached_value(obj, field.get_cached_value(locked))
            elif field.is_cached(obj):
                field.delete_cached_value(obj)


@contextmanager
def acting(
    machine: Machine[M],
    obj: M,
    action: str,
    *,
    actor: User,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Iterator[Change[M]]:
    """``transition`` for a person answering or closing an urging or a card: the revision they
    saw is required, and the caller's ``obj`` ends as the transition left it."""
    with transition(
        machine,
        obj,
        action,
        actor=actor,
        expected_revision=required_revision(expected_revision, actor),
        at=at,
    ) as change:
        yield change
    refresh_from(obj, change.obj)


def sign(change: Change[Any], text: str, fields: tuple[str, str, str]) -> None:
    """Write what the actor wrote, who and when into the (text, by, at) fields of the row."""
    for name, value in zip(fields, (text, change.actor, change.at), strict=True):
        setattr(change.obj, name, value)
