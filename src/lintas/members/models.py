from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import zoneinfo
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lintas.core.models import TimeStampedModel

LANGUAGE_CHOICES = [("en", "English"), ("vi", "Tiếng Việt"), ("id", "Bahasa Indonesia")]

# The languages a name or a description may be given in besides the main text.
OTHER_LANGUAGES = ("vi", "id")


def in_reader_language(texts: Any, fallback: str) -> str:
    """The text for the active language from a {"vi": …, "id": …} dict, else the fallback."""
    language = (get_language() or "en")[:2]
    if isinstance(texts, dict):
        text = texts.get(language)
        if isinstance(text, str) and text.strip():
            return text
    return fallback


def check_translations(texts: Any, field: str, *, max_length: int | None) -> None:
    """A {"vi": …, "id": …} dict of strings; raises ValidationError naming the field."""
    if not isinstance(texts, dict):
        raise ValidationError({field: _("Give the texts as a mapping from language to text.")})
    for language, text in texts.items():
        if language not in OTHER_LANGUAGES:
            raise ValidationError(
                {field: _("Unknown language code: %(codes)s") % {"codes": language}}
            )
        if not isinstance(text, str):
            raise ValidationError({field: _("Each text must be a string.")})
        if max_length is not None and len(text) > max_length:
            raise ValidationError(
                {field: _("At most %(n)s characters in each language.") % {"n": max_length}}
            )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A person needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Roles come from memberships, never from this row."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Bumped to end every session of this person at once (see get_session_auth_hash).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="members_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_session_auth_hash(self) -> str:
        # Sessions carry this hash; changing the password or the epoch ends them all.
        return salted_hmac(
            "lintas.members.User.session",
            f"{self.password}:{self.session_epoch}",
            algorithm="sha256",
        ).hexdigest()


class Body(TimeStampedModel):
    """A coordination body: a working group, a steering committee, …"""

    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("Working group")
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")
        OTHER = "other", _("Other")

    class Paper(models.TextChoices):
        A4 = "a4", _("A4")
        LETTER = "letter", _("US Letter")

    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    # The description in the other interface languages, {"vi": …, "id": …}.
    descriptions = models.JSONField(_("description in other languages"), default=dict, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    languages = models.JSONField(_("languages"), default=list)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=LANGUAGE_CHOICES, default="en"
    )
    # the page size of the Word and PDF documents Lintas writes for the body
    paper_size = models.CharField(
        _("paper size"), max_length=8, choices=Paper.choices, default=Paper.A4
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def display_description(self) -> str:
        """The description in the reader's language, else the one given in ``description``."""
        return in_reader_language(self.descriptions, self.description)

    def clean(self) -> None:
        super().clean()
        check_translations(self.descriptions, "descriptions", max_length=None)
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"time_zone": _("Unknown time zone.")}) from None
        known = {code for code, _label in LANGUAGE_CHOICES}
        unknown = [code for code in self.languages or [] if code not in known]
        if unknown:
            raise ValidationError(
                {"languages": _("Unknown language code: %(codes)s") % {"codes": ", ".join(unknown)}}
            )


