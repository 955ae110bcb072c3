from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lintas.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log has no update or delete path, here as anywhere."""

    list_display = ["at", "actor_label", "action", "object_label", "body"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_label", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
