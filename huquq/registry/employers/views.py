"""Staff pages of the employer register: browse (any staff role), merge/split/undo and warnings (moderators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from huquq.accounts.models import Role
from huquq.accounts.reads import audited_list
from huquq.accounts.tenancy import role_required

from . import selectors, services
from . import warnings as warnings_list
from .forms import (
    AddNameForm,
    CorrectionForm,
    DuplicateDecisionForm,
    EmployerForm,
    MergeForm,
    NoticeForm,
    ReasonForm,
    ResponseForm,
    SplitForm,
)
from .models import Employer, EmployerChange, EmployerName, RightOfReplyNotice

STAFF = Role.values
UNMET_LABELS = {
    "verified_violations": gettext_lazy("not enough verified violations"),
    "reporters": gettext_lazy("not enough different reporters"),
    "moderator_approval": gettext_lazy("no moderator approval"),
    "right_of_reply": gettext_lazy("no right-of-reply notice sent long enough ago"),
}


@role_required(*STAFF)
@audited_list("registry.employer")
def employer_list(request):
    query = request.GET.get("q", "").strip()
    if query:
        rows = selectors.search_register(query)
    else:
        rows = selectors.entities().order_by("name")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "registry/employers/employer_list.html", {
        "page": page, "query": query, "query_string": f"q={query}" if query else "",
        "can_moderate": services.is_moderator(request.user), "form": EmployerForm(),
    })


@role_required(*STAFF)
def employer_detail(request, pk: int):
    employer, entity = selectors.entity_for_reading(request.user, pk)
    if entity.pk != employer.pk:
        return redirect("registry:employer", pk=entity.pk)
    ids = selectors.group_ids(entity)
    variants = EmployerName.objects.filter(employer_id__in=ids)
    moderator = services.is_moderator(request.user)
    decision = warnings_list.decision_for(entity) if moderator else None
    return render(request, "registry/employers/employer_detail.html", {
        "entity": entity, "variants": variants, "identifiers": selectors.group_identifiers(entity),
        "history": selectors.history(entity).select_related("survivor", "other"),
        "decision": decision,
        "listing": getattr(entity, "warning", None) if hasattr(entity, "warning") else None,
        "notices": [(n, ResponseForm(prefix=f"notice{n.pk}"))
                    for n in RightOfReplyNotice.objects.filter(employer_id__in=ids)],
        "unmet": [UNMET_LABELS.get(code, code) for code in (decision.unmet if decision else [])],
        "can_moderate": moderator,
        "add_name_form": AddNameForm(), "merge_form": MergeForm(), "split_form": SplitForm(variants=variants),
        "withdraw_form": ReasonForm(), "correction_form": CorrectionForm(), "notice_form": NoticeForm(),
    })


def _moderator_post(view):
    @require_POST
    @role_required(*STAFF)
    def wrapper(request, pk, *args, **kwargs):
        if not services.is_moderator(request.user):
            raise PermissionDenied
        employer = selectors.canonical(get_object_or_404(Employer, pk=pk))
        try:
            error = view(request, employer, *args, **kwargs)
        except ValidationError as exc:
            error = "; ".join(exc.messages)
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("registry:employer", pk=selectors.canonical(employer).pk)

    wrapper.__name__ = view.__name__
    return wrapper


@role_required(*STAFF)
def employer_create(request):
    if not services.is_moderator(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("registry:employers")
    form = EmployerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        return redirect("registry:employers")
    data = form.cleaned_data
    employer = services.create_employer(actor=request.user, source=EmployerName.Source.MODERATOR, **data)
    return redirect("registry:employer", pk=employer.pk)


@_moderator_post
def add_name(request, employer):
    form = AddNameForm(request.POST)
    if not form.is_valid():
        return _("Give a name.")
    services.add_name(employer, form.cleaned_data["name"], actor=request.user, source=EmployerName.Source.MODERATOR)
    return None


@_moderator_post
def merge(request, employer):
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _("Give the number of the other entity and a reason.")
    other = get_object_or_404(Employer, pk=form.cleaned_data["other"])
    services.merge(employer, other, actor=request.user, reason=form.cleaned_data["reason"])
    return None


@_moderator_post
def split(request, employer):
    variants = EmployerName.objects.filter(employer_id__in=selectors.group_ids(employer))
    form = SplitForm(request.POST, variants=variants)
    if not form.is_valid():
        return _("Choose the name variants to split off and give a reason.")
    services.split(employer, [int(i) for i in form.cleaned_data["names"]], actor=request.user,
                   reason=form.cleaned_data["reason"], new_name=form.cleaned_data["new_name"])
    return None


@_moderator_post
def undo(request, employer, change_id: int):
    change = get_object_or_404(EmployerChange, pk=change_id)
    services.undo(change, actor=request.user)
    return None


@_moderator_post
def approve(request, employer):
    warnings_list.approve(employer, actor=request.user)
    return None


@_moderator_post
def withdraw(request, employer):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _("Give a reason.")
    warnings_list.withdraw(employer, actor=request.user, reason=form.cleaned_data["reason"])
    return None


@_moderator_post
def correct(request, employer):
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _("Write the correction.")
    warnings_list.correct(employer, actor=request.user, correction=form.cleaned_data["correction"])
    return None


@_moderator_post
def notice(request, employer):
    form = NoticeForm(request.POST)
    if not form.is_valid():
        return _("Give the date the notice was sent.")
    warnings_list.record_notice(employer, actor=request.user, sent_on=form.cleaned_data["sent_on"],
                                method=form.cleaned_data["method"])
    return None


@_moderator_post
def response(request, employer, notice_id: int):
    form = ResponseForm(request.POST, prefix=f"notice{notice_id}")
    if not form.is_valid():
        return _("Write the response.")
    notice_obj = get_object_or_404(RightOfReplyNotice, pk=notice_id, employer_id__in=selectors.group_ids(employer))
    warnings_list.record_response(notice_obj, actor=request.user, response_text=form.cleaned_data["response_text"],
                                  received_on=form.cleaned_data["received_on"])
    return None


@role_required(*STAFF)
@audited_list("registry.employer", queue="possible duplicates")
def possible_duplicates(request):
    """The moderators' queue of uncertain pairs: names scoring below the automatic merge but close to it."""
    if not services.is_moderator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = DuplicateDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The decision could not be read; nothing was saved."))
            return redirect("registry:employer_duplicates")
        data = form.cleaned_data
        try:
            services.decide_duplicate(
                get_object_or_404(Employer, pk=data["employer_a"]), get_object_or_404(Employer, pk=data["employer_b"]),
                name_a=data["name_a"], name_b=data["name_b"], verdict=data["verdict"], actor=request.user,
                reason=data["reason"], score=data["score"])
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect("registry:employer_duplicates")
    pairs = selectors.possible_duplicates()
    return render(request, "registry/employers/possible_duplicates.html", {
        "pairs": [(pair, DuplicateDecisionForm(auto_id=f"id_pair{n}_%s", initial={
            "employer_a": pair.employer_a.pk, "employer_b": pair.employer_b.pk, "name_a": pair.name_a,
            "name_b": pair.name_b, "score": pair.score})) for n, pair in enumerate(pairs, 1)],
        "decided": selectors.recent_decisions(),
    })
