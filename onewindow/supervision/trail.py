"""Supervision actions on the tamper-evident audit chain (``core/audit.py``)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from onewindow.core.audit import audit_append

if TYPE_CHECKING:
    from onewindow.accounts.models import User


def supervision_audit(
    action: str,
    *,
    ref: str,
    actor: User | None,
    content: dict[str, Any],
    at: datetime.datetime | None = None,
) -> None:
    """Append ``supervision.<action>``; call inside the transaction that makes the change."""
    audit_append(
        kind=f"supervision.{action}",
        ref=ref,
        actor=actor.username if actor else "system",
        content=content,
        at=at,
    )
