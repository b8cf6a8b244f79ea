"""Reading a published guide: turns a version's typed ``guide`` into display-ready data.

The web page and the printed PDF both render from ``guide_context``, so the two never disagree.
Everything is computed from the version alone (plus its entry's implementing body), so a case can
show the guide it was filed under long after the entry changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onewindow.catalog.choices import (
    CaseType,
    LimitUnit,
    MaterialForm,
    MaterialSource,
    Necessity,
    TongbanScope,
)
from onewindow.catalog.schema import (
    CHOICE,
    CHOICES,
    Guide,
    Limit,
    Material,
    Record,
    Spec,
    specs,
)

if TYPE_CHECKING:
    from onewindow.catalog.models import EntryVersion


def label(choices: type[models.Choices], value: Any) -> str:
    """The translated label of a stored choice value.

    A published version is immutable while the choices evolve: a value that has since been
    retired is shown as stored rather than breaking the page of an old case.
    """
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def format_limit(value: int | None, unit: str = LimitUnit.WORKING_DAYS) -> str:
    """``5 个工作日`` / ``30 个自然日``; zero is done on the spot."""
    if value is None:
        return ""
    if value == 0:
        return _("On the spot")
    if unit == LimitUnit.CALENDAR_DAYS:
        return ngettext("%(n)d calendar day", "%(n)d calendar days", value) % {"n": value}
    return ngettext("%(n)d working day", "%(n)d working days", value) % {"n": value}


def _limit(limit: Limit | None) -> dict[str, str]:
    if not limit:
        return {"text": "", "note": ""}
    return {
        "text": format_limit(limit.value, limit.unit or LimitUnit.WORKING_DAYS),
        "note": limit.note or "",
    }


def choice_label(record: Record, name: str) -> Any:
    """The translated label(s) of a choice element, its choices taken from the declaration."""
    spec = _SPECS[type(record), name]
    choices = cast(type[models.Choices], spec.choices)
    value = getattr(record, name)
    if spec.kind == CHOICES:
        return [label(choices, v) for v in value]
    return label(choices, value)


_SPECS: dict[tuple[type[Record], str], Spec] = {
    (cls, name): spec
    for cls in (Guide, Material, Limit)
    for name, spec in specs(cls)
    if spec.kind in (CHOICE, CHOICES)
}


def _visits(n: int | None) -> str:
    if not n:
        return _("No visit needed")
    return ngettext("At most %(n)d visit", "At most %(n)d visits", n) % {"n": n}


def _link(value: str) -> dict[str, str] | None:
    """A blank form or sample: a link when it is a web address or a site path, else plain text.

    Only http(s) and same-site paths become links, so guide content can never smuggle in a
    ``javascript:`` URL.
    """
    value = (value or "").strip()
    if not value:
        return None
    is_url = value.startswith(("http://", "https://")) or (
        value.startswith("/") and not value.startswith("//")
    )
    return {"text": value.rsplit("/", 1)[-1] or value, "url": value if is_url else ""}


def _situation_label(question: str, answer: str) -> str:
    """Join a question and its answer ("经营场所：租赁"), with no colon after a question mark."""
    separator = "" if question.endswith(("？", "?", "：", ":")) else "："
    return f"{question}{separator}{answer}"


def _material(index: int, m: Material, situation_labels: dict[str, str]) -> dict[str, Any]:
    necessity = str(m.necessity or Necessity.REQUIRED)
    form = str(m.form or MaterialForm.PAPER)
    situations = list(m.situations)
    return {
        "number": index,
        "name": m.name,
        "kind": choice_label(m, "kind"),
        "form": label(MaterialForm, form),
        "necessity": label(Necessity, necessity),
        "required": necessity != Necessity.OPTIONAL,
        "optional": necessity == Necessity.OPTIONAL,
        # 容缺后补: the case is accepted without it; the applicant supplies it later.
        "deferrable": necessity == Necessity.DEFERRABLE,
        # Once-only: the window fetches it from the shared registries, the applicant brings nothing.
        "fetched": form == MaterialForm.FETCHED,
        "source": choice_label(m, "source"),
        # Worth a line only when the applicant must get it from another office.
        "show_source": str(m.source) == MaterialSource.GOVERNMENT or bool(m.issuer),
        "issuer": m.issuer or "",
        "copies": m.copies or 1,
        "paper_size": m.paper_size or "",
        "basis": m.basis or "",
        "standard": m.standard or "",
        "notes": m.notes or "",
        "blank_form": _link(m.blank_form or ""),
        "sample": _link(m.sample or ""),
        "situations": situations,
        "situation_labels": [situation_labels.get(code, code) for code in situations],
        "situation_attr": " ".join(situations),
    }


def guide_context(version: EntryVersion) -> dict[str, Any]:
    """Everything a guide page or print-out shows, with choice labels translated."""
    guide = version.guide
    entry = version.entry

    questions = guide.questions
    # "由谁来办理？委托代理人" — how a material names the answer that calls for it.
    situation_labels = {
        o.code: _situation_label(q.text, o.label) for q in questions for o in q.options
    }
    materials = [_material(i, m, situation_labels) for i, m in enumerate(guide.materials, start=1)]
    common = [m for m in materials if not m["situations"]]
    display_questions, per_situation = [], []
    for q in questions:
        options = []
        for o in q.options:
            applies = [m for m in materials if o.code in m["situations"]]
            options.append({"code": o.code, "label": o.label, "materials": applies})
            if applies:
                per_situation.append({"question": q.text, "option": o.label, "materials": applies})
        display_questions.append({"code": q.code, "text": q.text, "options": options})

    promised_unit = guide.promised_unit
    steps = [
        {
            "number": i,
            "name": s.name,
            "handler": s.handler or "",
            # Step limits are counted in the unit of the promised limit (see schema).
            "limit": format_limit(s.limit or 0, promised_unit),
            "criteria": s.criteria or "",
        }
        for i, s in enumerate(guide.steps, start=1)
    ]
    case_type = str(guide.case_type or CaseType.PROMISED)
    today = timezone.localdate()
    current = entry.current_version_id
    return {
        "version": version,
        "entry": entry,
        "department": entry.department,
        "number": version.number,
        "effective_date": version.effective_date,
        "version_note": _("Version %(number)d, in force from %(date)s")
        % {"number": version.number, "date": version.effective_date.isoformat()},
        "is_current": current == version.pk,
        "not_yet_in_force": version.effective_date > today,
        "name": guide.name,
        "item_type": choice_label(guide, "item_type"),
        "basic_code": entry.item.basic_code,
        "code": entry.code,
        "service_objects": choice_label(guide, "service_objects"),
        "legal_basis": guide.legal_basis or "",
        "conditions": guide.conditions or "",
        "statutory_limit": _limit(guide.statutory_limit),
        "promised_limit": _limit(guide.promised_limit),
        "case_type": case_type,
        "case_type_label": label(CaseType, case_type),
        "immediate": case_type == CaseType.IMMEDIATE,
        "visits": guide.visits or 0,
        "visits_label": _visits(guide.visits),
        "special_procedures": choice_label(guide, "special_procedures"),
        "allows_commitment": bool(guide.allows_commitment),
        "result_type": choice_label(guide, "result_type"),
        "result_name": guide.result_name or "",
        "handling_forms": choice_label(guide, "handling_forms"),
        "tongban_scope": label(TongbanScope, guide.tongban_scope or TongbanScope.NONE),
        "joint_departments": list(guide.joint_departments),
        "online_depth": choice_label(guide, "online_depth"),
        "appointment": bool(guide.appointment),
        "online_payment": bool(guide.online_payment),
        "express": bool(guide.express),
        "kiosk": bool(guide.kiosk),
        "place": guide.place or "",
        "hours": guide.hours or "",
        "consult_phone": guide.consult_phone or entry.department.phone,
        "complaint_phone": guide.complaint_phone or entry.department.complaint_phone,
        "questions": display_questions,
        "question_of": {o.code: q.code for q in questions for o in q.options},
        "materials": materials,
        "materials_common": common,
        "materials_situational": [m for m in materials if m["situations"]],
        "materials_per_situation": per_situation,
        "fees": [
            {
                "name": f.name,
                "standard": f.standard or "",
                "basis": f.basis or "",
                "waivable": bool(f.waivable),
            }
            for f in guide.fees
        ],
        "steps": steps,
        "faq": [f.to_content() for f in guide.faq],
    }


def answers_from(query: Mapping[str, str], context: dict[str, Any]) -> dict[str, str]:
    """The situation answers in a query string (``?question=option``), ignoring unknown ones."""
    answers = {}
    for q in context["questions"]:
        value = query.get(q["code"], "")
        if value in {o["code"] for o in q["options"]}:
            answers[q["code"]] = value
    return answers


def apply_answers(context: dict[str, Any], answers: dict[str, str]) -> dict[str, Any]:
    """The situation picker and the checklist for the given answers.

    A material applies when it has no situation, when one of its situations was chosen, or when
    the question of one of its situations is still unanswered (it may yet apply). This is the rule
    of ``Guide.checklist`` extended to a half-answered questionnaire; the inline script of the
    web page applies the same rule in the browser.
    """
    question_of = context["question_of"]
    chosen = set(answers.values())
    checklist = [
        {
            **m,
            "applies": not m["situations"]
            or any(s in chosen or question_of.get(s) not in answers for s in m["situations"]),
        }
        for m in context["materials"]
    ]
    picker = [
        {
            **q,
            "options": [
                {**o, "checked": answers.get(q["code"]) == o["code"]} for o in q["options"]
            ],
        }
        for q in context["questions"]
    ]
    return {
        "checklist": checklist,
        "picker": picker,
        "applicable_count": sum(m["applies"] for m in checklist),
    }
