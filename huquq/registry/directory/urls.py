"""Help-directory URLs, included under /<lang>/registry/help/ in the `registry` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.help_search, name="help"),
    path("api/entries.json", views.help_api, name="help_api"),
    path("mine/", views.my_entry, name="help_mine"),
    path("<slug:slug>/", views.help_entry, name="help_entry"),
    path("<slug:slug>/edit/", views.help_edit, name="help_edit"),
    path("<slug:slug>/verify/", views.help_verify, name="help_verify"),
]
