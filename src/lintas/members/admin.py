from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from lintas.members.models import ApiToken, Body, Invitation, Membership, Unit, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "language", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "language"]
    search_fields = ["full_name", "email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "position", "phone", "language")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


class UnitInline(admin.TabularInline):
    model = Unit
    fk_name = "body"
    extra = 0
    fields = [
        "name",
        "short_name",
        "kind",
        "parent",
        "country",
        "is_co_chair",
        "joined_on",
        "left_on",
    ]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "time_zone"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "kind", "country", "is_co_chair", "joined_on", "left_on"]
    list_filter = ["body", "kind"]
    search_fields = ["name", "short_name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Read only: roles are granted and ended on the body's pages, through the services, so
    every change is checked (no self-granted role), audited and told to the unit."""

    list_display = ["user", "body", "unit", "role", "starts_on", "ends_on"]
    list_filter = ["body", "role"]
    search_fields = ["user__full_name", "user__email"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "body", "role", "expires_at", "accepted_at", "revoked_at"]
    exclude = ["key_digest"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["lookup", "created_at", "last_used_at"]
    exclude = ["key_digest"]
