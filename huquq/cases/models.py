"""Casework records, after the HURIDOCS events model: a Case holds Persons, Violations (acts),
Actions (interventions) and Outcomes; Consent and Referral govern any sharing beyond the owning
organisation. Writes go through services.py, reads through selectors.py, access rules in access.py.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import EncryptedDateField, EncryptedTextField


class Status(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Assessment")
    ACTION = "action", _("Action")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REFERRED = "referred", _("Referred")


# The workflow: which status may follow which. Every transition needs a reason (CaseTransition).
TRANSITIONS: dict[str, list[str]] = {
    Status.INTAKE: [Status.ASSESSMENT, Status.CLOSED, Status.REFERRED],
    Status.ASSESSMENT: [Status.ACTION, Status.RESOLVED, Status.CLOSED, Status.REFERRED],
    Status.ACTION: [Status.RESOLVED, Status.CLOSED, Status.REFERRED],
    Status.RESOLVED: [Status.ACTION, Status.CLOSED],
    Status.CLOSED: [Status.ASSESSMENT],
    Status.REFERRED: [Status.ASSESSMENT, Status.CLOSED],
}
FINAL_STATUSES = {Status.RESOLVED, Status.CLOSED}


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    HOTLINE = "hotline", _("Phone hotline")
    TELEGRAM = "telegram", _("Telegram")
    REFERRAL = "referral", _("Referral")
    MONITORING = "monitoring", _("Monitoring")
    WEB = "web", _("Website form")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not stated")


class AgeGroup(models.TextChoices):
    CHILD = "0-17", _("Under 18")
    YOUNG = "18-29", _("18–29")
    MIDDLE = "30-44", _("30–44")
    OLDER = "45-59", _("45–59")
    SENIOR = "60+", _("60 and over")
    UNKNOWN = "unknown", _("Not stated")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    EXPIRED = "expired", _("Expired")
    FORGED = "forged", _("Forged or invalid")
    UNKNOWN = "unknown", _("Not known")


class WorkPermit(models.TextChoices):
    PATENT = "patent", _("Patent")
    PERMIT = "permit", _("Work permit")
    EAEU = "eaeu", _("Not needed (EAEU citizen)")
    NONE = "none", _("None")
    FORGED = "forged", _("Forged or invalid")
    UNKNOWN = "unknown", _("Not known")


class StateActor(models.TextChoices):
    POLICE = "police", _("Police")
    MIGRATION_SERVICE = "migration_service", _("Migration service")
    BORDER_GUARD = "border_guard", _("Border guard")
    COURT = "court", _("Court")
    CONSULATE = "consulate", _("Consulate")
    DONOR_STATE_AGENCY = "donor_state_agency", _("Agency of the country of origin")
    OTHER = "other", _("Other state actor")


class ActionKind(models.TextChoices):
    NEGOTIATION = "negotiation", _("Pre-trial negotiation with employer")
    LABOUR_INSPECTION = "labour_inspection", _("Complaint to labour inspection")
    POLICE_REPORT = "police_report", _("Police report")
    COURT_CLAIM = "court_claim", _("Court claim")
    BAN_APPEAL = "ban_appeal", _("Appeal of entry ban")
    CONSULAR_REQUEST = "consular_request", _("Consular request")
    MEDIA = "media", _("Media")
    REFERRAL = "referral", _("Referral")
    OTHER = "other", _("Other")


class ActionResult(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCESS = "success", _("Succeeded")
    PARTIAL = "partial", _("Partly succeeded")
    FAILED = "failed", _("Failed")
    NO_RESPONSE = "no_response", _("No response")


class OutcomeKind(models.TextChoices):
    WAGES_RECOVERED = "wages_recovered", _("Wages recovered")
    COMPENSATION = "compensation", _("Compensation paid")
    BAN_LIFTED = "ban_lifted", _("Entry ban lifted")
    DOCUMENTS_RETURNED = "documents_returned", _("Documents returned")
    RELEASED = "released", _("Released from detention")
    RETURNED_HOME = "returned_home", _("Returned home")
    REMAINS_REPATRIATED = "remains_repatriated", _("Remains repatriated")
    OTHER = "other", _("Other")


class Case(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="cases",
                                     verbose_name=_("organisation"))
    reference = models.CharField(_("reference number"), max_length=40)
    title = models.CharField(_("short title"), max_length=200,
                             help_text=_("No names here: this text is visible to analysts and in statistics."))
    summary = models.TextField(_("summary"), blank=True,
                               help_text=_("What happened, without names, phone numbers or passport data."))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WALK_IN)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTAKE)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    host_country = models.CharField(_("host country (ISO 3166-1)"), max_length=2, blank=True)
    host_region = models.CharField(_("host region (ISO 3166-2)"), max_length=6, blank=True)
    host_city = models.CharField(_("host city"), max_length=100, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="RUB")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="assigned_cases", verbose_name=_("assigned caseworker"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="created_cases")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    # Denormalised from the client (first Person) so list filters and statistics need no join.
    client_sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    client_age_group = models.CharField(max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN)
    client_citizenship = models.CharField(max_length=2, blank=True)
    violation_codes = models.CharField(max_length=400, blank=True, help_text="space-separated, for filtering")
    # Search: spelling-folded non-personal text, and keyed HMACs of name tokens (crypto.blind_index).
    search_key = models.TextField(blank=True, default="")
    name_index = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [models.UniqueConstraint(fields=["organisation", "reference"], name="case_reference_per_org")]
        indexes = [
            models.Index(fields=["organisation", "-opened_on", "-id"], name="case_org_opened"),
            models.Index(fields=["organisation", "status", "-opened_on"], name="case_org_status"),
            models.Index(fields=["organisation", "created_by"], name="case_org_creator"),
            models.Index(fields=["organisation", "host_region"], name="case_org_region"),
            models.Index(fields=["organisation", "client_citizenship"], name="case_org_citizenship"),
            models.Index(fields=["assigned_to", "status"], name="case_assignee"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def client(self):
        return self.persons.filter(role=Person.Role.CLIENT).order_by("id").first()

    def allowed_transitions(self):
        return TRANSITIONS.get(self.status, [])


class Person(models.Model):
    class Role(models.TextChoices):
        CLIENT = "client", _("Client / victim")
        VICTIM = "victim", _("Other victim")
        WITNESS = "witness", _("Witness")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role in the case"), max_length=10, choices=Role.choices, default=Role.CLIENT)
    code = models.CharField(_("pseudonymous code"), max_length=20, unique=True)
    name = EncryptedTextField(_("full name"), context="cases.person.name")
    birth_date = EncryptedDateField(_("date of birth"), context="cases.person.birth_date", blank=True)
    phone = EncryptedTextField(_("phone"), context="cases.person.phone")
    passport = EncryptedTextField(_("passport data"), context="cases.person.passport")
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(_("gender (self-described)"), max_length=40, blank=True)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN)
    citizenship = models.CharField(_("citizenship (ISO 3166-1)"), max_length=2, blank=True)
    languages = models.CharField(_("languages"), max_length=100, blank=True,
                                 help_text=_("Comma-separated language codes, e.g. ky, ru"))
    # Legal status at the time of the events.
    migration_card = models.CharField(_("migration card"), max_length=10, choices=YesNo.choices,
                                      default=YesNo.UNKNOWN)
    registration = models.CharField(_("registration at place of stay"), max_length=10, choices=YesNo.choices,
                                    default=YesNo.UNKNOWN)
    work_permit = models.CharField(_("patent or work permit"), max_length=10, choices=WorkPermit.choices,
                                   default=WorkPermit.UNKNOWN)
    entry_ban = models.CharField(_("entry ban"), max_length=10, choices=YesNo.choices, default=YesNo.UNKNOWN)

    PERSONAL_FIELDS = ("name", "birth_date", "phone", "passport")

    class Meta:
        ordering = ["id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self):
        return self.code


class Violation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="violations")
    victim = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="violations",
                               verbose_name=_("victim"))
    type = models.CharField(_("violation type"), max_length=40)
    started_on = models.DateField(_("date (or start of period)"), null=True, blank=True)
    ended_on = models.DateField(_("end of period"), null=True, blank=True)
    country = models.CharField(_("country (ISO 3166-1)"), max_length=2, blank=True)
    region = models.CharField(_("region (ISO 3166-2)"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    employer = models.ForeignKey("registry.Employer", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="case_violations", verbose_name=_("employer or intermediary"))
    state_actor = models.CharField(_("state actor"), max_length=20, choices=StateActor.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    evidence_links = models.TextField(_("evidence links"), blank=True, help_text=_("One link per line."))
    verified = models.BooleanField(_("verified by a caseworker"), default=False)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        indexes = [models.Index(fields=["type"]), models.Index(fields=["employer"])]

    def __str__(self):
        from .vocab import violation_label

        return violation_label(self.type)

    @property
    def type_label(self):
        from .vocab import violation_label

        return violation_label(self.type)

    @property
    def perpetrator_kind(self) -> str:
        if self.employer_id:
            return self.employer.kind
        return self.state_actor or ""


class Action(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    started_on = models.DateField(_("date"), default=timezone.localdate)
    ended_on = models.DateField(_("finished on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=ActionResult.choices,
                              default=ActionResult.PENDING)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.started_on})"


class Outcome(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    achieved_on = models.DateField(_("date"), default=timezone.localdate)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["achieved_on", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.get_kind_display()


class WageClaim(models.Model):
    """Inputs of the wage-claim calculator; the amount owed is computed (services.compute_wage_claim)."""

    class Unit(models.TextChoices):
        MONTH = "month", _("per month")
        DAY = "day", _("per day")
        HOUR = "hour", _("per hour")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="wage_claims")
    agreed_wage = models.DecimalField(_("agreed wage"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("wage unit"), max_length=5, choices=Unit.choices, default=Unit.MONTH)
    period_start = models.DateField(_("worked from"), null=True, blank=True)
    period_end = models.DateField(_("worked until"), null=True, blank=True)
    units_worked = models.DecimalField(_("months/days/hours worked"), max_digits=10, decimal_places=2,
                                       null=True, blank=True,
                                       help_text=_("Leave empty for a monthly wage to count months from the dates."))
    amount_paid = models.DecimalField(_("amount already paid"), max_digits=14, decimal_places=2,
                                      default=Decimal("0"))
    overtime_hours = models.DecimalField(_("overtime hours"), max_digits=8, decimal_places=2, default=Decimal("0"))
    overtime_rate = models.DecimalField(_("pay per overtime hour"), max_digits=12, decimal_places=2,
                                        default=Decimal("0"),
                                        help_text=_("As agreed or as the applicable law sets it; enter the amount."))
    due_on = models.DateField(_("wages were due on"), null=True, blank=True,
                              help_text=_("The date by which the employer had to pay; fill it in to compute "
                                          "compensation for late payment (Russian Labour Code Art. 236)."))
    settled_on = models.DateField(_("paid in full on"), null=True, blank=True,
                                  help_text=_("Leave empty while the wages are still unpaid: compensation is then "
                                              "counted until today."))
    note = models.TextField(_("note"), blank=True)
    amount_owed = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("wage claim")
        verbose_name_plural = _("wage claims")

    def __str__(self):
        return f"{self.agreed_wage} {self.get_unit_display()}"


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    due_on = models.DateField(_("due on"))
    title = models.CharField(_("what is due"), max_length=200)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="assigned_deadlines", verbose_name=_("assignee"))
    reminded_on = models.DateField(null=True, blank=True)  # last day a reminder went out (staff reminders)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on", "done_on"])]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self):
        return f"{self.due_on} {self.title}"


class CaseTransition(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class CaseRevision(models.Model):
    """One change to a case: who, when, and a field diff. Personal values are never stored in clear."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=200)
    changes = models.JSONField(default=dict, blank=True)  # {field: [old, new]}; personal -> "•••"

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"v{self.version} {self.summary}"


