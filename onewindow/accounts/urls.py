from django.contrib.auth import views as auth_views
from django.urls import path

from onewindow.accounts import views, views_otp

app_name = "accounts"

# The workspaces' URLs share this namespace (config/urls.py): their names predate the split.
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-step/setup/", views_otp.setup, name="otp-setup"),
    path("two-step/verify/", views_otp.verify, name="otp-verify"),
]
