from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from huquq import views
from huquq.channels import views as channel_views
from huquq.ops import views as ops_views

handler403 = "huquq.views.permission_denied"
handler404 = "huquq.views.page_not_found"
handler500 = "huquq.views.server_error"

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # No language prefix: Telegram and calendar apps call these fixed URLs.
    path("telegram/webhook/", channel_views.telegram_webhook, name="telegram-webhook"),
    path("calendar/<str:token>.ics", channel_views.calendar_feed, name="calendar-feed"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("huquq.accounts.urls")),
    path("rules/", include("huquq.rules.urls")),
    path("registry/", include("huquq.registry.urls")),
    path("cases/", include("huquq.cases.urls")),
    path("reports/", include("huquq.reports.urls")),
    path("monitoring/", include("huquq.monitoring.urls")),
    path("", include("huquq.channels.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
