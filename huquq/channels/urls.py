from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("channels/calendar/", views.calendar_settings, name="calendar"),
]
