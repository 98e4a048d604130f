"""Every read of the monitoring app, already scoped to the reader (see access.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from huquq.accounts.reads import record_read
from huquq.accounts.tenancy import scoped_to

from . import access, stats
from .models import Office, Questionnaire, Submission, Visit
from .xlsform import Question, spec_from_json


def questionnaires_for(user) -> QuerySet[Questionnaire]:
    if not access.can_see_scorecards(user):
        return Questionnaire.objects.none()
    if user.is_superuser:
        return Questionnaire.objects.all()
    return Questionnaire.objects.filter(Q(organisation__isnull=True) | Q(organisation_id=user.organisation_id))


def visits_for(user) -> QuerySet[Visit]:
    if not access.can_read(user):
        return Visit.objects.none()
    return scoped_to(user, Visit.objects.select_related("office"))


def submissions_for(user) -> QuerySet[Submission]:
    if not access.can_read(user):
        return Submission.objects.none()
    return scoped_to(user, Submission.objects.all())


def visit_for_page(user, pk) -> Visit:
    """A visit the user may read (404 otherwise); the read is recorded."""
    visit = get_object_or_404(visits_for(user), pk=pk)
    record_read(user, visit)
    return visit


def submission_for_page(user, pk) -> Submission:
    """A submission the user may read (404 otherwise); the read is recorded."""
    submission = get_object_or_404(submissions_for(user).select_related("questionnaire", "office"), pk=pk)
    record_read(user, submission)
    return submission


def offices_for_scorecard(user) -> QuerySet[Office]:
    """Offices whose scorecard the user may see: all for staff who read monitoring, own for consular staff."""
    if access.can_read(user):
        return Office.objects.all()
    if access.is_consular(user):
        return Office.objects.filter(organisation_id=user.organisation_id)
    return Office.objects.none()


def _scorecard_base(user):
    """Submissions a scorecard may count for this user."""
    if access.can_read(user):
        return submissions_for(user)
    if access.is_consular(user):
        return Submission.objects.filter(office__organisation_id=user.organisation_id)
    return Submission.objects.none()


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass
class Scorecard:
    questionnaire: Questionnaire
    periods: list = field(default_factory=list)
    offices: list = field(default_factory=list)
    indicators: list = field(default_factory=list)     # [(name, label, kind)]
    cells: dict = field(default_factory=dict)          # (office code, period, indicator) -> stats.Figure
    responses: dict = field(default_factory=dict)      # (office code, period) -> n submissions

    def figure(self, office: str, period: str, indicator: str) -> stats.Figure | None:
        return self.cells.get((office, period, indicator))

    def rows(self) -> Iterator[tuple[Office, str, str, str, stats.Figure]]:
        """Flat rows (office, period, indicator, figure) in display order."""
        for office in self.offices:
            for period in self.periods:
                if (office.code, period) not in self.responses:
                    continue
                for name, label, _kind in self.indicators:
                    yield office, period, name, label, self.cells[(office.code, period, name)]


def scorecard(user, questionnaire: Questionnaire, *, office_code: str | None = None,
              date_from: dt.date | None = None, date_to: dt.date | None = None,
              whole_period: bool = False) -> Scorecard:
    """Per office and quarter, each scorecard question of the form: share answering yes (with a Wilson 95 %
    interval), mean of a rating, problems reported (count, and the share reporting at least one).
    `whole_period` counts the whole date range as one period instead of by quarter."""
    spec = spec_from_json(questionnaire.schema)
    questions = spec.scorecard_questions()
    offices = {o.pk: o for o in offices_for_scorecard(user)}
    qs = _scorecard_submissions(user, questionnaire, list(offices), office_code, date_from, date_to)
    whole = f"{date_from or ''}–{date_to or ''}"
    period_of = (lambda _day: whole) if whole_period else quarter
    accumulators, responses = _accumulate_answers(qs, questions, period_of)
    card = Scorecard(questionnaire=questionnaire,
                     indicators=[(q.name, q.label or q.name, q.scorecard) for q in questions])
    used_offices = {office_id for office_id, _period in responses}
    card.offices = sorted((offices[i] for i in used_offices), key=lambda o: (o.country, o.name))
    card.periods = sorted({period for _office, period in responses})
    for (office_id, period), acc in accumulators.items():
        code = offices[office_id].code
        card.responses[(code, period)] = responses[(office_id, period)]
        for question, (n, hits, total) in zip(questions, acc, strict=True):
            card.cells[(code, period, question.name)] = _scorecard_figure(question, n, hits, total)
    return card


def _scorecard_submissions(user, questionnaire: Questionnaire, office_ids: list[int], office_code: str | None,
                           date_from: dt.date | None, date_to: dt.date | None) -> QuerySet[Submission]:
    """The complete submissions of the form a scorecard counts, narrowed to the office and dates asked for."""
    qs = _scorecard_base(user).filter(questionnaire=questionnaire, complete=True, office_id__in=office_ids)
    if office_code:
        qs = qs.filter(office__code=office_code)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs


def _accumulate_answers(qs: QuerySet[Submission], questions: list[Question],
                        period_of: Callable[[dt.date], str],
                        ) -> tuple[dict[tuple[int, str], list[list]], dict[tuple[int, str], int]]:
    """Per (office id, period): one slot per question, and the number of submissions. A slot is
    [answers counted, yes answers or answers reporting a problem, sum of ratings or number of problems]."""
    names = [q.name for q in questions]
    accumulators: dict = {}
    responses: dict = {}
    # answers are encrypted at rest (they may hold personal data): each is decrypted here, in Python, and
    # only the scorecard questions' values are read from it
    # (values_list gives an enc2 value sealed: it is opened with its row's primary key, see cases/fields.py)
    answers_field = Submission._meta.get_field("answers")
    for pk, office_id, day, answers in qs.values_list("pk", "office_id", "date", "answers").iterator(
            chunk_size=5000):
        answers = answers_field.opened(answers, pk)
        values = [answers.get(name) for name in names]
        cell = (office_id, period_of(day))
        responses[cell] = responses.get(cell, 0) + 1
        acc = accumulators.setdefault(cell, [[0, 0, 0.0] for _ in questions])
        for question, value, slot in zip(questions, values, acc, strict=True):
            _count_answer(question, value, slot)
    return accumulators, responses


def _count_answer(question: Question, value, slot: list) -> None:
    """Add one answer to its slot; an empty answer, or a rating that is not a number, is not counted."""
    if value is None or value == "":
        return
    if question.scorecard == "yes":
        slot[0] += 1
        slot[1] += value == "yes"
    elif question.scorecard == "rating":
        try:
            slot[2] += float(value)
        except (TypeError, ValueError):
            return
        slot[0] += 1
    else:
        chosen = [c for c in (value if isinstance(value, list) else str(value).split()) if c != "none"]
        slot[0] += 1
        slot[1] += bool(chosen)
        slot[2] += len(chosen)


def _scorecard_figure(question: Question, n: int, hits: int, total: float) -> stats.Figure:
    if question.scorecard == "rating":
        return stats.mean_figure(question.name, total, n)
    figure = stats.share_figure(question.name, question.scorecard, hits, n,
                                count=int(total) if question.scorecard == "problems" else None)
    if figure.suppressed:
        figure.count = None
    return figure


def shadow_rows(user, date_from: dt.date, date_to: dt.date) -> list[list]:
    """The monitoring section of the shadow report: each shipped or own questionnaire's indicators per office
    over the report's period, small cells suppressed (n < 5) and marked with a caution (n < 30)."""
    from .exports import figure_text

    rows = []
    for questionnaire in questionnaires_for(user).order_by("title"):
        card = scorecard(user, questionnaire, date_from=date_from, date_to=date_to, whole_period=True)
        for office, _period, _name, label, figure in card.rows():
            rows.append([questionnaire.title, office.name, label, figure.n, figure_text(figure)])
    return rows
