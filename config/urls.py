"""Root URL configuration: each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

from onewindow.accounts import urls as accounts_urls
from onewindow.workspaces import urls as workspaces_urls

# Sign-in (accounts) and the workspaces share the "accounts" namespace and the /accounts/ prefix:
# the workspaces left the accounts app (decision 0008), their URL names and paths did not.
accounts_and_workspaces = [*accounts_urls.urlpatterns, *workspaces_urls.urlpatterns]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include((accounts_and_workspaces, accounts_urls.app_name))),
    path("org/", include("onewindow.organisations.urls")),
    path("registries/", include("onewindow.registries.urls")),
    path("catalog/", include("onewindow.catalog.urls")),
    path("notifications/", include("onewindow.notifications.urls")),
    path("calendar/", include("onewindow.deadlines.urls")),
    path("cases/", include("onewindow.cases.urls")),
    path("supervision/", include("onewindow.supervision.urls")),
    path("evaluation/", include("onewindow.evaluation.urls")),
    path("queue/", include("onewindow.queue.urls")),
    path("", include("onewindow.portal.urls")),
]

handler404 = "onewindow.core.views.not_found"
handler403 = "onewindow.core.views.forbidden"
handler500 = "onewindow.core.views.server_error"
