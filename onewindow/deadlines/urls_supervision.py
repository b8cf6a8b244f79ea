from django.urls import path

from onewindow.deadlines import views_supervision

app_name = "supervision"

urlpatterns = [
    path("warnings/", views_supervision.warnings_list, name="warnings"),
]
