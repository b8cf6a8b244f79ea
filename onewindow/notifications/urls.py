from django.urls import path

from onewindow.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.message_log, name="log"),
    path("<uuid:public_id>/retry/", views.message_retry, name="retry"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox-read"),
]
