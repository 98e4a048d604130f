from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("offices/", views.office_list, name="offices"),
    path("offices/new/", views.office_edit, name="office_create"),
    path("offices/<int:pk>/edit/", views.office_edit, name="office_edit"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/start/<int:questionnaire_id>/", views.submission_start, name="submission_start"),
    path("answers/<int:pk>/page/<int:page>/", views.submission_page, name="submission_page"),
    path("answers/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("questionnaires/", views.questionnaire_list, name="questionnaires"),
    path("questionnaires/<int:pk>/xlsform", views.questionnaire_download, name="questionnaire_download"),
    path("import/", views.import_view, name="import"),
    path("scorecard/", views.scorecard_view, name="scorecard"),
    path("scorecard/download.<str:fmt>", views.scorecard_download, name="scorecard_download"),
]
