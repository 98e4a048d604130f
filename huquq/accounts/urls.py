from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html",
                                                authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_changed")),
        name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_changed.html"), name="password_changed"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("organisation/two-factor/", views.require_two_factor, name="require_two_factor"),
    path("organisation/time-zone/", views.organisation_time_zone, name="organisation_time_zone"),
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/staff/", views.staff, name="staff"),
    path("organisation/staff/add/", views.staff_add, name="staff_add"),
    path("organisation/staff/<int:pk>/", views.staff_member, name="staff_member"),
    path("audit/", views.audit_log, name="audit_log"),
]