class EvidenceFile(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    violation = models.ForeignKey(Violation, on_delete=models.SET_NULL, null=True, blank=True, related_name="files")
    original_name = EncryptedTextField(_("file name"), context="cases.evidence.name")
    description = models.CharField(_("description"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=100, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return f"evidence {self.pk} ({self.content_type}, {self.size} bytes)"


class FieldGroup(models.TextChoices):
    """Groups of case data a consent (and so a referral) may cover."""

    SUMMARY = "summary", _("Case summary, status, place")
    PROFILE = "profile", _("Sex, age group, citizenship, languages, legal status")
    IDENTITY = "identity", _("Name and date of birth")
    CONTACT = "contact", _("Phone")
    PASSPORT = "passport", _("Passport data")
    VIOLATIONS = "violations", _("Violations")
    ACTIONS = "actions", _("Actions, outcomes and wage claim")


PERSONAL_GROUPS = {FieldGroup.IDENTITY, FieldGroup.CONTACT, FieldGroup.PASSPORT}


class Consent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    allows_store = models.BooleanField(_("store the data"), default=True)
    allows_statistics = models.BooleanField(_("anonymised statistics"), default=False)
    allows_publication = models.BooleanField(_("publication (anonymised story)"), default=False)
    share_with = models.ManyToManyField("accounts.Organisation", blank=True, related_name="+",
                                        verbose_name=_("share with these organisations"))
    fields = models.JSONField(_("fields that may be shared"), default=list, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self):
        return f"consent {self.pk} of {self.given_on}"

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        if self.withdrawn_on and self.withdrawn_on <= on:
            return False
        return self.valid_until is None or self.valid_until >= on


class Referral(models.Model):
    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")

    NEXT: dict[str, list[str]] = {State.SENT: [State.ACCEPTED, State.DECLINED], State.ACCEPTED: [State.COMPLETED]}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                        related_name="referrals_received", verbose_name=_("to organisation"))
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals")
    fields = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["to_organisation", "state"])]

    def __str__(self):
        return f"referral {self.pk} ({self.state})"


