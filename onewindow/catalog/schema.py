"""The content of an implementation entry version: every element of a service guide.

A published version stores its content as one JSON document, so a version is a complete, immutable
snapshot (a case filed under it can always show it) and two versions diff field by field. This
module is the single definition of that document: ``clean_content`` validates and normalises raw
input (from a form, an xlsx row set, or the demo data) and reports every problem with its path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

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
    choice_labels,
)

CODE_RE = re.compile(r"^[0-9A-Z]{1,12}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, at a path such as ``materials[2].name``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ContentError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: object) -> None:
        self.problems.append(Problem(path, str(message)))

    def text(
        self, data: dict, key: str, path: str, *, required: bool = False, max_len: int = 2000
    ) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            value = str(value)
        value = value.strip()
        if required and not value:
            self.add(path + key, _("This element is required."))
        elif len(value) > max_len:
            self.add(path + key, _("At most %(n)d characters.") % {"n": max_len})
        return value

    def choice(self, data: dict, key: str, path: str, choices: type, default: Any = None) -> Any:
        value = data.get(key, default)
        if value in (None, "") and default is not None:
            value = default
        valid = {str(v) for v in choices.values}
        if str(value) not in valid:
            labels = choice_labels(choices)
            self.add(
                path + key,
                _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": labels},
            )
            return default
        return type(choices.values[0])(value) if isinstance(choices.values[0], int) else str(value)

    def choices(self, data: dict, key: str, path: str, choices: type) -> list:
        values = data.get(key) or []
        if isinstance(values, str):
            values = [v for v in re.split(r"[,，、;；\s]+", values) if v]
        result = []
        valid = {str(v) for v in choices.values}
        for value in values:
            if str(value) not in valid:
                self.add(
                    path + key,
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": value, "choices": "、".join(str(v) for v in choices.values)},
                )
            elif str(value) not in result:
                result.append(str(value))
        return result

    def integer(
        self,
        data: dict,
        key: str,
        path: str,
        *,
        minimum: int = 0,
        maximum: int = 10_000,
        default: int | None = None,
    ) -> int | None:
        value = data.get(key, default)
        if value in (None, ""):
            if default is None:
                self.add(path + key, _("This element is required."))
            return default
        try:
            number = int(str(value).strip())
        except ValueError:
            self.add(path + key, _("“%(value)s” is not a whole number.") % {"value": value})
            return default
        if not minimum <= number <= maximum:
            self.add(
                path + key, _("Must be between %(lo)d and %(hi)d.") % {"lo": minimum, "hi": maximum}
            )
            return default
        return number

    def boolean(self, data: dict, key: str) -> bool:
        value = data.get(key, False)
        if isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "y", "是", "√", "✓"}
        return bool(value)


def _limit(c: _Checker, data: dict, key: str, *, required: bool) -> dict | None:
    raw = data.get(key)
    if raw in (None, "", {}):
        if required:
            c.add(key, _("This element is required."))
        return None
    if not isinstance(raw, dict):
        c.add(key, _("A time limit has a value and a unit."))
        return None
    path = f"{key}."
    return {
        "value": c.integer(raw, "value", path, maximum=3650),
        "unit": c.choice(raw, "unit", path, LimitUnit, LimitUnit.WORKING_DAYS),
        "note": c.text(raw, "note", path, max_len=500),
    }


def clean_content(raw: dict) -> dict:
    """Validate and normalise a guide. Raises ``ContentError`` listing every problem found."""
    if not isinstance(raw, dict):
        raise ContentError([Problem("", str(_("The guide must be a set of named elements.")))])
    c = _Checker()
    content: dict[str, Any] = {
        "name": c.text(raw, "name", "", required=True, max_len=200),
        "item_type": c.choice(raw, "item_type", "", ItemType, ItemType.LICENSING),
        "service_objects": c.choices(raw, "service_objects", "", ServiceObject),
        "legal_basis": c.text(raw, "legal_basis", "", required=True, max_len=4000),
        "conditions": c.text(raw, "conditions", "", max_len=4000),
        "statutory_limit": _limit(c, raw, "statutory_limit", required=True),
        "promised_limit": _limit(c, raw, "promised_limit", required=True),
        "case_type": c.choice(raw, "case_type", "", CaseType, CaseType.PROMISED),
        "visits": c.integer(raw, "visits", "", maximum=10, default=1),
        "special_procedures": c.choices(raw, "special_procedures", "", SpecialProcedure),
        "allows_commitment": c.boolean(raw, "allows_commitment"),
        "result_type": c.choice(raw, "result_type", "", ResultType, ResultType.APPROVAL),
        "result_name": c.text(raw, "result_name", "", max_len=200),
        "handling_forms": c.choices(raw, "handling_forms", "", HandlingForm),
        "tongban_scope": c.choice(raw, "tongban_scope", "", TongbanScope, TongbanScope.NONE),
        "joint_departments": [
            str(d).strip() for d in raw.get("joint_departments") or [] if str(d).strip()
        ],
        "online_depth": c.choice(raw, "online_depth", "", OnlineDepth, OnlineDepth.ACCEPTANCE),
        "appointment": c.boolean(raw, "appointment"),
        "online_payment": c.boolean(raw, "online_payment"),
        "express": c.boolean(raw, "express"),
        "kiosk": c.boolean(raw, "kiosk"),
        "place": c.text(raw, "place", "", max_len=300),
        "hours": c.text(raw, "hours", "", max_len=300),
        "consult_phone": c.text(raw, "consult_phone", "", max_len=64),
        "complaint_phone": c.text(raw, "complaint_phone", "", max_len=64),
    }
    if not content["service_objects"]:
        c.add("service_objects", _("Name at least one kind of applicant."))

    # Situations: questions whose answers select the materials (情形).
    questions, option_codes = [], set()
    for i, q in enumerate(raw.get("questions") or []):
        path = f"questions[{i}]."
        options = []
        for j, o in enumerate(q.get("options") or []):
            opath = f"{path}options[{j}]."
            code = c.text(o, "code", opath, required=True, max_len=32)
            if code in option_codes:
                c.add(
                    opath + "code",
                    _("The situation code “%(code)s” is used twice.") % {"code": code},
                )
            option_codes.add(code)
            options.append(
                {"code": code, "label": c.text(o, "label", opath, required=True, max_len=200)}
            )
        if len(options) < 2:
            c.add(path + "options", _("A situation question needs at least two answers."))
        questions.append(
            {
                "code": c.text(q, "code", path, required=True, max_len=32),
                "text": c.text(q, "text", path, required=True, max_len=200),
                "options": options,
            }
        )
    content["questions"] = questions

    materials = []
    for i, m in enumerate(raw.get("materials") or []):
        path = f"materials[{i}]."
        source = c.choice(m, "source", path, MaterialSource, MaterialSource.APPLICANT)
        situations = [str(s).strip() for s in m.get("situations") or [] if str(s).strip()]
        if isinstance(m.get("situations"), str):
            situations = [s for s in re.split(r"[,，、;；\s]+", m["situations"]) if s]
        for s in situations:
            if s not in option_codes:
                c.add(
                    path + "situations",
                    _("No situation answer has the code “%(code)s”.") % {"code": s},
                )
        materials.append(
            {
                "name": c.text(m, "name", path, required=True, max_len=200),
                "kind": c.choice(m, "kind", path, MaterialKind, MaterialKind.ORIGINAL),
                "form": c.choice(m, "form", path, MaterialForm, MaterialForm.PAPER),
                "necessity": c.choice(m, "necessity", path, Necessity, Necessity.REQUIRED),
                "source": source,
                "issuer": c.text(m, "issuer", path, max_len=200),
                "copies": c.integer(m, "copies", path, maximum=20, default=1),
                "paper_size": c.text(m, "paper_size", path, max_len=16) or "A4",
                "basis": c.text(m, "basis", path, max_len=1000),
                "standard": c.text(m, "standard", path, max_len=1000),
                "notes": c.text(m, "notes", path, max_len=1000),
                "blank_form": c.text(m, "blank_form", path, max_len=300),
                "sample": c.text(m, "sample", path, max_len=300),
                "situations": situations,
            }
        )
    if not materials:
        c.add("materials", _("A guide lists at least one material."))
    content["materials"] = materials

    fees = []
    for i, f in enumerate(raw.get("fees") or []):
        path = f"fees[{i}]."
        fees.append(
            {
                "name": c.text(f, "name", path, required=True, max_len=200),
                "standard": c.text(f, "standard", path, required=True, max_len=500),
                "basis": c.text(f, "basis", path, max_len=1000),
                "waivable": c.boolean(f, "waivable"),
            }
        )
    content["fees"] = fees

    steps = []
    for i, s in enumerate(raw.get("steps") or []):
        path = f"steps[{i}]."
        steps.append(
            {
                "name": c.text(s, "name", path, required=True, max_len=100),
                "handler": c.text(s, "handler", path, required=True, max_len=100),
                "limit": c.integer(s, "limit", path, maximum=3650, default=0),
                "criteria": c.text(s, "criteria", path, max_len=1000),
            }
        )
    if not steps:
        c.add("steps", _("A guide has at least one step."))
    content["steps"] = steps

    faq = []
    for i, f in enumerate(raw.get("faq") or []):
        path = f"faq[{i}]."
        faq.append(
            {
                "question": c.text(f, "question", path, required=True, max_len=300),
                "answer": c.text(f, "answer", path, required=True, max_len=2000),
            }
        )
    content["faq"] = faq

    _check_limits(c, content)
    if c.problems:
        raise ContentError(c.problems)
    return content


def _working(limit: dict) -> float:
    # Compare limits in one unit: five working days make a calendar week of seven.
    value = limit["value"] or 0
    return value if limit["unit"] == LimitUnit.WORKING_DAYS else value * 5 / 7


def _check_limits(c: _Checker, content: dict) -> None:
    statutory, promised = content["statutory_limit"], content["promised_limit"]
    both = statutory and promised and None not in (statutory["value"], promised["value"])
    if both and _working(promised) > _working(statutory):
        c.add(
            "promised_limit",
            _("The promised limit (%(p)s) is longer than the statutory limit (%(s)s).")
            % {"p": promised["value"], "s": statutory["value"]},
        )
    promised_days = (promised or {}).get("value") or 0
    if content["case_type"] == CaseType.IMMEDIATE and promised_days > 0:
        c.add("promised_limit", _("An item done on the spot has a promised limit of 0 days."))
    # Step limits are in the unit of the promised limit and must fit inside it.
    step_total = sum(s["limit"] or 0 for s in content["steps"])
    if promised_days and step_total > promised_days:
        c.add(
            "steps",
            _("The step limits add up to %(n)d days, more than the promised limit.")
            % {"n": step_total},
        )


def checklist(content: dict, answers: set[str]) -> list[dict]:
    """The materials required for the chosen situation answers (a material without situations
    applies to everyone)."""
    return [
        m for m in content["materials"] if not m["situations"] or set(m["situations"]) & answers
    ]


def validate_basic_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code) or len(code) != 12:
        raise ContentError(
            [Problem("basic_code", str(_("A basic code has 12 digits or capital letters.")))]
        )
    return code
