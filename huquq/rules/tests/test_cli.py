"""`huquq status` and `huquq rules check` through the real console script."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HUQUQ = [sys.executable, "-c", "import sys; from huquq.cli import main; sys.exit(main())"]
PROFILE = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01",
           "employment": "legal_entity"}


def run(args, stdin=None, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(HUQUQ + args, input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE), encoding="utf-8")
    return path


def test_status_json_shape(profile_file):
    out = run(["status", str(profile_file), "--on", "2016-03-02", "--json", "--lang", "en"])
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["as_of"] == "2016-03-02"
    reg = next(i for i in data["items"] if "ru.registration.cis.7d" in i["rule_ids"])
    assert reg["kind"] == "obligation" and reg["due"] == "2016-03-08" and reg["mandatory"] is True
    assert reg["document"] == "registration"
    assert reg["sources"][0]["document"].endswith(".txt") and reg["sources"][0]["quote"]
    work = next(i for i in data["items"] if i["topic"] == "work_authorization" and i["document"] == "patent")
    assert work["kind"] == "obligation"
    for item in data["items"]:
        assert set(item) >= {"topic", "kind", "due", "document", "mandatory", "text", "sources"}


def test_status_from_stdin_human_output():
    out = run(["status", "-", "--on", "2016-03-02", "--lang", "en"], stdin=json.dumps(PROFILE))
    assert out.returncode == 0, out.stderr
    assert "[MUST] registration - by 2016-03-08" in out.stdout
    assert "003_7d9f1d547931b5c5.txt" in out.stdout
    assert "source written: 2016-12-31 (rule ru.registration.cis.7d)" in out.stdout
    assert "Not confirmed by a lawyer." in out.stdout


@pytest.mark.parametrize("args,stdin,needle", [
    (["status", "-", "--on", "2016-03-02"], "{oops", "malformed JSON"),
    (["status", "-", "--on", "2016-03-02"], json.dumps(dict(PROFILE, citizenship="XX")), "citizenship"),
    (["status", "-", "--on", "2016-02-01"], json.dumps(PROFILE), "entry_date"),
    (["status", "-", "--on", "2016-02-31"], json.dumps(PROFILE), "--on"),
    (["status", "-", "--lang", "fr"], json.dumps(PROFILE), "--lang"),
    (["status", "/nonexistent/profile.json"], None, "not found"),
])
def test_status_errors_exit_2_without_traceback(args, stdin, needle):
    out = run(args, stdin=stdin)
    assert out.returncode == 2
    assert needle in out.stderr
    assert "Traceback" not in out.stderr


def test_rules_check_passes_on_shipped_rulebook(seeds_dir):
    out = run(["rules", "check", "--require-seeds", "--seeds", str(seeds_dir)])
    assert out.returncode == 0, out.stderr
    assert "quotes checked against the seeds" in out.stdout


def test_rules_check_without_seeds_warns(tmp_path):
    out = run(["rules", "check", "--seeds", str(tmp_path / "none")])
    assert out.returncode == 0
    assert "quotes NOT checked" in out.stdout
    out = run(["rules", "check", "--require-seeds", "--seeds", str(tmp_path / "none")])
    assert out.returncode == 2


@pytest.mark.parametrize("args", [["--on", "9999-12-31"], ["--on", "2100-01-01"]])
def test_dates_out_of_range_give_a_message_not_a_traceback(profile_file, args):
    out = run(["status", str(profile_file), *args])
    assert out.returncode == 2
    assert "out of range" in out.stderr and "Traceback" not in out.stderr


def test_json_carries_schema_overdue_days_left_and_stay(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"citizenship": "UZ", "host_country": "RU", "region": "RU-MOW",
                                "entry_date": "2026-01-10", "stays": [{"entry": "2025-03-01", "exit": "2025-03-10"}]}))
    out = run(["status", str(path), "--on", "2026-04-15", "--json", "--lang", "en"])
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == 2
    stay = next(i for i in data["items"] if "ru.stay.limit.90_year" in i["rule_ids"])
    assert stay["due"] == "2026-04-09" and stay["days_left"] == -6 and stay["overdue"] is True and stay["what_now"]
    web = next(s for s in stay["sources"] if "retrieved" in s)
    assert web["url"].startswith("https://") and web["title"] and web["retrieved"] == "2026-12-02"
