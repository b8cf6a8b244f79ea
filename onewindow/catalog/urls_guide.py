"""Service guides for citizens and clerks: the current guide, any published version, as PDF."""

from django.urls import path

from onewindow.catalog import views_guide

urlpatterns = [
    path("guides/<uuid:public_id>/", views_guide.guide, name="guide"),
    path("guides/<uuid:public_id>/guide.pdf", views_guide.guide_pdf, name="guide-pdf"),
    path(
        "guides/<uuid:public_id>/v<int:number>/",
        views_guide.guide_version,
        name="guide-version",
    ),
    path(
        "guides/<uuid:public_id>/v<int:number>/guide.pdf",
        views_guide.guide_version_pdf,
        name="guide-version-pdf",
    ),
]
