"""URLs of 好差评 (the "evaluation" namespace)."""

from django.urls import path

from onewindow.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("rate/<str:number>/", views.rate, name="rate"),
    path("r/<str:token>/", views.rate_link, name="rate-link"),
    path("report/", views.satisfaction_report, name="report"),
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("complaints/mine/", views.complaints_mine, name="complaints-mine"),
    path("complaints/take/", views.complaint_take, name="complaint-take"),
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/<uuid:public_id>/", views.complaint_detail, name="complaint"),
    path(
        "complaints/<uuid:public_id>/<str:action>/",
        views.complaint_act,
        name="complaint-act",
    ),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<uuid:public_id>/", views.review_detail, name="review"),
    path("reviews/<uuid:public_id>/<str:action>/", views.review_act, name="review-act"),
]
