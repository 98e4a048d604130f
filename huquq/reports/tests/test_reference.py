"""Every loaded reference figure is found in the seed it cites; totals checks flag what does not add up."""

import dataclasses
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from huquq.reports.models import Observation, ReferenceTable
from huquq.reports.reference_data import (
    ReferenceDataError,
    check_sources,
    number_as_written,
    parse_period,
    read_all,
    read_table,
)
from huquq.reports.selectors import comparisons, table_grid
from huquq.reports.services import load_reference
from huquq.text.quotes import find_quote, seed_text

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@pytest.fixture
def loaded(db):
    return load_reference()


def _seed_texts(seeds_dir):
    return {path.name: seed_text(seeds_dir, path.name) for path in seeds_dir.glob("*.txt")}


@pytest.mark.seeds
def test_every_quote_is_in_the_cited_seed(seeds_dir):
    tables = read_all()
    assert sum(len(t.table_quotes) + sum(len(o.quotes) for o in t.observations) for t in tables) > 50
    assert check_sources(seeds_dir, tables) == []


@pytest.mark.seeds
def test_the_source_check_reports_a_quote_the_seed_does_not_contain_and_an_unknown_seed(seeds_dir):
    table = read_all()[0]
    altered = dataclasses.replace(table, table_quotes=[*table.table_quotes, "a figure nobody printed"])
    missing = dataclasses.replace(table, seed_file="999_0000000000000000.txt")
    problems = check_sources(seeds_dir, [altered, missing])
    assert problems[0] == f"{table.code}: quote not found in {table.seed_file}: 'a figure nobody printed'"
    assert problems[1].startswith(f"{table.code}: seed file '999_0000000000000000.txt' not found")
    assert len(problems) == 2  # an unknown seed is reported once, not once per quote


@pytest.mark.seeds
def test_each_loaded_figure_reproduces_the_seed(loaded, seeds_dir):
    """For every stored figure: its quote is in the seed and states exactly the stored value."""
    checked = 0
    for o in Observation.objects.select_related("table"):
        for part in o.quote.split(" … "):
            find_quote(seeds_dir, o.seed_file, part)  # raises QuoteNotFound, naming the part and the seed
        if o.row_label:  # a printed table row: the value is one of the row's printed numbers
            numbers = [Decimal(n.replace(",", "")) for n in NUMBER.findall(o.quote[len(o.row_label):])]
            assert o.value in numbers, f"{o.row_label}/{o.column_label}: {o.value} not in {o.quote!r}"
        else:  # a headline figure: the words as written are in the quote and state the value
            assert o.as_written and o.as_written in o.quote
            stated = abs(number_as_written(o.as_written, o.unit))
            # "about 900 … thousand": the quote's second passage carries the multiplier.
            assert stated == abs(o.value) or (stated * 1000 == abs(o.value) and "thousand" in o.quote)
        checked += 1
    assert checked == Observation.objects.count() > 250


def test_grid_rows_keep_the_printed_order_and_values(loaded):
    table = ReferenceTable.objects.get(code="oecd-inflows-russia-2000-2010")
    grid = table_grid(table)
    assert grid.columns[:2] == ["2000", "2001"] and len(grid.columns) == 12
    labels = [label for label, _cells in grid.rows]
    assert labels[0] == "Kazakhstan" and labels[-1] == "Total"
    assert labels.index("Viet Nam") == labels.index("China") + 1  # printed between China and Israel
    row = dict(grid.rows)
    assert [c.value for c in row["Tajikistan"][:11]] == [Decimal(v) for v in
        "11.0 6.7 6.0 5.3 3.3 4.7 6.5 17.3 20.7 27.0 18.2".split()]
    assert row["Tajikistan"][11].indicator.code == "foreign-inflow-women-share" and row["Tajikistan"][11].value == 27
    assert row["Other countries"][11] is None  # the source leaves the cell empty
    assert row["Total"][10].value == Decimal("191.7")


@pytest.mark.parametrize("code, breakdown, value", [
    ("fms-stocks-by-citizenship-2016", {"citizenship": "UZ"}, "1755781"),
    ("fms-stocks-by-citizenship-2016", {"citizenship": "TJ"}, "878536"),
    ("russia-entry-bans-2015-2016", {"citizenship": "TJ"}, "333000"),
    ("tajik-migrants-migration-card-2008", {"citizenship": "TJ", "answer": "forged"}, "31.7"),
    ("tajik-migrants-non-registration-2008-2009", {"citizenship": "TJ", "reason": "no_agency_found"}, "39.0"),
    ("tajik-migrants-russian-language-2009", {"citizenship": "TJ", "situation": "documents", "answer": "not_enough"}, "42"),
    ("kazakhstan-migrant-survey-2020", {"problem": "wage_delays"}, "53"),
])
def test_spot_values(loaded, code, breakdown, value):
    values = [o.value for o in Observation.objects.filter(table__code=code) if o.breakdown == breakdown]
    assert values == [Decimal(value)]


