"""Applicant records in the admin: superusers only, personal numbers masked in lists."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onewindow.core.masking import mask_id_number, mask_phone
from onewindow.registries.models import AgentAuthorization, LegalPerson, NaturalPerson


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser


@admin.register(NaturalPerson)
class NaturalPersonAdmin(SuperuserOnly):
    list_display = ("name", "masked_id", "gender", "masked_phone_col", "real_name_level")
    list_filter = ("gender", "real_name_level")
    search_fields = ("=id_number", "name")
    readonly_fields = ("public_id", "birth_date", "gender", "created_at", "updated_at")
    raw_id_fields = ("user",)

    @admin.display(description=_("resident ID number"))
    def masked_id(self, obj: NaturalPerson) -> str:
        return mask_id_number(obj.id_number)

    @admin.display(description=_("mobile phone"))
    def masked_phone_col(self, obj: NaturalPerson) -> str:
        return mask_phone(obj.phone)


@admin.register(LegalPerson)
class LegalPersonAdmin(SuperuserOnly):
    list_display = ("name", "uscc", "kind", "real_name_level")
    list_filter = ("kind",)
    search_fields = ("=uscc", "name")
    readonly_fields = ("public_id", "created_at", "updated_at")
    raw_id_fields = ("user",)


@admin.register(AgentAuthorization)
class AgentAuthorizationAdmin(SuperuserOnly):
    list_display = (
        "agent",
        "principal_person",
        "principal_organisation",
        "relation",
        "valid_until",
    )
    raw_id_fields = ("agent", "principal_person", "principal_organisation")
