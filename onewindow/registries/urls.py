from django.urls import path

from onewindow.registries import views

app_name = "registries"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
    path("persons/new/", views.person_new, name="person-new"),
    path("persons/<uuid:public_id>/", views.person_detail, name="person"),
    path("organisations/new/", views.organisation_new, name="organisation-new"),
    path("organisations/<uuid:public_id>/", views.organisation_detail, name="organisation"),
    path(
        "<str:kind>/<uuid:public_id>/agents/new/",
        views.agent_new,
        name="agent-new",
    ),
]