def test_tajik_outflow_by_sex(loaded):
    obs = {o.breakdown.get("sex"): o for o in Observation.objects.filter(
        table__code="tajik-labour-outflow-h1-2016", indicator__code="labour-emigrants") if "destination" not in o.breakdown
        or o.breakdown.get("sex") != "all"}
    assert obs["male"].value == 268000 and obs["male"].qualifier == "about"
    assert obs["female"].value == 40500
    assert obs["male"].period_label == "2016-H1" and str(obs["male"].period_start) == "2016-01-01"


def test_remittance_shares_from_several_seeds(loaded):
    seeds = set(Observation.objects.filter(indicator__code="remittances-share-gdp").values_list("seed_file", flat=True))
    assert {s[:3] for s in seeds} == {"001", "002", "003", "004"}


def test_totals_checks_flag_sources_that_do_not_add_up(loaded):
    notes = {t.code: t.check_notes for t in ReferenceTable.objects.all()}
    mismatches = [n["message"] for n in notes["tajik-migrants-non-registration-2008-2009"] if n["status"] == "mismatch"]
    assert len(mismatches) == 1 and "102.8" in mismatches[0]
    # with the Viet Nam row loaded, every year of the OECD table adds up (within rounding): no mismatch, no skip
    oecd = notes["oecd-inflows-russia-2000-2010"]
    assert not [n for n in oecd if n["status"] in ("mismatch", "skipped")]
    rounding = [n for n in notes["tajik-migrants-migration-card-2008"]]
    assert [n["status"] for n in rounding] == ["rounding"]  # 99.8 is within rounding of five one-decimal shares
    assert not notes["tajik-migrants-assistance-2005-2007"]  # every share = respondents / N
    outflow = [n["message"] for n in notes["tajik-labour-outflow-h1-2016"] if n["status"] == "mismatch"]
    assert len(outflow) == 1 and "308500" in outflow[0] and "301500" in outflow[0]
    # "Uzbekistan - 17 out of 33 (51%)": 51.52 % is not 51 % even with rounding; the other nine are
    cis = [n for n in notes["cis-meetings-not-attended-2015"] if n["status"] == "mismatch"]
    assert len(cis) == 1 and cis[0]["message"].startswith("uz_share")


def test_conflicting_estimates_are_kept_side_by_side(loaded):
    conflicts = comparisons(only_conflicts=True)
    tj_2012 = [c for c in conflicts if c.first.indicator.code == "labour-migrants-abroad"
               and c.first.geography == "TJ" and c.first.period_label == "2012"]
    assert len(tj_2012) == 1
    assert sorted(o.value for o in tj_2012[0].observations) == [744360, 1300000]


def test_loader_is_idempotent(loaded):
    count = Observation.objects.count()
    load_reference()
    assert Observation.objects.count() == count


def _write(tmp_path, text):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = """code: t
title: {en: T}
seed: 000_x.txt
indicators: {i: {en: I, unit: persons}}
"""


def test_loader_rejects_a_value_that_differs_from_the_words(tmp_path):
    path = _write(tmp_path, HEAD + """observations:
  - {indicator: i, unit: persons, period: "2016", geography: RU, value: "1000", as_written: "1,001", quote: "1,001 people"}
""")
    with pytest.raises(ReferenceDataError, match="does not match"):
        read_table(path)


def test_loader_rejects_a_figure_without_quote(tmp_path):
    path = _write(tmp_path, HEAD + """observations:
  - {indicator: i, unit: persons, period: "2016", geography: RU, value: "1000"}
""")
    with pytest.raises(ReferenceDataError, match="quoted passage"):
        read_table(path)


def test_grid_total_mismatch_is_flagged_not_corrected(tmp_path):
    path = _write(tmp_path, HEAD + """grid:
  indicator: i
  unit: persons
  geography: RU
  columns: [{period: "2015"}, {period: "2016"}]
  rows:
    - {label: A, breakdown: {x: a}, values: ["10", "4"]}
    - {label: B, breakdown: {x: b}, values: ["5", "6"]}
  total: {label: Total, breakdown: {x: all}, values: ["15", "12"]}
""")
    table = read_table(path)
    assert [c.status for c in table.checks] == ["ok", "mismatch"]
    assert [o.value for o in table.observations if o.breakdown == {"x": "all"}] == [15, 12]


