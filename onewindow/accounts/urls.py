from django.contrib.auth import views as auth_views
from django.urls import path

from onewindow.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("workspace/", views.workspace, name="workspace"),
    path("work/window/", views.ws_window, name="ws-window"),
    path("work/review/", views.ws_review, name="ws-review"),
    path("work/approve/", views.ws_approve, name="ws-approve"),
    path("work/center/", views.ws_center, name="ws-center"),
    path("work/supervision/", views.ws_supervision, name="ws-supervision"),
    path("work/hotline/", views.ws_hotline, name="ws-hotline"),
    path("work/admin/", views.ws_admin, name="ws-admin"),
]
