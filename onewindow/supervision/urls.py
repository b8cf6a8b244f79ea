from django.urls import include, path

from onewindow.supervision.views import warnings

app_name = "supervision"

urlpatterns = [
    path("warnings/", warnings.warnings_list, name="warnings"),
    path("", include("onewindow.supervision.urls_urging")),
    path("", include("onewindow.supervision.urls_cards")),
    path("", include("onewindow.supervision.urls_figures")),
]
