"""URLs of the supervision figures pages (included into the \"supervision\" namespace)."""

from django.urls import path

from onewindow.supervision.views import figures

urlpatterns = [
    path("figures/", figures.figures_page, name="figures"),
]
