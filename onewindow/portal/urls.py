from django.urls import path

from onewindow.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("places/", views.places, name="places"),
    path("places/<int:pk>/", views.place, name="place"),
    path("signup/", views.signup, name="signup"),
    path("me/", views.me, name="me"),
]
