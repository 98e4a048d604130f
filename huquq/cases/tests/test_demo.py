from huquq.accounts import demo as accounts_demo
from huquq.cases import demo
from huquq.cases.models import Case


def test_demo_loads_idempotently_and_cites_seeds(db, seeds_dir):
    accounts_demo.load()
    assert demo.load().startswith("6 ")
    assert demo.load().startswith("0 ")
    assert Case.objects.count() == 6
    for story in demo.STORIES:
        text = " ".join((seeds_dir / story["seed"]).read_text(encoding="utf-8").split())
        assert story["quote"] in text, story["reference"]
    assert Case.objects.filter(referrals__to_organisation__slug="demo-kg-consulate").count() == 2