def test_command_reports_checks_and_bad_input(db, tmp_path, capsys):
    call_command("reports", "load-reference")
    out = capsys.readouterr().out
    assert "does not add up" in out and "tables" in out
    with pytest.raises(CommandError, match="not a folder"):
        call_command("reports", "load-reference", "--dir", str(tmp_path / "missing"))
    _write(tmp_path, "code: [")
    with pytest.raises(CommandError, match="not valid YAML"):
        call_command("reports", "load-reference", "--dir", str(tmp_path))


@pytest.mark.parametrize("text, start, end", [
    ("2016", "2016-01-01", "2016-12-31"), ("2016-04", "2016-04-01", "2016-04-30"),
    ("2016-H1", "2016-01-01", "2016-06-30"), ("2005/2007", "2005-01-01", "2007-12-31"),
])
def test_periods(text, start, end):
    assert tuple(str(d) for d in parse_period(text)) == (start, end)


def test_numbers_as_written():
    assert number_as_written("1.3 million", "persons") == 1300000
    assert number_as_written("around USD 2 billion", "million USD") == 2000
    assert number_as_written("11.4 thousand", "thousand crimes") == Decimal("11.4")
    assert number_as_written("nearly half", "%") == 50


# ---- corrected tables (issue 19, data audit 2026-12)

def test_oecd_columns_add_up_with_viet_nam():
    table = next(t for t in read_all() if t.code == "oecd-inflows-russia-2000-2010")
    viet_nam = {o.period: o.value for o in table.observations if o.breakdown == {"citizenship": "VN"}}
    printed = "0.0 0.1 0.2 0.9 0.7 1.0 0.9".split()
    assert viet_nam == {str(y): Decimal(v) for y, v in zip(range(2004, 2011), printed, strict=True)}
    columns = [c for c in table.checks if c.description.startswith("column ")]
    assert len(columns) == 11  # one per year; the women's share column is excluded from checks
    assert all(c.status in ("ok", "rounding") for c in columns), [c.message() for c in columns]
    by_year = {c.description.split(":")[0]: c for c in columns}
    for year in ("2007", "2009", "2010"):  # the three years wrongly flagged before
        assert abs(by_year[f"column {year}"].difference) <= Decimal("0.1")
    assert not table.skipped_rows


def test_remittance_figures_carry_the_seeds_breakdown():
    table = next(t for t in read_all() if t.code == "tajik-migrants-work-and-protection-2009-2012")
    by_indicator = {}
    for o in table.observations:
        by_indicator.setdefault(o.indicator, []).append(o)
    (total,) = by_indicator["remittances-from-russia-usd"]
    assert total.value == 20900 and total.breakdown == {"citizenship": "all", "destination": "all"}
    shares = {o.breakdown["destination"]: o for o in by_indicator["remittances-from-russia-share"]}
    assert shares["CIS"].breakdown == {"citizenship": "all", "destination": "CIS"}  # all migrants, not Tajiks
    assert shares["TJ"].breakdown == {"citizenship": "TJ", "destination": "TJ"}  # "sent by Tajik migrants"


def test_covid_figures_credit_the_human_rights_watch_piece_that_ibid_points_to():
    table = next(t for t in read_all() if t.code == "central-asia-migration-headlines-2020")
    covid = [o for o in table.observations if o.indicator.startswith("covid-")]
    assert len(covid) == 2
    for o in covid:
        assert "Human Rights Watch" in o.publisher and "9 September 2020" in o.publisher
        assert "CABAR" not in o.publisher


@pytest.mark.seeds
def test_note_8_of_the_shadow_report_is_ibid_of_the_hrw_note(seeds_dir):
    text = _seed_texts(seeds_dir)["002_833f41cdaa839972.txt"]
    ibid = text.index("<sup>8</sup> Ibid")  # the notes are printed in blocks at page ends
    previous_note = text.rindex("<sup>7</sup> ", 0, ibid)
    assert text[previous_note:].startswith("<sup>7</sup> Aitkhozhina, Damelya; Human Rights Watch")
    assert "September 9, 2020" in text[previous_note:ibid]


