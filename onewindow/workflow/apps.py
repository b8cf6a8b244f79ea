from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class WorkflowConfig(AppConfig):
    name = "onewindow.workflow"
    verbose_name = "Workflow engine"

    def ready(self) -> None:
        # Each app declares its machines in ``<app>/machines.py``; importing them registers them.
        autodiscover_modules("machines")
