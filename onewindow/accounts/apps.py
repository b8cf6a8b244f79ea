from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "onewindow.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from onewindow.accounts import signals

        # Connected before axes.signals is imported (which connects axes' own receiver), so a
        # failure is audited before axes counts it and, at the limit, announces the lockout.
        user_login_failed.connect(signals.on_login_failed, dispatch_uid="ow-audit-login-failed")
        from axes.signals import user_locked_out

        user_locked_out.connect(signals.on_locked_out, dispatch_uid="ow-audit-locked-out")
