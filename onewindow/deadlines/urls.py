from django.urls import path

from onewindow.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.year_page, name="year"),
    path("<int:year>/confirm/", views.year_confirm, name="year-confirm"),
    path("load/", views.year_load, name="load"),
    path("schedule/", views.schedule, name="schedule"),
    path("day/", views.day_edit, name="day"),
    path("explain/", views.explain, name="explain"),
]
