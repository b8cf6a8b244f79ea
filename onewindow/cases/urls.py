from django.urls import path

from onewindow.cases.views import detail, intake, lists

app_name = "cases"

urlpatterns = [
    path("", lists.case_list, name="list"),
    path("new/", intake.intake_start, name="intake"),
    path("new/<uuid:public_id>/", intake.intake_form, name="intake-form"),
    path("new/joint/<str:code>/", intake.intake_joint, name="intake-joint"),
    path("window/", lists.window_desk, name="window"),
    path("inbox/", lists.inbox, name="inbox"),
    path("refusals/", lists.refusals, name="refusals"),
    path("supervision/acceptance-check/", lists.backdoor, name="backdoor"),
    path("<str:number>/", detail.case_detail, name="detail"),
    path("<str:number>/act/<slug:action>/", detail.case_act, name="act"),
    path("<str:number>/fees/", detail.case_fee_add, name="fee-add"),
    path("<str:number>/documents/<int:pk>/", lists.document, name="document"),
    path("<str:number>/materials/<int:position>/", lists.material_file, name="material"),
]
