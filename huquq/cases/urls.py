from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<int:referral_id>/respond/", views.referral_respond, name="referral_respond"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/file/", views.case_file, name="file"),
    path("<int:pk>/file.pdf", views.case_file, {"fmt": "pdf"}, name="file_pdf"),
    path("<int:pk>/transition/", views.case_transition, name="transition"),
    path("<int:pk>/assign/", views.case_assign, name="assign"),
    path("<int:pk>/add/<slug:kind>/", views.case_add, name="add"),
    path("<int:pk>/consent/", views.consent_add, name="consent"),
    path("<int:pk>/consent/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/violations/<int:violation_id>/verify/", views.violation_verify, name="verify"),
    path("<int:pk>/deadlines/<int:deadline_id>/done/", views.deadline_done, name="deadline_done"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("<int:pk>/refer/", views.referral_create, name="refer"),
]
