"""Implementation lists as workbooks (included under ``/catalog/lists/`` in the catalog app)."""

from django.urls import path

from onewindow.catalog import views_lists

urlpatterns = [
    path("", views_lists.lists_import, name="lists-import"),
    path("export.xlsx", views_lists.lists_export, name="lists-export"),
    path("template.xlsx", views_lists.lists_template, name="lists-template"),
]
