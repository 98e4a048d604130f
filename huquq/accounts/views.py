from django.core.paginator import Paginator
from django.shortcuts import render

from . import audit
from .models import Role
from .selectors import audit_entries_visible_to, members_visible_to
from .tenancy import role_required


@role_required(*Role.values)
def organisation(request):
    members = members_visible_to(request.user)
    audit.record(request.user, "view", object_type="accounts.organisation",
                 object_id=request.user.organisation_id or "")
    return render(request, "accounts/organisation.html", {"organisation": request.user.organisation,
                                                          "members": members})


@role_required(Role.ORG_ADMIN)
def audit_log(request):
    page = Paginator(audit_entries_visible_to(request.user), 50).get_page(request.GET.get("page"))
    audit.record(request.user, "view", object_type="accounts.auditentry", detail={"page": page.number})
    return render(request, "accounts/audit_log.html", {"page": page})
