"""Which workspace and menu entries each kind of user gets.

The menu is derived from the same role checks the views enforce (``organisations.access``), so a
link is shown exactly when following it would be allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from onewindow.accounts.selectors import is_applicant
from onewindow.cases.policies import CASE_ROLES
from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    icon: str
    roles: tuple[str, ...] = ()  # staff roles that see it; empty with applicant=True for citizens
    applicant: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)


# Workspaces in priority order: a user holding several roles lands on the first one.
WORKSPACES: tuple[NavItem, ...] = (
    NavItem("accounts:ws-admin", _("Administration"), "gear", (Role.ADMINISTRATOR,)),
    NavItem("accounts:ws-center", _("Center management"), "building", (Role.CENTER_MANAGER,)),
    NavItem("accounts:ws-supervision", _("Supervision"), "eye", (Role.SUPERVISOR,)),
    NavItem("accounts:ws-approve", _("Approval"), "patch-check", (Role.APPROVER,)),
    NavItem("accounts:ws-review", _("Back-office review"), "clipboard-check", (Role.REVIEWER,)),
    NavItem("accounts:ws-window", _("Window desk"), "person-workspace", (Role.WINDOW_CLERK,)),
    NavItem("accounts:ws-hotline", _("Hotline desk"), "headset", (Role.HOTLINE_AGENT,)),
    NavItem("catalog:manage", _("Catalog management"), "journal-text", (Role.CATALOG_MANAGER,)),
    NavItem("portal:me", _("My services"), "person-circle", applicant=True),
)

TOOLS: tuple[NavItem, ...] = (
    NavItem("cases:intake", _("New application"), "file-earmark-plus", (Role.WINDOW_CLERK,)),
    NavItem("cases:window", _("Window work list"), "inboxes", (Role.WINDOW_CLERK,)),
    NavItem("cases:inbox", _("Case inbox"), "inbox", (Role.REVIEWER, Role.APPROVER)),
    NavItem("cases:refusals", _("Refusals to confirm"), "x-octagon", (Role.CENTER_MANAGER,)),
    NavItem("cases:list", _("Cases"), "folder2-open", CASE_ROLES),
    NavItem(
        "supervision:warnings",
        _("Deadline warnings"),
        "alarm",
        (Role.SUPERVISOR, Role.CENTER_MANAGER, Role.ADMINISTRATOR),
    ),
    NavItem(
        "supervision:urgings",
        _("Urgings"),
        "megaphone",
        (Role.SUPERVISOR, Role.REVIEWER, Role.APPROVER, Role.CENTER_MANAGER, Role.ADMINISTRATOR),
    ),
    NavItem(
        "supervision:cards",
        _("Yellow and red cards"),
        "card-heading",
        (Role.SUPERVISOR, Role.REVIEWER, Role.APPROVER, Role.CENTER_MANAGER, Role.ADMINISTRATOR),
    ),
    NavItem(
        "evaluation:reviews",
        _("Bad ratings"),
        "emoji-frown",
        (Role.SUPERVISOR, Role.REVIEWER, Role.APPROVER, Role.CENTER_MANAGER, Role.ADMINISTRATOR),
    ),
    NavItem(
        "evaluation:complaints",
        _("Complaints"),
        "exclamation-octagon",
        (Role.SUPERVISOR, Role.CENTER_MANAGER, Role.ADMINISTRATOR),
    ),
    NavItem(
        "evaluation:complaint-take",
        _("Take a complaint"),
        "pencil-square",
        (Role.WINDOW_CLERK, Role.HOTLINE_AGENT),
    ),
    NavItem(
        "evaluation:report",
        _("Satisfaction report"),
        "emoji-smile",
        (Role.SUPERVISOR, Role.REVIEWER, Role.APPROVER, Role.CENTER_MANAGER, Role.ADMINISTRATOR),
    ),
    NavItem(
        "supervision:figures",
        _("Performance figures"),
        "bar-chart-line",
        (Role.SUPERVISOR, Role.CENTER_MANAGER, Role.ADMINISTRATOR),
    ),
    NavItem(
        "supervision:rules",
        _("Card rules"),
        "sliders",
        (Role.SUPERVISOR, Role.ADMINISTRATOR),
    ),
    NavItem(
        "cases:backdoor",
        _("Acceptance check"),
        "shield-check",
        (Role.SUPERVISOR, Role.ADMINISTRATOR),
    ),
    NavItem(
        "registries:lookup",
        _("Find an applicant"),
        "search",
        (Role.WINDOW_CLERK, Role.HOTLINE_AGENT, Role.ADMINISTRATOR),
    ),
    NavItem("registries:person-new", _("Register a person"), "person-plus", (Role.WINDOW_CLERK,)),
    NavItem(
        "registries:organisation-new",
        _("Register an organisation"),
        "building-add",
        (Role.WINDOW_CLERK,),
    ),
    NavItem(
        "organisations:regions",
        _("Regions and places"),
        "diagram-3",
        (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.CENTER_MANAGER),
    ),
    NavItem(
        "catalog:manage", _("Our service items"), "journal-text", (Role.REVIEWER, Role.APPROVER)
    ),
    NavItem(
        "catalog:changes",
        _("Catalog changes"),
        "journal-check",
        (Role.REVIEWER, Role.APPROVER, Role.CATALOG_MANAGER),
    ),
    NavItem(
        "catalog:lists-import",
        _("Import and export lists"),
        "file-earmark-spreadsheet",
        (Role.CATALOG_MANAGER,),
    ),
    NavItem("organisations:staff", _("Staff roster"), "people", tuple(Role.values)),
    NavItem(
        "notifications:log",
        _("Message log"),
        "chat-left-text",
        (Role.CENTER_MANAGER, Role.WINDOW_CLERK, Role.ADMINISTRATOR, Role.SUPERVISOR),
    ),
    NavItem("notifications:inbox", _("My messages"), "bell", tuple(Role.values)),
    NavItem("deadlines:home", _("Working-day calendar"), "calendar3", (Role.ADMINISTRATOR,)),
    NavItem("admin:index", _("Data administration"), "database-gear", (Role.ADMINISTRATOR,)),
)


def _entitled(user: User, item: NavItem) -> bool:
    if item.applicant:
        return is_applicant(user)
    return scope.has_role(user, *item.roles)


def workspaces_for(user: User) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in WORKSPACES if _entitled(user, item)]


def tools_for(user: User) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in TOOLS if _entitled(user, item)]
