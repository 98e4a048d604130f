"""Property tests: any profile gives a valid, sourced answer or a clear error naming the field."""

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.rules.engine import ProfileError, default_rulebook, evaluate, parse_profile, status
from huquq.rules.engine.model import DOCUMENT_TYPES, ITEM_KINDS

COUNTRIES = ["KG", "TJ", "UZ", "KZ", "AM", "BY", "MD", "UA", "GE", "AZ", "TM", "RU", "CN", "TR", "DE"]
REGIONS = {"RU": ["RU-MOW", "RU-MOS", "RU-SPE", "RU-LEN", "RU-NVS", "RU-SVE", "RU-TA"],
           "KZ": ["KZ-ALA", "KZ-AST", "KZ-YUZ"]}
OKVED = ["", "60.22", "60.21.1", "13.1", "45.21", "65", "74.83", "01.5"]
dates = st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def profiles(draw):
    host = draw(st.sampled_from(["RU", "KZ", "TR", "RU", "KZ"]))
    citizenship = draw(st.sampled_from([c for c in COUNTRIES if c != host]))
    entry = draw(dates)
    as_of = entry + timedelta(days=draw(st.integers(0, 2000)))
    data = {"citizenship": citizenship, "host_country": host, "entry_date": entry.isoformat(),
            "employment": draw(st.sampled_from(["none", "individual", "legal_entity"])),
            "activity_okved": draw(st.sampled_from(OKVED))}
    if host in REGIONS:
        data["region"] = draw(st.sampled_from(REGIONS[host]))
    if draw(st.booleans()):
        start = draw(dates)
        data["ban"] = {"start": start.isoformat(), "end": (start + timedelta(days=draw(st.integers(0, 3650)))).isoformat()}
    data["documents"] = [{"type": t, "issued": entry.isoformat()}
                         for t in draw(st.lists(st.sampled_from(DOCUMENT_TYPES), max_size=3, unique=True))]
    stays, end = [], entry
    for _ in range(draw(st.integers(0, 3))):
        last = end - timedelta(days=draw(st.integers(1, 200)))
        first = last - timedelta(days=draw(st.integers(0, 120)))
        stays.append({"entry": first.isoformat(), "exit": last.isoformat()})
        end = first
    if stays:
        data["stays"] = stays
    if draw(st.booleans()):
        data["patent_paid_until"] = (entry + timedelta(days=draw(st.integers(0, 400)))).isoformat()
    return data, as_of


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_every_item_is_sourced_and_in_its_window(case):
    data, as_of = case
    profile, on = parse_profile(data, as_of)
    answer = evaluate(profile, on, "ru")
    book = default_rulebook()
    asked = set(profile.topics)
    seen_topics = set()
    for item in answer.items:
        assert item.kind in ITEM_KINDS
        assert item.topic in asked
        seen_topics.add(item.topic)
        assert item.text
        if item.kind == "not_covered":
            assert not item.sources and not item.rule_ids
            continue
        assert item.sources, item
        assert item.source_date is not None
        for rid in item.rule_ids:
            rule = book.by_id[rid]
            if rule.limit is not None:  # stay limits: in force on some day of the stay up to the day they bite
                first = min([profile.entry_date] + [a for a, _b in profile.stays])
                last = max(on, item.due + timedelta(days=1)) if item.due else on
                assert rule.valid_from is None or rule.valid_from <= last, (rid, last)
                assert rule.valid_to is None or rule.valid_to >= first, (rid, first)
                continue
            day = profile.entry_date if rule.basis == "entry" else on
            assert rule.in_window(day), (rid, day)
        if item.due is not None:
            assert item.days_left == (item.due - on).days
            assert item.overdue == (item.due < on and not any(
                d.type == item.document and d.valid_on(on) for d in profile.documents))
            assert bool(item.what_now) == item.overdue
        if item.kind == "conflict":
            assert len(item.rule_ids) >= 2
    assert seen_topics == asked  # every asked topic is answered, if only by not_covered
    json.dumps(answer.as_dict())


