from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lintas.notices.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """To see which e-mails wait, were sent or failed, and why; notices are made by the code."""

    list_display = ["created_at", "user", "kind", "email", "email_attempts", "emailed_at"]
    list_filter = ["email", "kind"]
    search_fields = ["user__email", "text"]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