class Unit(TimeStampedModel):
    """A member unit of a body: a country, an agency, a department, a partner organisation."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        AGENCY = "agency", _("Agency")
        DEPARTMENT = "department", _("Department")
        ORGANISATION = "organisation", _("International organisation")
        SECRETARIAT = "secretariat", _("Secretariat")
        OTHER = "other", _("Other")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    # The name in the other interface languages, {"vi": …, "id": …}; ``name`` is the fallback.
    names = models.JSONField(_("name in other languages"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166 two-letter code")
    )
    is_co_chair = models.BooleanField(_("co-chair"), default=False)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("member unit")
        verbose_name_plural = _("member units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="members_unit_name_unique"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="members_unit_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language, else the one given in ``name``."""
        return in_reader_language(self.names, self.name)

    @property
    def label(self) -> str:
        """The name in the reader's language with the short name beside: "Name (CODE)"."""
        if self.short_name and self.short_name != self.display_name:
            return f"{self.display_name} ({self.short_name})"
        return self.display_name

    def clean(self) -> None:
        super().clean()
        check_translations(self.names, "names", max_length=250)
        if self.parent_id is not None and self.parent is not None:
            if self.parent.body_id != self.body_id:
                raise ValidationError({"parent": _("The parent unit belongs to another body.")})
            node: Unit | None = self.parent
            while node is not None:
                if self.pk is not None and node.pk == self.pk:
                    raise ValidationError({"parent": _("A unit cannot be part of itself.")})
                node = node.parent
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A unit cannot leave before it joined.")})
        self.country = self.country.upper()

    def is_member_on(self, day: dt.date) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or day <= self.left_on
        )


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    FOCAL_POINT = "focal_point", _("Focal point")
    ALTERNATE_FOCAL_POINT = "alternate_focal_point", _("Alternate focal point")
    VALIDATOR = "validator", _("Validator")
    LEADER = "leader", _("Leader / observer")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles held for a whole body rather than for one unit.
BODY_ROLES = frozenset({Role.SECRETARIAT, Role.LEADER, Role.ANALYST, Role.ADMINISTRATOR})
# Roles held for one unit.
UNIT_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT, Role.VALIDATOR})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self, on: dt.date | None = None) -> MembershipQuerySet:
        day = on or timezone.localdate()
        return (
            self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=day))
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
            .filter(user__is_active=True)
        )


class Membership(TimeStampedModel):
    """A person holding a role in a body, for one unit where the role is a unit's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    # The first day without the role: a role ended today is no longer held today.
    ends_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "unit__name", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="members_membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["focal_point", "alternate_focal_point", "validator"])
                | Q(unit__isnull=False),
                name="members_membership_unit_role_needs_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "body", "unit", "role"],
                condition=Q(ends_on__isnull=True),
                name="members_membership_open_unique",
            ),
        ]

    def __str__(self) -> str:
        where = f" · {self.unit}" if self.unit_id else ""
        return f"{self.user} — {self.get_role_display()}{where}"

    def clean(self) -> None:
        super().clean()
        if self.role in UNIT_ROLES and self.unit_id is None:
            raise ValidationError({"unit": _("This role is held for a unit: choose one.")})
        if self.unit_id is not None and self.unit is not None and self.unit.body_id != self.body_id:
            raise ValidationError({"unit": _("The unit belongs to another body.")})


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Invitation(TimeStampedModel):
    """An e-mailed invitation to join a body in a role; only the link holds the key."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True)
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.body}"

    @staticmethod
    def new_key() -> tuple[str, str]:
        key = secrets.token_urlsafe(32)
        return key, _digest(key)

    @classmethod
    def digest(cls, key: str) -> str:
        return _digest(key)

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ApiToken(models.Model):
    """A personal API token. Only its digest is stored; the key is shown once."""

    PREFIX = "lnt_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    lookup = models.CharField(max_length=12, unique=True, editable=False)
    key_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A token may end by itself, and may be limited to reading (GET) only.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    read_only = models.BooleanField(_("read only"), default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.PREFIX}{self.lookup}…)"

    @classmethod
    def new_key(cls) -> tuple[str, str, str]:
        lookup = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        return f"{cls.PREFIX}{lookup}_{secret}", lookup, _digest(secret)

    @classmethod
    def split_key(cls, key: str) -> tuple[str, str] | None:
        if not key.startswith(cls.PREFIX):
            return None
        lookup, sep, secret = key[len(cls.PREFIX) :].partition("_")
        if not sep or len(lookup) != 12 or not secret:
            return None
        return lookup, _digest(secret)


class PasswordResetRequest(models.Model):
    """One request for a password-reset link, kept an hour to limit how many a single address
    or network may ask for (``services.accounts.request_password_reset``). The address is kept
    as a keyed digest, whether or not an account has it."""

    address_digest = models.CharField(max_length=64, db_index=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    requested_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.address_digest[:8]}… {self.requested_at:%Y-%m-%d %H:%M}"
