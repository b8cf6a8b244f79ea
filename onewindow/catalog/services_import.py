"""Importing an implementation list from a workbook: all or nothing.

The whole file is checked first (format and content by ``xlsx``, then departments, regions, scope
and the basic catalog here) and refused with every problem if any is found. Only a clean file is
applied, in one transaction: new entries are created, entries whose content differs from their
latest published version get a new version, the rest are left as they are.

Blank forms and samples may come with the list: a zip archive holding the workbook at its top and
the forms in folders, or ``files`` from the caller, keyed by the path the 材料 sheet's 空白表格 /
示例样表 cell gives. Each named file is published as the implementing body's attachment and the
cell is replaced by its address, so one upload carries a department's guides with their forms.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onewindow.catalog import policies, services, xlsx
from onewindow.catalog.attachments import attachment_upload
from onewindow.catalog.choices import EntryStatus
from onewindow.catalog.models import CatalogItem, Entry
from onewindow.catalog.schema import ContentError, clean_content
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Department, Region

if TYPE_CHECKING:
    from onewindow.accounts.models import User

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# A list archive, unpacked: at most this many files and bytes (a bomb is refused, not expanded).
MAX_BUNDLE_FILES = 2000
MAX_BUNDLE_BYTES = 100 * 1024 * 1024


class ListRejected(DomainError):
    """The workbook has problems; nothing was imported."""

    def __init__(self, problems: list[xlsx.SheetProblem]) -> None:
        super().__init__(
            ngettext(
                "The list was not imported: %(n)d problem to fix.",
                "The list was not imported: %(n)d problems to fix.",
                len(problems),
            )
            % {"n": len(problems)}
        )
        self.problems = problems


@dataclass(frozen=True)
class ImportOutcome:
    row: int
    code: str
    name: str
    outcome: str  # CREATED, UPDATED or UNCHANGED


@dataclass(frozen=True)
class ImportResult:
    outcomes: tuple[ImportOutcome, ...] = field(default_factory=tuple)

    def _count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    @property
    def created(self) -> int:
        return self._count(CREATED)

    @property
    def updated(self) -> int:
        return self._count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)


@dataclass
class _Step:
    row: xlsx.ListEntry
    department: Department
    region: Region
    code: str
    entry: Entry | None = None
    changed: bool = True


def catalog_list_import(
    *,
    actor: User,
    data: bytes,
    effective_date: datetime.date,
    files: Mapping[str, bytes] | None = None,
) -> ImportResult:
    """Import a list workbook; raises ``ListRejected`` with every problem, changing nothing.

    ``files``: blank forms and samples that come with the workbook, by the path its cells name."""
    if not policies.may_manage_lists(actor):
        raise NotPermitted(_("Only a catalog manager imports implementation lists."))
    bundle = _unpack(data)
    if bundle is not None:
        data, bundled = bundle
        files = {**bundled, **(files or {})}
    # Read the file before the transaction: a large workbook takes seconds to parse, and SQLite
    # would hold its write lock all that time.
    parsed = xlsx.parse_workbook(data)
    with transaction.atomic():
        return _import(actor, parsed, effective_date, files or {})


def _refused(message: object) -> ListRejected:
    return ListRejected([xlsx.SheetProblem("", None, "", str(message))])


def _member_name(info: zipfile.ZipInfo) -> str:
    # Chinese Windows writes names in GBK without saying so; zipfile then reads them as cp437.
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _unpack(data: bytes) -> tuple[bytes, dict[str, bytes]] | None:
    """A zip of a list workbook and its forms → (the workbook, the other files by path); None
    when ``data`` is not such an archive (a workbook is a zip too: it is left to the parse)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return None
    with archive:
        names = archive.namelist()
        if "[Content_Types].xml" in names or not any(n.lower().endswith(".xlsx") for n in names):
            return None  # a workbook, or no list at all: the parse says what it is not
        members = {
            _member_name(info): info
            for info in archive.infolist()
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX/")  # macOS adds these to every zip
            and not info.filename.rsplit("/", 1)[-1].startswith(".")
        }
        if len(members) > MAX_BUNDLE_FILES or (
            sum(i.file_size for i in members.values()) > MAX_BUNDLE_BYTES
        ):
            raise _refused(
                _("The archive holds more than %(n)d files or %(mb)d MB.")
                % {"n": MAX_BUNDLE_FILES, "mb": MAX_BUNDLE_BYTES // 1024 // 1024}
            )
        # A folder zipped as a whole has all its files under one top folder: look inside it.
        tops = {name.split("/", 1)[0] for name in members}
        if len(tops) == 1 and all("/" in name for name in members):
            top = tops.pop() + "/"
            members = {name.removeprefix(top): info for name, info in members.items()}
        workbooks = [n for n in members if "/" not in n and n.lower().endswith(".xlsx")]
        if len(workbooks) != 1:
            raise _refused(
                _(
                    "A zip archive holds one list workbook (.xlsx) at its top and the blank forms "
                    "and samples in folders; this one has %(n)d workbooks at its top."
                )
                % {"n": len(workbooks)}
            )
        try:
            files = {name: archive.read(info) for name, info in members.items()}
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
            raise _refused(_("The zip archive cannot be read.")) from None
    return files.pop(workbooks[0]), files


def _import(
    actor: User,
    parsed: xlsx.ParsedList,
    effective_date: datetime.date,
    files: Mapping[str, bytes],
) -> ImportResult:
    problems = list(parsed.problems)
    steps = _check(actor, parsed.entries, problems, files)
    if problems:
        raise ListRejected(xlsx.sort_problems(problems))
    outcomes = []
    for step in steps:
        try:
            outcome = _apply(step, actor, effective_date)
        except ContentError as exc:  # checked above: only a rule added since would land here
            problems += [
                xlsx.entry_problem(step.row, "basic_code", p.message) for p in exc.problems
            ]
            continue
        outcomes.append(outcome)
    if problems:
        # Leaving the atomic block undoes the rows applied so far.
        raise ListRejected(xlsx.sort_problems(problems))
    return ImportResult(tuple(outcomes))


def _normalised(content: dict) -> dict:
    # Compare with the stored guide as today's schema reads it, so a new element with a default
    # does not turn every row of an old export into a change.
    try:
        return clean_content(content)
    except ContentError:
        return content


def _in_scope(prefixes: list[str], region: Region) -> bool:
    return any(region.code.startswith(p) for p in prefixes)


def _check(
    actor: User, rows: list[xlsx.ListEntry], problems: list, files: Mapping[str, bytes]
) -> list[_Step]:
    """Resolve each row's department, region and entry; add a problem for each that fails."""
    departments = {
        d.uscc: d
        for d in Department.objects.filter(uscc__in={r.department for r in rows}).select_related(
            "region"
        )
    }
    regions = {r.code: r for r in Region.objects.filter(code__in={r.region for r in rows})}
    items = {
        i.basic_code: i
        for i in CatalogItem.objects.filter(
            basic_code__in={r.basic_code for r in rows}
        ).prefetch_related("themes")
    }
    prefixes = scope.region_prefixes(actor, Role.CATALOG_MANAGER)
    steps: list[_Step] = []
    codes: dict[str, int] = {}
    first_of_item: dict[str, xlsx.ListEntry] = {}
    for row in rows:
        department = departments.get(row.department)
        region = regions.get(row.region)
        if row.department and department is None:
            problems.append(
                xlsx.entry_problem(
                    row,
                    "department",
                    _("No implementing body has the credit code %(code)s.")
                    % {"code": row.department},
                )
            )
        elif department is not None and not policies.may_review(actor, department):
            problems.append(
                xlsx.entry_problem(
                    row,
                    "department",
                    _("%(name)s is outside the region whose lists you manage.")
                    % {"name": department.name},
                )
            )
            department = None
        if row.region and region is None:
            problems.append(
                xlsx.entry_problem(
                    row, "region", _("No region has the code %(code)s.") % {"code": row.region}
                )
            )
        elif region is not None and not _in_scope(prefixes, region):
            problems.append(
                xlsx.entry_problem(
                    row,
                    "region",
                    _("%(name)s is outside the region whose lists you manage.")
                    % {"name": region.name},
                )
            )
            region = None
        _check_item(row, items.get(row.basic_code), first_of_item, problems)
        if department is None or region is None or not row.basic_code:
            continue
        code = services.implementation_code(
            department=department, region=region, basic_code=row.basic_code
        )
        if row.code and row.code != code:
            problems.append(
                xlsx.entry_problem(
                    row,
                    "code",
                    _(
                        "The implementation code does not match the basic code, implementing "
                        "body and region (it would be %(code)s); leave it blank for a new entry."
                    )
                    % {"code": code},
                )
            )
            continue
        if code in codes:
            problems.append(
                xlsx.entry_problem(
                    row,
                    "region",
                    _("Row %(row)d already gives this implementation code.") % {"row": codes[code]},
                )
            )
            continue
        codes[code] = row.row
        steps.append(_Step(row, department, region, code))

    # Lock the entries the file names: a concurrent import waits instead of numbering versions
    # twice.
    existing = {e.code: e for e in Entry.objects.select_for_update().filter(code__in=list(codes))}
    latest = xlsx.latest_versions(existing.values())
    for step in steps:
        # Before comparing: a form uploaded again is the same attachment, so the same address.
        _link_files(actor, step, files, problems)
        step.entry = existing.get(step.code)
        if step.entry is None or not step.row.valid:
            continue
        version = latest.get(step.entry.pk)
        step.changed = version is None or _normalised(version.content) != step.row.content
        if step.changed and step.entry.status == EntryStatus.CANCELLED:
            problems.append(
                xlsx.entry_problem(step.row, "code", _("A cancelled entry cannot be changed."))
            )
    return steps


_FILE_CELLS = ("blank_form", "sample")


def _link_files(actor: User, step: _Step, files: Mapping[str, bytes], problems: list) -> None:
    """Publish the forms and samples the entry's materials name from ``files``; link them."""
    if not files or not step.row.valid:
        return
    for material in step.row.content["materials"]:
        for key in _FILE_CELLS:
            path = material[key]
            if path not in files:
                continue  # an address, or a name without a file: kept as written
            try:
                attachment = attachment_upload(
                    actor=actor,
                    department=step.department,
                    name=path.rsplit("/", 1)[-1],
                    data=files[path],
                )
            except DomainError as exc:
                header = xlsx.MATERIALS.column(key).header
                problems.append(
                    xlsx.SheetProblem(xlsx.MATERIALS.name, None, header, f"{path}: {exc.message}")
                )
                continue
            material[key] = attachment.path


def _check_item(
    row: xlsx.ListEntry,
    item: CatalogItem | None,
    first_of_item: dict[str, xlsx.ListEntry],
    problems: list,
) -> None:
    """An import never changes the basic catalog: an item's category and themes must agree."""
    if not row.basic_code:
        return
    themes = sorted(row.themes)
    if item is not None:
        category, known_themes = item.category, sorted(t.theme for t in item.themes.all())
        source = _("the basic catalog")
    elif row.basic_code in first_of_item:
        first = first_of_item[row.basic_code]
        category, known_themes = first.category, sorted(first.themes)
        source = _("row %(row)d") % {"row": first.row}
    else:
        first_of_item[row.basic_code] = row
        return
    if row.category and row.category != category:
        problems.append(
            xlsx.entry_problem(
                row,
                "category",
                _("The item's category in %(source)s is %(value)s; an import does not change it.")
                % {"source": source, "value": category},
            )
        )
    if themes != known_themes:
        problems.append(
            xlsx.entry_problem(
                row,
                "themes",
                _("The item's themes in %(source)s are %(value)s; an import does not change them.")
                % {"source": source, "value": "、".join(known_themes) or "—"},
            )
        )


def _apply(step: _Step, actor: User, effective_date: datetime.date) -> ImportOutcome:
    row, content, guide = step.row, step.row.content, step.row.guide
    if step.entry is None:
        item = services.item_ensure(
            basic_code=row.basic_code,
            name=guide.name,
            item_type=guide.item_type,
            category=row.category,
            themes=row.themes,
        )
        entry = services.entry_create(
            item=item,
            department=step.department,
            region=step.region,
            content=content,
            effective_date=effective_date,
            actor=actor,
        )
        return ImportOutcome(row.row, entry.code, guide.name, CREATED)
    if not step.changed:
        return ImportOutcome(row.row, step.code, guide.name, UNCHANGED)
    services.version_publish(
        entry=step.entry,
        content=content,
        effective_date=effective_date,
        actor=actor,
        note=_("Imported from a list workbook."),
    )
    return ImportOutcome(row.row, step.code, guide.name, UPDATED)
