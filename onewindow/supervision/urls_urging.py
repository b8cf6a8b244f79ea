"""URLs of the supervision urging pages (included into the \"supervision\" namespace)."""

from django.urls import path

from onewindow.supervision.views import urging

urlpatterns = [
    path("urgings/", urging.urging_list, name="urgings"),
    path("urgings/new/<str:number>/", urging.urging_new, name="urging-new"),
    path("urgings/<uuid:public_id>/", urging.urging_detail, name="urging"),
    path("urgings/<uuid:public_id>/reply/", urging.urging_reply, name="urging-reply"),
    path("urgings/<uuid:public_id>/close/", urging.urging_close, name="urging-close"),
]
