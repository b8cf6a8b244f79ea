"""Promises a guide makes that its own content contradicts (issue 11, item 13).

A guide that says 零跑动 (no visit to the hall) must not ask for a material that exists only on
paper, nor a step the applicant attends in person; 全程网办 (online handling depth 5 and deeper)
means no visit at all; a 即办件 is done on the spot (promised limit 0, no step limit) and a 承诺件
has a promised limit; the postal and kiosk flags agree with the handling forms.

``guide_contradictions`` names each contradiction with the path of the element to fix. It reads a
published guide and judges nothing else (the content rules of ``schema.clean_guide`` stay what they
are): the demo catalog is checked with it by a test, and a catalog manager's review can show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from onewindow.catalog.choices import CaseType, HandlingForm, MaterialForm, OnlineDepth
from onewindow.catalog.schema import Guide

# Words of a step or a material that need the applicant at the hall in person.
IN_PERSON = re.compile(r"本人到场|到场办理|现场签字|当面签字|面谈|现场采集|现场拍照|现场录入指纹")
ONLINE_FORMS = {HandlingForm.PC, HandlingForm.MOBILE}


@dataclass(frozen=True)
class Contradiction:
    path: str
    message: str


def guide_contradictions(guide: Guide) -> list[Contradiction]:
    """Every promise of ``guide`` that its own content breaks, with the path to fix."""
    found: list[Contradiction] = []

    def add(path: str, message: str) -> None:
        found.append(Contradiction(path, message))

    visits = guide.visits or 0
    no_visit = guide.visits == 0
    fully_online = (guide.online_depth or 0) >= OnlineDepth.HANDLING
    if fully_online and visits > 0:
        add(
            "visits",
            _(
                "Handled fully online (网办深度 %(depth)s) yet %(n)d visit(s) to the hall are "
                "required."
            )
            % {"depth": guide.online_depth, "n": visits},
        )
    if no_visit or fully_online:
        what = _("no visit (零跑动)") if no_visit else _("fully online (全程网办)")
        for i, material in enumerate(guide.materials):
            if material.form == MaterialForm.PAPER:
                add(
                    f"materials[{i}].form",
                    _("The guide promises %(what)s, but “%(name)s” is accepted on paper only.")
                    % {"what": what, "name": material.name},
                )
            if IN_PERSON.search(f"{material.standard} {material.notes}"):
                add(
                    f"materials[{i}].notes",
                    _("The guide promises %(what)s, but “%(name)s” needs the applicant in person.")
                    % {"what": what, "name": material.name},
                )
        for i, step in enumerate(guide.steps):
            if IN_PERSON.search(f"{step.name} {step.criteria}"):
                add(
                    f"steps[{i}].name",
                    _(
                        "The guide promises %(what)s, but the step “%(name)s” needs the "
                        "applicant in person."
                    )
                    % {"what": what, "name": step.name},
                )
        if not ONLINE_FORMS & set(guide.handling_forms):
            add(
                "handling_forms",
                _("The guide promises %(what)s but offers no online channel (PC or mobile).")
                % {"what": what},
            )
        if no_visit and (guide.online_depth or 0) < OnlineDepth.ACCEPTANCE:
            add(
                "online_depth",
                _("No visit (零跑动) needs at least online acceptance (网办深度 4)."),
            )
    if guide.case_type == CaseType.IMMEDIATE:
        if guide.promised_days > 0:
            add("promised_limit", _("An item done on the spot (即办件) promises more than 0 days."))
        if any(step.limit for step in guide.steps):
            add("steps", _("An item done on the spot (即办件) has a step with a time limit."))
    elif guide.case_type == CaseType.PROMISED and guide.promised_days == 0:
        add("promised_limit", _("An item done within a promised limit (承诺件) promises 0 days."))
    if guide.express != (HandlingForm.EXPRESS in guide.handling_forms):
        add("express", _("The postal flag and the handling forms disagree about delivery by post."))
    if guide.kiosk != (HandlingForm.KIOSK in guide.handling_forms):
        add("kiosk", _("The kiosk flag and the handling forms disagree about self-service kiosks."))
    return found
