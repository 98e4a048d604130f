from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .timezones import DEFAULT as DEFAULT_TIME_ZONE
from .timezones import TIME_ZONES


class Organisation(models.Model):
    """One tenant: an NGO, a trade union, a diaspora association or a consulate."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        TRADE_UNION = "trade_union", _("Trade union")
        DIASPORA = "diaspora", _("Diaspora association")
        CONSULATE = "consulate", _("Embassy or consulate")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    country = models.CharField(_("country (ISO 3166-1)"), max_length=2, blank=True)
    # For a consulate: whose nationals it serves (ISO 3166-1 alpha-2).
    serves_nationals_of = models.CharField(_("serves nationals of"), max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    require_two_factor = models.BooleanField(
        _("require two-factor login for lawyers and administrators"), default=False,
    )
    # Deadlines, consent expiry and every time shown to its staff are in this zone (accounts/timezones.py).
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONES, default=DEFAULT_TIME_ZONE)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    INTAKE = "intake", _("Intake")
    CASEWORKER = "caseworker", _("Caseworker")
    LAWYER = "lawyer", _("Lawyer")
    ANALYST = "analyst", _("Analyst")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    CONSULAR = "consular", _("Consular officer")
    MONITOR = "monitor", _("Monitor")


class User(AbstractUser):
    """A person working for one organisation, in one role. Site superusers may have no organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="members",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    # A platform role, granted by site superusers, independent of the user's organisation and role.
    is_registry_moderator = models.BooleanField(
        _("registry moderator"), default=False,
        help_text=_("Moderates the shared employer register and the public warnings list for every organisation."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_superuser=True) | (models.Q(organisation__isnull=False) & ~models.Q(role="")),
                name="staff_user_has_organisation_and_role",
            )
        ]

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles

    @property
    def is_org_admin(self) -> bool:
        return self.has_role(Role.ORG_ADMIN)


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk update() and delete() would bypass the per-row guard below; refuse them too."""

    def update(self, **kwargs):
        raise PermissionError("Audit entries are append-only")

    def delete(self):
        raise PermissionError("Audit entries are append-only")

    def _raw_delete(self, using):
        raise PermissionError("Audit entries are append-only")


class AuditEntry(models.Model):
    """One line of the append-only, keyed hash-chained audit log. Written only through accounts.audit.record.

    Database triggers (migration 0002) refuse UPDATE and DELETE on this table as well.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("view")
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        EXPORT = "export", _("export")
        LOGIN = "login", _("log in")
        SHARE = "share", _("share")

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["organisation", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are append-only")


class AuditHead(models.Model):
    """The single row (id 1) naming the end of the audit chain. Every append locks it (SELECT ... FOR
    UPDATE), so writers are serialised on every database; it also holds the count, so a removed tail
    shows even before a checkpoint is compared."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    count = models.BigIntegerField(default=0)
    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit log head")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")]

    def __str__(self):
        return f"{self.count} entries, last {self.last_hash[:12]}"
