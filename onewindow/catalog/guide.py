"""Reading a published guide: turns a version's ``content`` JSON into display-ready data.

The web page and the printed PDF both render from ``guide_context``, so the two never disagree.
Everything is computed from the version alone (plus its entry's implementing body), so a case can
show the guide it was filed under long after the entry changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onewindow.catalog.choices import (
    CaseType,
    HandlingForm,
    ItemType,
    LimitUnit,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    Necessity,
    OnlineDepth,
    ResultType,
    ServiceObject,
    SpecialProcedure,
    TongbanScope,
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


def _limit(limit: dict | None) -> dict[str, str]:
    if not limit:
        return {"text": "", "note": ""}
    return {
        "text": format_limit(limit.get("value"), limit.get("unit") or LimitUnit.WORKING_DAYS),
        "note": limit.get("note") or "",
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


def _material(index: int, m: dict, situation_labels: dict[str, str]) -> dict[str, Any]:
    necessity = str(m.get("necessity") or Necessity.REQUIRED)
    form = str(m.get("form") or MaterialForm.PAPER)
    situations = list(m.get("situations") or [])
    return {
        "number": index,
        "name": m["name"],
        "kind": label(MaterialKind, m.get("kind")),
        "form": label(MaterialForm, form),
        "necessity": label(Necessity, necessity),
        "required": necessity != Necessity.OPTIONAL,
        "optional": necessity == Necessity.OPTIONAL,
        # 容缺后补: the case is accepted without it; the applicant supplies it later.
        "deferrable": necessity == Necessity.DEFERRABLE,
        # Once-only: the window fetches it from the shared registries, the applicant brings nothing.
        "fetched": form == MaterialForm.FETCHED,
        "source": label(MaterialSource, m.get("source")),
        # Worth a line only when the applicant must get it from another office.
        "show_source": str(m.get("source")) == MaterialSource.GOVERNMENT or bool(m.get("issuer")),
        "issuer": m.get("issuer") or "",
        "copies": m.get("copies") or 1,
        "paper_size": m.get("paper_size") or "",
        "basis": m.get("basis") or "",
        "standard": m.get("standard") or "",
        "notes": m.get("notes") or "",
        "blank_form": _link(m.get("blank_form") or ""),
        "sample": _link(m.get("sample") or ""),
        "situations": situations,
        "situation_labels": [situation_labels.get(code, code) for code in situations],
        "situation_attr": " ".join(situations),
    }


def guide_context(version: EntryVersion) -> dict[str, Any]:
    """Everything a guide page or print-out shows, with choice labels translated."""
    content = version.content
    entry = version.entry

    questions = content.get("questions") or []
    # "由谁来办理？委托代理人" — how a material names the answer that calls for it.
    situation_labels = {
        o["code"]: _situation_label(q["text"], o["label"]) for q in questions for o in q["options"]
    }
    materials = [
        _material(i, m, situation_labels)
        for i, m in enumerate(content.get("materials") or [], start=1)
    ]
    common = [m for m in materials if not m["situations"]]
    display_questions, per_situation = [], []
    for q in questions:
        options = []
        for o in q["options"]:
            applies = [m for m in materials if o["code"] in m["situations"]]
            options.append({"code": o["code"], "label": o["label"], "materials": applies})
            if applies:
                per_situation.append(
                    {"question": q["text"], "option": o["label"], "materials": applies}
                )
        display_questions.append({"code": q["code"], "text": q["text"], "options": options})

    promised_unit = (content.get("promised_limit") or {}).get("unit") or LimitUnit.WORKING_DAYS
    steps = [
        {
            "number": i,
            "name": s["name"],
            "handler": s.get("handler") or "",
            # Step limits are counted in the unit of the promised limit (see schema).
            "limit": format_limit(s.get("limit") or 0, promised_unit),
            "criteria": s.get("criteria") or "",
        }
        for i, s in enumerate(content.get("steps") or [], start=1)
    ]
    case_type = str(content.get("case_type") or CaseType.PROMISED)
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
        "name": content["name"],
        "item_type": label(ItemType, content.get("item_type")),
        "basic_code": entry.item.basic_code,
        "code": entry.code,
        "service_objects": [label(ServiceObject, v) for v in content.get("service_objects") or []],
        "legal_basis": content.get("legal_basis") or "",
        "conditions": content.get("conditions") or "",
        "statutory_limit": _limit(content.get("statutory_limit")),
        "promised_limit": _limit(content.get("promised_limit")),
        "case_type": case_type,
        "case_type_label": label(CaseType, case_type),
        "immediate": case_type == CaseType.IMMEDIATE,
        "visits": content.get("visits") or 0,
        "visits_label": _visits(content.get("visits")),
        "special_procedures": [
            label(SpecialProcedure, v) for v in content.get("special_procedures") or []
        ],
        "allows_commitment": bool(content.get("allows_commitment")),
        "result_type": label(ResultType, content.get("result_type")),
        "result_name": content.get("result_name") or "",
        "handling_forms": [label(HandlingForm, v) for v in content.get("handling_forms") or []],
        "tongban_scope": label(TongbanScope, content.get("tongban_scope") or TongbanScope.NONE),
        "joint_departments": content.get("joint_departments") or [],
        "online_depth": label(OnlineDepth, content.get("online_depth")),
        "appointment": bool(content.get("appointment")),
        "online_payment": bool(content.get("online_payment")),
        "express": bool(content.get("express")),
        "kiosk": bool(content.get("kiosk")),
        "place": content.get("place") or "",
        "hours": content.get("hours") or "",
        "consult_phone": content.get("consult_phone") or entry.department.phone,
        "complaint_phone": content.get("complaint_phone") or entry.department.complaint_phone,
        "questions": display_questions,
        "question_of": {o["code"]: q["code"] for q in questions for o in q["options"]},
        "materials": materials,
        "materials_common": common,
        "materials_situational": [m for m in materials if m["situations"]],
        "materials_per_situation": per_situation,
        "fees": [
            {
                "name": f["name"],
                "standard": f.get("standard") or "",
                "basis": f.get("basis") or "",
                "waivable": bool(f.get("waivable")),
            }
            for f in content.get("fees") or []
        ],
        "steps": steps,
        "faq": content.get("faq") or [],
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
    of ``schema.checklist`` extended to a half-answered questionnaire; the inline script of the
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
