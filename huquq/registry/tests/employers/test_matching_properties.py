"""Any input gives an answer or a clear error: normalisation, scoring and the CSV reader."""

from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.registry.employers.matching.cluster import Mention, cluster, score_names
from huquq.registry.employers.matching.normalise import normalise, split_legal_form
from huquq.registry.employers.mentions_csv import MentionFileError, parse_mentions

NAMES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=80, deadline=None)
@given(NAMES, NAMES)
def test_normalise_and_score_never_fail(a, b):
    na = normalise(a)
    assert all(t for t in na.tokens)
    score, reason = score_names(a, b)
    assert 0 <= score <= 100 and reason
    assert split_legal_form(a)[1] is not None
    assert score_names(a, a)[0] in (0.0, 100.0)  # a name is identical to itself (or has no letters)


@settings(max_examples=40, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=8))
def test_cluster_labels_every_mention(names):
    mentions = [Mention(str(i), n) for i, n in enumerate(names)]
    assert set(cluster(mentions).labels) == {m.id for m in mentions}


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_csv_reader_returns_mentions_or_a_clear_error(text):
    try:
        mentions = parse_mentions(text)
    except MentionFileError as exc:
        assert str(exc).startswith("line ")
    else:
        assert mentions and all(m.id and m.name for m in mentions)
