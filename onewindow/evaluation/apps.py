from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "onewindow.evaluation"
    label = "evaluation"
    verbose_name = _("Service evaluation")

    def ready(self) -> None:
        from onewindow.evaluation import receivers  # noqa: F401 - connects the signal receivers
