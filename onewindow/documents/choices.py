"""The formal documents (文书) of a case, and the states of a material they list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """Each kind is one template; its label is the document's printed title."""

    RECEIPT = "receipt", _("Receipt for application materials")  # 收件凭证
    ACCEPTANCE = "acceptance", _("Notice of acceptance")  # 受理通知书
    REFUSAL = "refusal", _("Notice of refusal to accept")  # 不予受理通知书
    CORRECTION = "correction", _("Notice to complete or correct materials")  # 补齐补正通知书
    DEFERRAL_COMMITMENT = (  # 容缺受理承诺书
        "deferral_commitment",
        _("Commitment for acceptance with materials to follow"),
    )
    NOTIFICATION_COMMITMENT = (  # 告知承诺书
        "notification_commitment",
        _("Notification and commitment"),
    )
    SPECIAL_PROCEDURE = "special_procedure", _("Notice of special procedure")  # 特别程序告知书
    APPROVAL = "approval", _("Decision to grant an administrative licence")  # 准予行政许可决定书
    COMPLETION = "completion", _("Notice of completion")  # 办结通知书
    DENIAL = "denial", _("Decision not to grant an administrative licence")  # 不予许可决定书
    DELIVERY_RECEIPT = "delivery_receipt", _("Proof of service")  # 送达回执
    WITHDRAWAL = "withdrawal", _("Notice of return of application")  # 退件通知书


class MaterialStatus(models.TextChoices):
    """Where a material listed on a document stands (the ``status`` of a material row)."""

    RECEIVED = "received", _("Received")  # 已收取
    MISSING = "missing", _("Missing")  # 缺少
    DEFECTIVE = "defective", _("To be corrected")  # 需补正
    DEFERRED = "deferred", _("To follow (accepted pending)")  # 容缺后补
