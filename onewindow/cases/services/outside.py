"""Materials asked for outside the case's checklist (清单外材料).

The published guide may be incomplete, so staff may ask for more than its checklist; but asking
for unpublished materials is what 一次性告知 and the "no materials outside the list" rule forbid
in practice, so each such request is kept on the event (``data["extra"]``), printed on the
correction notice and counted by the supervision card rule "materials outside the checklist".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from onewindow.core.errors import DomainError

if TYPE_CHECKING:
    from onewindow.cases.models import Case

MAX_LENGTH = 200
MAX_LINES = 30


def extra_materials_clean(values: Iterable[str] | None, case: Case) -> list[str]:
    """The extra materials as recorded: stripped, empty and repeated lines dropped.

    Raises ``DomainError`` for a line over 200 characters, too many lines, or a line that is in
    fact a material of the case's checklist (it must be marked there, not asked for as extra).
    """
    lines: list[str] = []
    for value in values or []:
        line = " ".join(str(value or "").split())
        if not line or line in lines:
            continue
        if len(line) > MAX_LENGTH:
            raise DomainError(
                _("A material outside the checklist is named in %(n)d characters at most.")
                % {"n": MAX_LENGTH},
                field="extra_materials",
            )
        lines.append(line)
    if len(lines) > MAX_LINES:
        raise DomainError(
            _("Name at most %(n)d materials outside the checklist.") % {"n": MAX_LINES},
            field="extra_materials",
        )
    listed = {"".join(m.name.split()) for m in case.materials.all()}
    on_list = [line for line in lines if "".join(line.split()) in listed]
    if on_list:
        raise DomainError(
            _("“%(names)s” is on the checklist: mark it in the checklist instead.")
            % {"names": "、".join(on_list)},
            field="extra_materials",
        )
    return lines
