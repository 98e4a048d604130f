from django.urls import path

from . import contract_views, views

app_name = "channels"
urlpatterns = [
    path("channels/calendar/", views.calendar_settings, name="calendar"),
    path("contract-check/", contract_views.contract_check, name="contract_check"),
    path("contract-check/send/", contract_views.contract_send, name="contract_send"),
    path("contract-check/case/", contract_views.contract_open_case, name="contract_open_case"),
]
