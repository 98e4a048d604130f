from django.contrib import admin

from .models import RuleChange


@admin.register(RuleChange)
class RuleChangeAdmin(admin.ModelAdmin):
    """Read-only: changes are proposed and reviewed through /<lang>/rules/changes/ (services.py), never edited."""

    list_display = ("rule_id", "status", "proposed_by", "proposed_at", "reviewed_by", "reviewed_at")
    list_filter = ("status",)
    search_fields = ("rule_id", "body")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
