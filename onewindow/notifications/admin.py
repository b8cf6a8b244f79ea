"""The outbox in the Django admin: superusers only, read-only, mobile numbers masked."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onewindow.core.masking import mask_phone
from onewindow.notifications.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "event",
        "channel",
        "masked_phone",
        "recipient_user",
        "case_number",
        "status",
        "attempts",
    )
    list_filter = ("status", "channel", "event")
    search_fields = ("=case_number",)
    # recipient_phone is left out on purpose: the change page would show it in full.
    fields = (
        "public_id",
        "event",
        "channel",
        "masked_phone",
        "recipient_user",
        "subject",
        "body",
        "case_number",
        "place",
        "region_code",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
        "read_at",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj: Message) -> str:
        return mask_phone(obj.recipient_phone)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
