from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("reference/", views.reference_list, name="reference_list"),
    path("reference/compare/", views.comparisons_view, name="comparisons"),
    path("reference/<slug:code>/", views.reference_table, name="reference_table"),
    path("reference/<slug:code>/download.<str:fmt>", views.reference_download, name="reference_download"),
    path("indicator/<slug:code>/", views.indicator, name="indicator"),
    path("cases/", views.case_statistics, name="case_statistics"),
    path("cases/download.<str:fmt>", views.case_statistics_download, name="case_statistics_download"),
    path("cases/shadow/", views.shadow_tables, name="shadow_tables"),
    path("cases/shadow/report.<str:fmt>", views.shadow_report, name="shadow_report"),
    path("cases/shadow/<str:which>.<str:fmt>", views.shadow_download, name="shadow_download"),
]
