"""huquq.text.quotes: the one "quote must be found in its seed" rule, used by every app that cites seeds."""

import os

import pytest

from huquq.text import quotes
from huquq.text.quotes import (
    QuoteError,
    QuoteNotFound,
    SeedNotFound,
    contains,
    find_quote,
    normalise,
    quote_problem,
)

SEED = "001_0123456789abcdef.txt"


@pytest.fixture
def seeds(tmp_path):
    (tmp_path / SEED).write_text("Article 13.\tForeign citizens\n  may work\u00a0under a «patent»\n\nissued by "
                                 "the  Ministry.\n", encoding="utf-8")
    return tmp_path


def test_normalise_collapses_every_whitespace_run_and_trims():
    assert normalise("  a\tb\n\nc\u00a0d\u2009e \r\n") == "a b c d e"
    assert normalise("") == ""


def test_the_rule_matches_the_two_spellings_the_apps_used_before():
    # `" ".join(s.split())` (rules, reference data) and `re.sub(r"\s+", " ", s).strip()` (directory,
    # vocabularies) agree on every code point, so moving all four to one function changes no result.
    import re
    import sys

    differ = [c for c in range(sys.maxunicode + 1)
              if (re.fullmatch(r"\s", chr(c)) is None) != (not chr(c).isspace())]
    assert differ == []
    sample = "x\x1cy\x85z\u3000w  \t v"
    assert normalise(sample) == re.sub(r"\s+", " ", sample).strip()


def test_a_quote_is_found_across_line_breaks_tabs_and_no_break_spaces(seeds):
    position = find_quote(seeds, SEED, "Foreign citizens may work under a «patent» issued by the Ministry.")
    assert position == len("Article 13. ")
    assert quote_problem(seeds, SEED, "13.\nForeign") is None


@pytest.mark.parametrize("quote", [
    "foreign citizens may work",          # case is not folded
    'under a "patent"',                   # typographic quotes are not folded
    "Foreign citizens may work under a patent",  # punctuation is not dropped
    "issued by the Ministry of Labour",   # not in the seed
])
def test_anything_but_whitespace_must_match_exactly(seeds, quote):
    with pytest.raises(QuoteNotFound) as caught:
        find_quote(seeds, SEED, quote)
    assert str(caught.value) == f"quote not found in {SEED}: {quote!r}"
    assert caught.value.seed == SEED and caught.value.quote == quote


@pytest.mark.parametrize("quote", ["", "   \n\t"])
def test_an_empty_quote_is_found_nowhere(seeds, quote):
    with pytest.raises(QuoteNotFound):
        find_quote(seeds, SEED, quote)
    assert not contains("any text", quote)


def test_a_long_quote_is_shown_cut_to_80_characters_in_the_error(seeds):
    quote = "x" * 200
    assert quote_problem(seeds, SEED, quote) == f"quote not found in {SEED}: {'x' * 80!r}"


@pytest.mark.parametrize("name", ["002_0000000000000000.txt", "", "."])
def test_a_missing_seed_file_is_its_own_error_naming_the_folder(seeds, name):
    with pytest.raises(SeedNotFound) as caught:
        find_quote(seeds, name, "Foreign citizens")
    assert isinstance(caught.value, QuoteError) and isinstance(caught.value, LookupError)
    assert str(caught.value) == f"seed file {name!r} not found in {seeds}"
    assert quotes.seed_text(seeds, name) is None


def test_a_changed_seed_file_is_read_again(seeds):
    path = seeds / SEED
    assert quote_problem(seeds, SEED, "Ministry of Labour") is not None
    before = path.stat()
    path.write_text("issued by the Ministry of Labour and Social Protection", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert quote_problem(seeds, SEED, "Ministry of Labour") is None


def test_contains_compares_both_sides_normalised():
    assert contains("a\n b\tc", "a b c")
    assert contains("a b c", " b\nc ")
    assert not contains("a b c", "a  c")


@pytest.mark.seeds
def test_every_app_that_cites_seeds_reports_a_missing_quote_through_the_shared_check(seeds_dir, monkeypatch):
    """The rulebook, the help directory and the vocabularies give the same error for the same fault."""
    from huquq.cases import vocab
    from huquq.registry.directory import citations
    from huquq.rules.engine.rulebook import _seed_source

    seed = "003_7d9f1d547931b5c5.txt"
    expected = f"quote not found in {seed}: 'a sentence nobody wrote here'"
    problems: list[str] = []
    _seed_source({"document": seed, "quote": "a sentence nobody wrote here"}, "rule x", problems, seeds_dir)
    assert problems == [f"rule x: {expected}"]
    directory = citations.check_entries({"excluded": [{"name": "N", "file": seed,
                                                       "quote": "a sentence nobody wrote here"}]}, seeds_dir)
    assert directory == [f"excluded 'N': {expected}"]
    # the vocabularies check the shipped files: point one term at a missing quote
    term = next(iter(vocab.violation_types().values()))
    altered = {**vocab.violation_types(),
               term.code: vocab.ViolationType(code=term.code, labels=term.labels, definitions=term.definitions,
                                              source=vocab.Source(seed=seed, quote="a sentence nobody wrote here"))}
    monkeypatch.setattr(vocab, "violation_types", lambda: altered)
    assert f"violation type {term.code}: {expected}" in vocab.check_sources(seeds_dir)
