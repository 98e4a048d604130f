"""Django admin for the help directory: moderators create entries and link them to organisations."""

from django.contrib import admin

from huquq.registry.directory.models import DirectoryEntry, HelpService, ServedArea


class ServedAreaInline(admin.TabularInline):
    model = ServedArea
    extra = 1


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation", "verified_at", "from_seed", "edited_locally", "is_published")
    list_filter = ("kind", "is_published", "from_seed", "edited_locally")
    search_fields = ("name", "other_names", "slug")
    filter_horizontal = ("services",)
    inlines = [ServedAreaInline]
    readonly_fields = ("verified_by", "sources", "created_at", "updated_at")


@admin.register(HelpService)
class HelpServiceAdmin(admin.ModelAdmin):
    list_display = ("code", "position")
