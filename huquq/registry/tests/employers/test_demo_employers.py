from huquq.accounts import demo as accounts_demo
from huquq.registry.employers import demo as demo_employers
from huquq.registry.employers import warnings as warnings_list
from huquq.registry.employers.models import Employer, WarningListing


def test_demo_is_idempotent_and_publishes_nothing_without_casework_evidence(db):
    accounts_demo.load()
    demo_employers.load()
    demo_employers.load()
    assert Employer.objects.count() == len(demo_employers.DEMO)
    assert WarningListing.objects.filter(status="approved").count() == 1
    assert warnings_list.published_warnings() == []
