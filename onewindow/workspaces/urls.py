from django.urls import path

from onewindow.workspaces import views

# No app_name: config/urls.py serves these in the "accounts" namespace beside sign-in, so the URL
# names (``accounts:ws-window`` …) and paths stay those users and links already know.
urlpatterns = [
    path("workspace/", views.workspace, name="workspace"),
    path("work/window/", views.ws_window, name="ws-window"),
    path("work/review/", views.ws_review, name="ws-review"),
    path("work/approve/", views.ws_approve, name="ws-approve"),
    path("work/center/", views.ws_center, name="ws-center"),
    path("work/supervision/", views.ws_supervision, name="ws-supervision"),
    path("work/hotline/", views.ws_hotline, name="ws-hotline"),
    path("work/admin/", views.ws_admin, name="ws-admin"),
]
