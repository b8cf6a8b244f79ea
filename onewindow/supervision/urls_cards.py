"""URLs of the supervision cards pages (included into the "supervision" namespace)."""

from django.urls import path

from onewindow.supervision.views import cards

urlpatterns = [
    path("cards/", cards.cards_list, name="cards"),
    path("cards/new/", cards.card_new, name="card-new"),
    path("cards/<uuid:public_id>/", cards.card_detail, name="card"),
    path("cards/<uuid:public_id>/report/", cards.card_report, name="card-report"),
    path("cards/<uuid:public_id>/close/", cards.card_close, name="card-close"),
    path("cards/<uuid:public_id>/withdraw/", cards.card_withdraw, name="card-withdraw"),
    path("rules/", cards.rules, name="rules"),
]
