from django.urls import path

from onewindow.organisations import views

app_name = "organisations"

urlpatterns = [
    path("regions/", views.regions, name="regions"),
    path("regions/<str:code>/", views.region_detail, name="region"),
    path("places/<int:pk>/", views.place_detail, name="place"),
    path("departments/<int:pk>/", views.department_detail, name="department"),
    path("staff/", views.staff, name="staff"),
]
