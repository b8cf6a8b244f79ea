"""Formal documents of a case: a numbered row holding the snapshot the PDF is rendered from.

The snapshot is taken when the document is issued, so a document printed again years later says
what it said on the day (names, materials, deadline), whatever happened to the case since.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from onewindow.cases.choices import IN_HAND, MaterialStatus
from onewindow.cases.models import Case, CaseDocument
from onewindow.catalog.choices import ItemType, LimitUnit, MaterialKind
from onewindow.core.masking import mask_id_number
from onewindow.documents.choices import DocumentKind
from onewindow.documents.render import document_title

if TYPE_CHECKING:
    from onewindow.cases.models import CaseEvent


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _issuer(case: Case, kind: str) -> str:
    # The window issues receipts and correction notices in the center's name; decisions are the
    # implementing body's.
    center_kinds = {DocumentKind.RECEIPT, DocumentKind.CORRECTION, DocumentKind.DELIVERY_RECEIPT}
    if kind in center_kinds or case.department is None:
        return case.place.name
    return case.department.name


def _material_status(status: str) -> str:
    if status in IN_HAND:
        return "received"
    if status == MaterialStatus.DEFERRED:
        return "deferred"
    if status == MaterialStatus.DEFECTIVE:
        return "defective"
    return "missing"


def materials_data(case: Case, *, only: Collection[str] | None = None) -> list[dict[str, Any]]:
    with override(settings.LANGUAGE_CODE):
        rows = []
        for m in case.materials.all():
            if only is not None and m.status not in only:
                continue
            label = MaterialKind(m.kind).label if m.kind in MaterialKind.values else m.kind
            rows.append(
                {
                    "name": m.name,
                    "kind_label": str(label),
                    "copies": m.copies_received or m.copies_required,
                    "status": _material_status(m.status),
                    "note": m.note,
                    "due_date": _iso(m.due_date),
                }
            )
        return rows


# A joint application ("一件事") has no guide of its own: its documents are the center's service
# across several items, worded as a public service and citing no single item's law.
JOINT_ITEM_TYPE = ItemType.PUBLIC_SERVICE


def legal_data(case: Case) -> dict[str, str]:
    """The item's type and its catalog basis (设定依据), which decide the law a document cites
    (``documents.legal``): 行政许可法 for a 行政许可 item only, the item's own basis otherwise."""
    if case.version is None:
        return {"item_type": str(JOINT_ITEM_TYPE), "item_basis": ""}
    guide = case.version.guide
    return {"item_type": str(guide.item_type), "item_basis": guide.legal_basis}


def base_data(case: Case) -> dict[str, Any]:
    region = case.department.region.name if case.department is not None else case.place.region.name
    with override(settings.LANGUAGE_CODE):
        unit = LimitUnit(case.limit_unit).label
    return {
        "case_number": case.number,
        "applicant_name": case.applicant_name,
        "applicant_id": mask_id_number(case.id_number),
        "agent_name": case.agent.name if case.agent is not None else "",
        "item_name": case.title,
        "department_name": case.department.name if case.department is not None else "",
        "place_name": case.place.name,
        "received_at": _iso(case.received_at),
        "promised_days": case.promised_days + case.extension_days,
        "limit_unit_label": str(unit),
        "due_date": _iso(case.due_date),
        "result_name": case.result_name,
        "appeal_government": f"{region}人民政府",
        "appeal_court": f"{region}人民法院",
        **legal_data(case),
    }


def document_create(
    *, case: Case, kind: str, data: dict[str, Any], event: CaseEvent | None
) -> CaseDocument:
    """Number and store a document (called by the transition engine inside its transaction)."""
    ordinal = case.documents.count() + 1
    issued_at = event.at if event else timezone.now()
    snapshot = {
        **base_data(case),
        **data,
        "number": f"{case.number}-{ordinal:02d}",
        "issued_at": _iso(issued_at),
        "issuer": _issuer(case, kind),
    }
    with override(settings.LANGUAGE_CODE):
        # The decisions are titled by the item type's act (不予确认决定书, not 不予许可决定书).
        title = document_title(kind, snapshot)
    document = CaseDocument.objects.create(
        case=case, kind=kind, number=snapshot["number"], title=title, data=snapshot, event=event
    )
    held = getattr(case, "_prefetched_objects_cache", {}).get("documents")
    if held is not None:  # the documents of a new case held in memory (intake.hold_related)
        held._result_cache.append(document)
    return document
