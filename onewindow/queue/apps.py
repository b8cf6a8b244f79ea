from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueueConfig(AppConfig):
    name = "onewindow.queue"
    label = "queue"
    verbose_name = _("Hall queue")

    def ready(self) -> None:
        # The counter's intake learns of tickets through the registry cases offers (cases never
        # imports the queue: it sits below it, decision 0008).
        from onewindow.cases import origins
        from onewindow.queue.origin import TICKET_ORIGIN

        origins.register(TICKET_ORIGIN)
