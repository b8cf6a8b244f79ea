from django.urls import path

from onewindow.portal import views, views_cases, views_progress

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("places/", views.places, name="places"),
    path("places/<int:pk>/", views.place, name="place"),
    path("signup/", views.signup, name="signup"),
    path("me/", views.me, name="me"),
    # Applying online and the applicant's own cases.
    path("apply/<uuid:public_id>/", views_cases.apply, name="apply"),
    path("me/applications/", views_cases.applications, name="applications"),
    path("me/applications/<str:number>/", views_cases.application, name="application"),
    path(
        "me/applications/<str:number>/edit/",
        views_cases.application_edit,
        name="application-edit",
    ),
    path(
        "me/applications/<str:number>/resubmit/",
        views_cases.application_resubmit,
        name="application-resubmit",
    ),
    path(
        "me/applications/<str:number>/withdraw/",
        views_cases.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "me/applications/<str:number>/documents/<str:doc_number>.pdf",
        views_cases.application_document,
        name="application-document",
    ),
    path(
        "me/applications/<str:number>/materials/<int:position>/",
        views_cases.application_material,
        name="application-material",
    ),
    # The public progress look-up (the QR code on every document opens it).
    path("progress/", views_progress.progress, name="progress"),
    path("progress/<str:number>/", views_progress.progress_case, name="progress-case"),
    path(
        "progress/<str:number>/documents/<str:doc_number>.pdf",
        views_progress.progress_document,
        name="progress-document",
    ),
]
