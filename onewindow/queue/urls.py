from django.urls import path

from onewindow.queue.views import console, public

app_name = "queue"

urlpatterns = [
    path("<int:place_pk>/kiosk/", public.kiosk, name="kiosk"),
    path("<int:place_pk>/board/", public.board, name="board"),
    path("<int:place_pk>/stream/", public.stream, name="stream"),
    path("t/<str:token>/", public.ticket_page, name="ticket"),
    path("console/", console.console_home, name="console-home"),
    path("console/<int:window_pk>/", console.console, name="console"),
    path("console/<int:window_pk>/login/", console.console_login, name="console-login"),
    path("console/<int:window_pk>/logout/", console.console_logout, name="console-logout"),
    path("console/<int:window_pk>/break/", console.console_break, name="console-break"),
    path("console/<int:window_pk>/call/", console.console_call, name="console-call"),
    path(
        "console/<int:window_pk>/tickets/<uuid:public_id>/transfer/",
        console.ticket_transfer,
        name="ticket-transfer",
    ),
    path(
        "console/<int:window_pk>/tickets/<uuid:public_id>/case/",
        console.ticket_case,
        name="ticket-case",
    ),
    path(
        "console/<int:window_pk>/tickets/<uuid:public_id>/<slug:action>/",
        console.ticket_act,
        name="ticket-act",
    ),
]
