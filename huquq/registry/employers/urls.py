"""URLs of the employer register and the warnings list (included by registry/urls.py)."""

from django.urls import path

from . import views as employers
from . import warnings_views as warnings

urlpatterns = [
    path("warnings/", warnings.warnings_index, name="warnings"),
    path("warnings/feed.json", warnings.warnings_feed, name="warnings_feed"),
    path("warnings/<int:pk>/", warnings.warning_detail, name="warning"),
    path("employers/", employers.employer_list, name="employers"),
    path("employers/new/", employers.employer_create, name="employer_create"),
    path("employers/duplicates/", employers.possible_duplicates, name="employer_duplicates"),
    path("employers/<int:pk>/", employers.employer_detail, name="employer"),
    path("employers/<int:pk>/names/", employers.add_name, name="employer_add_name"),
    path("employers/<int:pk>/merge/", employers.merge, name="employer_merge"),
    path("employers/<int:pk>/split/", employers.split, name="employer_split"),
    path("employers/<int:pk>/undo/<int:change_id>/", employers.undo, name="employer_undo"),
    path("employers/<int:pk>/warning/approve/", employers.approve, name="warning_approve"),
    path("employers/<int:pk>/warning/withdraw/", employers.withdraw, name="warning_withdraw"),
    path("employers/<int:pk>/warning/correct/", employers.correct, name="warning_correct"),
    path("employers/<int:pk>/warning/notice/", employers.notice, name="warning_notice"),
    path("employers/<int:pk>/warning/notice/<int:notice_id>/response/", employers.response,
         name="warning_response"),
]
