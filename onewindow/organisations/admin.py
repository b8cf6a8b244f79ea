"""Django admin for organisation data, in Chinese by default.

Administrators (the role, not Django's model permissions) manage the organisations of their
region subtree; the querysets come from ``visible_to`` so the admin cannot reach past the scope.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field, ForeignKey, Model, Q, QuerySet
from django.http import HttpRequest

from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import (
    Assignment,
    Department,
    Region,
    ServicePlace,
    Staff,
    Window,
)


class RolePermissions:
    """Admin permissions from the administrator role instead of Django's model permissions."""

    def _is_admin(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or (
            request.user.is_authenticated and scope.has_role(request.user, Role.ADMINISTRATOR)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self._is_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Inlines pass the parent object; model admins do not.
        return self._is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self._is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Organisation records are referenced by history; deactivate instead of deleting.
        return request.user.is_superuser


class ScopedInline(RolePermissions, admin.TabularInline):
    """An inline whose foreign-key choices stop at the user's scope, like ``ScopedAdmin``."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        queryset = getattr(field, "queryset", None)
        if field is not None and queryset is not None and hasattr(queryset, "visible_to"):
            field.queryset = queryset.visible_to(request.user)
        return field


class ScopedAdmin(RolePermissions, admin.ModelAdmin):
    """Admin pages open to superusers and to staff holding the administrator role."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Every model registered here has a scoped manager, which ModelAdmin's types cannot say.
        objects: Any = self.model._default_manager
        return objects.visible_to(request.user)

    def get_form(
        self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        # A posted id is not limited by the autocomplete widget: restrict every scoped choice
        # (parent region, region, places...) to the user's scope, keeping the object's current
        # values so an administrator can still edit their own root region.
        form = super().get_form(request, obj, change, **kwargs)
        for name, field in form.base_fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None or not hasattr(queryset, "visible_to"):
                continue
            if not isinstance(field, forms.ModelChoiceField):  # only these carry a queryset
                continue
            allowed = Q(pk__in=queryset.visible_to(request.user).values("pk"))
            if obj is not None and obj.pk:
                model_field = obj._meta.get_field(name)
                if model_field.many_to_many:
                    allowed |= Q(pk__in=getattr(obj, name).values("pk"))
                elif isinstance(model_field, Field):  # not a reverse relation
                    allowed |= Q(pk=getattr(obj, model_field.attname))
            field.queryset = queryset.filter(allowed)
        return form


class WindowInline(ScopedInline):
    model = Window
    extra = 0
    fields = ("number", "name", "kind", "category", "department", "is_active")
    autocomplete_fields = ("department",)


@admin.register(Region)
class RegionAdmin(ScopedAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(ServicePlace)
class ServicePlaceAdmin(ScopedAdmin):
    list_display = ("name", "kind", "region", "phone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "region__name", "region__code")
    autocomplete_fields = ("region",)
    list_select_related = ("region",)
    inlines = (WindowInline,)


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ("name", "uscc", "region", "nature", "phone", "is_active")
    list_filter = ("nature", "is_active")
    search_fields = ("name", "short_name", "uscc")
    autocomplete_fields = ("region",)
    filter_horizontal = ("places",)
    list_select_related = ("region",)


@admin.register(Window)
class WindowAdmin(ScopedAdmin):
    list_display = ("number", "name", "place", "kind", "category", "department", "is_active")
    list_filter = ("kind", "category", "is_active")
    search_fields = ("number", "name", "place__name")
    autocomplete_fields = ("place", "department")
    list_select_related = ("place", "department")


class AssignmentInline(ScopedInline):
    model = Assignment
    extra = 0

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Revoking a role is everyday administration, unlike deleting an organisation record.
        return self._is_admin(request)

    fields = ("role", "region", "place", "department", "window")
    autocomplete_fields = ("region", "place", "department", "window")


@admin.register(Staff)
class StaffAdmin(ScopedAdmin):
    list_display = ("employee_no", "__str__", "title")
    search_fields = ("employee_no", "user__name", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    inlines = (AssignmentInline,)