def test_corrected_qualifiers_periods_and_publishers():
    tables = {t.code: t for t in read_all()}
    shares = {o.geography: o for o in tables["central-asia-migration-headlines-2020"].observations
              if o.indicator == "population-living-in-russia"}
    assert {g: o.qualifier for g, o in shares.items()} == {"UZ": "at least", "TJ": "at least", "KG": "at least"}
    bans = [o for o in tables["russia-entry-bans-2015-2016"].observations if o.value == 77000]
    assert bans[0].period == "2015" and "note 84" in bans[0].publisher
    legal = [o for o in tables["fms-stocks-by-citizenship-2016"].observations
             if o.indicator == "foreign-citizens-legally-in-russia"]
    assert legal[0].publisher.startswith("not named in the seed")
    language = tables["tajik-migrants-russian-language-2009"].observations
    assert {o.period for o in language} == {"2008"}  # the same AKF survey as Table 4.2, dated 2008 there
    help_ = [o for o in tables["tajik-migrants-work-and-protection-2009-2012"].observations
             if o.indicator == "migrants-receiving-network-help"]
    assert all("survey year not given" in o.period_label for o in help_)


def test_adb_destination_list_is_loaded_whole():
    table = next(t for t in read_all() if t.code == "tajik-migration-headlines-2008-2013")
    destinations = {o.breakdown["destination"]: o.value for o in table.observations
                    if o.indicator == "migrants-by-destination"}
    assert destinations == {"RU": 97, "KZ": Decimal("0.8"), "CN": Decimal("0.6"), "UZ": Decimal("0.4"),
                            "AE": Decimal("0.3"), "TR": Decimal("0.2"), "AF": Decimal("0.2")}


def test_loader_rejects_a_default_breakdown_merged_into_an_explicit_one(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(
        "code: t\ntitle: {en: T}\nseed: 003_7d9f1d547931b5c5.txt\n"
        "indicators: {x: {en: X, unit: million USD}}\n"
        "defaults: {geography: RU, breakdown: {citizenship: TJ}}\n"
        "observations:\n"
        "  - {indicator: x, unit: million USD, period: '2012', breakdown: {destination: all}, value: '20900',"
        " as_written: '20.9 billion', quote: 'sent 20.9 billion US dollars back home'}\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="leaves out \\['citizenship'\\] given in defaults"):
        read_table(path)


def _figures(code, indicator):
    table = next(t for t in read_all() if t.code == code)
    return [o for o in table.observations if o.indicator == indicator]


def test_the_audits_remaining_figures_are_loaded_with_their_sources():
    """data-audit §4, second batch (issue 19): each figure with its own quote; none reconciled or invented."""
    attacks = {(o.breakdown["counted_by"], o.breakdown["outcome"]): o.value
               for o in _figures("kyrgyz-migrants-further-figures-2012", "racist-attack-victims")}
    assert attacks == {("eurasia_daily_monitor", "killed"): 20, ("eurasia_daily_monitor", "injured"): 130,
                       ("sova", "killed"): 10, ("sova", "injured"): 24}  # side by side, not averaged
    gallup = _figures("kyrgyz-migrants-further-figures-2012", "wish-to-emigrate")[0]
    assert (gallup.value, gallup.qualifier, gallup.geography) == (20, "about", "KG")
    train = _figures("kyrgyz-migrants-further-figures-2012", "project-consultations")[0]
    assert train.value == 273 and "one-off" in train.reliability
    registered = _figures("tajik-migration-further-figures-2008-2013", "labour-migrants-registered-share")[0]
    assert registered.value == 70 and "69.2" in registered.reliability
    police = _figures("tajik-migration-further-figures-2008-2013", "police-relations-worse")[0]
    assert (police.value, police.period, police.publisher) == (80, "2009", "Hemmings (2010:28)")
    households = {o.breakdown["area"]: o.value
                  for o in _figures("tajik-migration-further-figures-2008-2013", "migrant-households-share")}
    assert households == {"all": Decimal("36.8"), "rural": Decimal("42.3"), "urban": 17}
    uses = {o.breakdown["use"]: o.value for o in _figures("tajik-migration-further-figures-2008-2013",
                                                          "remittance-use")}
    assert uses == {"immediate_consumption": 57, "short_term_savings": 12, "long_term_savings": 11}
    staff = _figures("adc-memorial-further-figures-2016", "origin-ministry-staff-abroad")
    budget = _figures("adc-memorial-further-figures-2016", "origin-ministry-budget-abroad")
    assert [o.value for o in staff] == [16] and [o.value for o in budget] == [798984]  # the undated "before" is not
    legalising = _figures("kyrgyz-monitoring-further-figures", "legalisation-funds-needed")[0]
    assert (legalising.value, legalising.qualifier, legalising.geography) == (30000, "at least", "RU-MOW")
