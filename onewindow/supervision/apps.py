from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "onewindow.supervision"
    label = "supervision"
    verbose_name = _("Electronic supervision")

    def ready(self) -> None:
        from onewindow.cases import panels
        from onewindow.supervision import receivers  # noqa: F401 - connects the signal receivers
        from onewindow.supervision.panels import case_page_panel

        panels.register(case_page_panel)