class ReferralEvent(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(max_length=10, choices=Referral.State.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.state} at {self.at:%Y-%m-%d}"


class ViolationFact(models.Model):
    """One anonymous row per violation, denormalised for the statistics cube (no personal field at all).

    Kept in sync by `huquq.cases.facts.refresh_facts(case)`, which every service that changes what a fact
    shows calls (and import, and `huquq cases refresh-facts` for repair). The columns are the statistics
    interface (`selectors.FACT_KEYS`) plus what scoping needs: case, violation, consent to statistics, and
    the case's creator (intake staff see only the cases they created).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="facts")
    violation = models.OneToOneField(Violation, on_delete=models.CASCADE, related_name="fact")
    violation_type = models.CharField(max_length=40)
    sex = models.CharField(max_length=10, blank=True)
    age_group = models.CharField(max_length=10, blank=True)
    citizenship = models.CharField(max_length=2, blank=True)
    host_country = models.CharField(max_length=2, blank=True)
    host_region = models.CharField(max_length=6, blank=True)
    year = models.SmallIntegerField(null=True)
    perpetrator_kind = models.CharField(max_length=40, blank=True)
    organisation_id = models.IntegerField()
    verified = models.BooleanField(default=False)
    allows_statistics = models.BooleanField(default=False)
    created_by_id = models.IntegerField(null=True)

    # The statistics cube groups by these columns in this order (reports.statistics.CUBE_DIMENSIONS): the
    # covering index below lets PostgreSQL read them already sorted (index-only scan + streaming
    # GroupAggregate, no hash table) for the cube and any GROUP BY on a prefix of it.
    GROUP_BY_INDEX = ("violation_type", "sex", "age_group", "citizenship", "host_region", "year",
                      "perpetrator_kind")

    class Meta:
        indexes = [models.Index(fields=["organisation_id"], name="fact_org"),
                   models.Index(fields=["allows_statistics"], name="fact_statistics"),
                   models.Index(fields=["violation_type", "sex", "age_group", "citizenship", "host_region", "year",
                                        "perpetrator_kind"], name="fact_cube",
                                include=["allows_statistics", "organisation_id", "verified", "created_by_id",
                                         "case_id", "host_country"])]

    def __str__(self):
        return f"fact {self.violation_id}: {self.violation_type}"
