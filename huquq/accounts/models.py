from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class AuditEntry(models.Model):
    """One line of the append-only, hash-chained audit log. Written only through accounts.audit.record."""

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
