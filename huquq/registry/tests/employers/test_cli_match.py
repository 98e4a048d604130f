"""`huquq employers match|import`: output for every row, and clear errors naming the row on bad input."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from huquq.registry.employers.models import Employer
from huquq.registry.management.commands.employers import ProgressBar

pytestmark = pytest.mark.django_db  # `match` reads the moderators' duplicate decisions from the register


def _run(tmp_path, content, *, encoding="utf-8", extra=()):
    source = tmp_path / "mentions.csv"
    source.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    target = tmp_path / "clusters.csv"
    out = io.StringIO()
    call_command("employers", "match", "--input", str(source), "--output", str(target), *extra, stdout=out)
    return target, out.getvalue()


def test_match_writes_a_cluster_for_every_row(tmp_path):
    target, out = _run(tmp_path, "id,name,inn,city\n"
                                 "1,ООО «СтройИнвест»,7707083893,Москва\n"
                                 "2,OOO Stroyinvest,,Moscow\n"
                                 "3,Строй-Инвест ООО,7707083893,\n"
                                 "4,ООО СтройСервис,,Москва\n"
                                 "5,ТОО Алтын Тау,,Алматы\n")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    labels = {r["id"]: r["cluster_id"] for r in rows}
    assert labels["1"] == labels["2"] == labels["3"]
    assert len({labels["1"], labels["4"], labels["5"]}) == 3
    assert "5 mentions -> 3 entities" in out


def test_explain_file_gives_a_reason_for_every_merge(tmp_path):
    explain = tmp_path / "merges.csv"
    _run(tmp_path, "id,name,inn\n1,ООО Ромашка,7707083893\n2,Совсем другое,7707083893\n",
         extra=("--explain", str(explain)))
    rows = list(csv.DictReader(explain.open(encoding="utf-8")))
    assert rows == [{"a": "1", "b": "2", "score": "100.0", "reason": "same INN", "decision": "merged"}]


def test_explain_without_a_file_prints_merges_and_uncertain_pairs(tmp_path):
    _target, out = _run(tmp_path, "id,name,city\n1,ООО Ромашка,Москва\n2,OOO Romashka,Moscow\n"
                                  "3,ООО Арман Строй,Алматы\n4,ООО Армат Строй,Алматы\n", extra=("--explain",))
    assert "1 + 2: merged, score 100 (same normalised name + same city)" in out
    assert "3 + 4: for a moderator, score" in out
    assert "1 uncertain pairs for a moderator" in out


BAD = [
    ("id,title\n1,Ромашка\n", "line 1 (header): missing column name"),
    ("id,name\n1,Ромашка\n2,\n", "line 3 (id 2): empty name"),
    ("id,name,inn\n1,Ромашка,\n2,Лютик,7707083894\n", "line 3 (id 2): inn '7707083894' is not a valid"),
    ("id,name\n1,Ромашка\n1,Лютик\n", "line 3 (id 1): id repeats line 2"),
    ("id,name\n1,Ромашка\n2,Лютик,extra\n", "line 3: expected 2 fields"),
    ("", "line 1: the file is empty"),
]


@pytest.mark.parametrize(("content", "message"), BAD)
def test_bad_csv_names_the_row_and_writes_nothing(tmp_path, content, message):
    with pytest.raises(CommandError) as excinfo:
        _run(tmp_path, content)
    assert message in str(excinfo.value)
    assert "Nothing was written" in str(excinfo.value)
    assert not (tmp_path / "clusters.csv").exists()


def test_bad_encoding_names_the_line(tmp_path):
    content = b"id,name\n1,Romashka\n2," + "Ромашка".encode("cp1251") + b"\n"
    with pytest.raises(CommandError) as excinfo:
        _run(tmp_path, content)
    assert "line 3: the file is not UTF-8" in str(excinfo.value)
    assert not (tmp_path / "clusters.csv").exists()


def test_an_existing_output_is_left_untouched_on_error(tmp_path):
    target = tmp_path / "clusters.csv"
    target.write_text("old\n")
    with pytest.raises(CommandError):
        _run(tmp_path, "id,name\n1,\n")
    assert target.read_text() == "old\n"


def test_missing_input_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("employers", "match", "--input", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "o"))


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    quiet, loud = io.StringIO(), Tty()
    for stream in (quiet, loud):
        bar = ProgressBar("matching", stream)
        for i in range(1, 5):
            bar(i, 4)
    assert quiet.getvalue() == ""
    assert "100%" in loud.getvalue()


def test_import_adds_mentions_to_the_register(tmp_path, db):
    source = tmp_path / "mentions.csv"
    source.write_text("id,name,inn,city\n1,ООО «СтройИнвест»,7707083893,Москва\n2,OOO Stroyinvest,,Moscow\n"
                      "3,ООО Ромашка,,Казань\n", encoding="utf-8")
    out = io.StringIO()
    call_command("employers", "import", "--input", str(source), stdout=out)
    assert Employer.objects.count() == 2
    stroy = Employer.objects.get(inn="7707083893")
    assert set(stroy.names.values_list("name", flat=True)) == {"ООО «СтройИнвест»", "OOO Stroyinvest"}
    call_command("employers", "import", "--input", str(source), stdout=out)  # idempotent on a second run
    assert Employer.objects.count() == 2
