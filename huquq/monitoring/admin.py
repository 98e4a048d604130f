from django.contrib import admin

from .models import Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "country", "city", "nationals_served", "organisation"]
    list_filter = ["kind", "country"]
    search_fields = ["code", "name", "city"]
