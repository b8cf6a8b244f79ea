"""Root URL configuration: each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("onewindow.accounts.urls")),
    path("org/", include("onewindow.organisations.urls")),
    path("registries/", include("onewindow.registries.urls")),
    path("catalog/", include("onewindow.catalog.urls")),
    path("notifications/", include("onewindow.notifications.urls")),
    path("calendar/", include("onewindow.deadlines.urls")),
    path("cases/", include("onewindow.cases.urls")),
    path("supervision/", include("onewindow.supervision.urls")),
    path("", include("onewindow.portal.urls")),
]

handler404 = "onewindow.core.views.not_found"
handler403 = "onewindow.core.views.forbidden"
handler500 = "onewindow.core.views.server_error"
