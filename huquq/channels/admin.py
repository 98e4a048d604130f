from django.contrib import admin

from .models import ReportRecipient


@admin.register(ReportRecipient)
class ReportRecipientAdmin(admin.ModelAdmin):
    """Organisations that receive bot reports (opt-in). Chats and reminders are deliberately not shown here."""

    list_display = ("organisation", "active", "cities", "languages")
    list_filter = ("active",)
