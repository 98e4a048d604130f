from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEntry, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "time_zone", "require_two_factor")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(User)
class HuquqUserAdmin(UserAdmin):
    list_display = ("username", "organisation", "role", "is_active")
    list_filter = ("role", "organisation")
    fieldsets = UserAdmin.fieldsets + (("Huquq", {"fields": ("organisation", "role", "preferred_language",
                                                                          "is_registry_moderator")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Huquq", {"fields": ("organisation", "role")}),)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "organisation", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
