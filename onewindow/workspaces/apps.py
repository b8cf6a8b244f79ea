from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    """The per-role landing pages and the side menu: the top floor of the house, above every app
    whose pages it links to (see docs/decisions/0008-layers.md)."""

    name = "onewindow.workspaces"
    label = "workspaces"
