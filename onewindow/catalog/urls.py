from django.urls import include, path

from onewindow.catalog import views, views_files

app_name = "catalog"

urlpatterns = [
    path("", views.search, name="search"),
    path("changes/", views.change_list, name="changes"),
    path("changes/new/", views.change_new, name="change-new"),
    path("changes/<uuid:public_id>/", views.change_detail, name="change"),
    path("manage/", views.manage, name="manage"),
    path("entries/<uuid:public_id>/versions/", views.versions, name="versions"),
    path("powers/", views.power_lists, name="powers"),
    path("files/", views_files.files, name="files"),
    path("files/<uuid:public_id>/<str:name>", views_files.download, name="file"),
    path("powers/<int:department_pk>/", views.power_list, name="power-list"),
    # Guides (web and PDF) and xlsx import/export live in their own modules.
    path("", include("onewindow.catalog.urls_guide")),
    path("lists/", include("onewindow.catalog.urls_lists")),
]
