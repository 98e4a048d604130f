from django.urls import path

from . import views

app_name = "rules"
urlpatterns = [
    path("", views.status_page, name="status"),
    path("status/", views.status_page, name="status_page"),
    path("changes/", views.change_list, name="changes"),
    path("changes/new/", views.change_new, name="change_new"),
    path("changes/<int:pk>/", views.change_detail, name="change_detail"),
]