junk = st.one_of(st.none(), st.integers(), st.text(max_size=12), st.booleans(), st.lists(st.integers(), max_size=2),
                 st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))


@settings(max_examples=200, deadline=None)
@given(profiles(), st.sampled_from(["citizenship", "host_country", "region", "entry_date", "employment",
                                     "activity_okved", "documents", "ban", "topics", "stays",
                                     "patent_paid_until"]), junk)
def test_any_input_gives_answer_or_clear_error(case, field, value):
    data, as_of = case
    data = dict(data, **{field: value})
    try:
        answer = status(data, as_of)
    except ProfileError as exc:
        assert exc.field.split("[")[0].split(".")[0] in {field, "region", "host_country", "entry_date", "profile"}
        assert str(exc).startswith(exc.field)
    else:
        assert isinstance(answer.items, list)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_malformed_json_is_a_clear_error(text):
    try:
        status(text, date(2016, 1, 1))
    except ProfileError as exc:
        assert exc.field  # names what was wrong
    # valid JSON that happens to be a complete profile is impossible with random text; no other exception


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_compiled_index_agrees_with_readable_rule_test(case):
    """The fast compiled path of `evaluate` selects exactly the rules the readable `applies` test selects."""
    from huquq.rules.engine.evaluate import applies

    data, as_of = case
    profile, on = parse_profile(data, as_of)
    book = default_rulebook()
    expected = {r.id for r in book.rules if r.topic in profile.topics and applies(book, r, profile, on)
                and ("*" in r.hosts or profile.host_country in r.hosts) and r.limit is None}
    answered = {rid for item in evaluate(profile, on, "ru").items for rid in item.rule_ids
                if book.by_id[rid].limit is None}
    overridden = {o for rid in expected for o in book.by_id[rid].overrides}
    assert answered == expected - overridden


def _in_force_rule_by_rule(book, profile, on):
    """The rules whose window and citizenship hold on their judging day, tested one by one in compiled order."""
    out = []
    for rule, on_entry, intervals, regions, regions_not, _cond in book.compiled(profile.host_country,
                                                                               profile.citizenship):
        day = (profile.entry_date if on_entry else on).toordinal()
        if not any(a <= day <= b for a, b in intervals):
            continue
        if (regions is not None and profile.region not in regions) or \
                (regions_not is not None and profile.region in regions_not):
            continue
        out.append(rule)
    return out


@settings(max_examples=300, deadline=None)
@given(profiles())
def test_date_segments_select_what_a_rule_by_rule_test_selects(case):
    """`Rulebook.selector` (rules cut into date segments per host, citizenship and region) gives the same rules
    in the same order as testing every compiled rule on the entry or as-of date."""
    data, as_of = case
    profile, on = parse_profile(data, as_of)
    book = default_rulebook()
    selector = book.selector(profile.host_country, profile.citizenship, profile.region)
    got = [rule for rule, _cond in selector.in_force(profile.entry_date.toordinal(), on.toordinal())]
    assert got == _in_force_rule_by_rule(book, profile, on)


@settings(max_examples=300, deadline=None)
@given(profiles(), st.sampled_from(["ru", "en", "uz"]))
def test_reused_answer_plans_give_the_answers_fresh_plans_give(case, lang):
    """`evaluate` reuses a cached plan (texts, notices, order) for an as-of date at the same place among the
    days on which sources turn a year old; the answer must equal the one built with every cache emptied."""
    import importlib

    evaluate_module = importlib.import_module("huquq.rules.engine.evaluate")  # the module, not the function
    data, as_of = case
    profile, on = parse_profile(data, as_of)
    warm = evaluate(profile, on, lang).as_dict()
    evaluate_module._PLANS.clear()
    evaluate_module._PLANS_NEAR.clear()
    assert evaluate(profile, on, lang).as_dict() == warm
