"""Staff reminders (assignee e-mail, calendar feed) and the SMS backends."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from huquq.cases import services as case_services
from huquq.channels import sms, staff


@pytest.fixture
def case_with_deadline(org_a, make_user):
    worker = make_user(org_a, "caseworker", email="worker@example.org")
    case = case_services.create_case(actor=worker, organisation=org_a, title="Unpaid wages")
    today = dt.date.today()
    soon = case_services.add_deadline(case, actor=worker, due_on=today + dt.timedelta(days=3), title="court")
    case_services.add_deadline(case, actor=worker, due_on=today + dt.timedelta(days=30), title="later")
    return worker, case, soon


def test_a_deadline_is_assigned_to_its_author_by_default(case_with_deadline, org_b, make_user):
    worker, case, soon = case_with_deadline
    assert soon.assignee == worker
    outsider = make_user(org_b, "caseworker")
    with pytest.raises(ValidationError):
        case_services.add_deadline(case, actor=worker, due_on=dt.date.today(), title="x", assignee=outsider)


def test_assignees_get_one_email_a_day_for_deadlines_this_week(case_with_deadline):
    worker, case, _soon = case_with_deadline
    assert staff.remind_assignees() == {"emails": 1, "deadlines": 1}
    assert mail.outbox[0].to == ["worker@example.org"]
    assert case.reference in mail.outbox[0].body and "court" in mail.outbox[0].body
    assert "later" not in mail.outbox[0].body
    assert staff.remind_assignees() == {"emails": 0, "deadlines": 0}


def test_calendar_feed_is_secret_and_revocable(client, case_with_deadline):
    worker, case, _soon = case_with_deadline
    path = staff.issue_feed(worker)
    body = client.get(path).content.decode()
    assert "BEGIN:VCALENDAR" in body and case.reference in body and "later" in body
    newer = staff.issue_feed(worker)
    assert client.get(path).status_code == 404  # the old link stops working
    assert client.get(newer).status_code == 200
    staff.revoke_feed(worker)
    assert client.get(newer).status_code == 404


def test_calendar_settings_page(client, case_with_deadline):
    worker, _case, _soon = case_with_deadline
    client.force_login(worker)
    url = reverse("channels:calendar")
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "issue"})
    assert "/calendar/" in response.content.decode()
    assert client.post(url, {"action": "revoke"}).status_code == 302


@pytest.mark.parametrize(("text", "parts"), [
    ("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("a" * 307, 3),
    ("я" * 70, 1), ("я" * 71, 2), ("я" * 134, 2), ("я" * 135, 3),
    ("Huquq: " + "a" * 151 + "€", 1), ("Huquq: " + "a" * 152 + "€", 2),  # € takes two GSM-7 places
])
def test_sms_parts_follow_gsm7_and_ucs2_limits(text, parts):
    assert len(sms.split_sms(text)) == parts


@given(st.text(alphabet="абвгд ежзийклмнопрстуфхцчшщыэюяқғӯҳҷ", min_size=1, max_size=400))
def test_cyrillic_sms_parts_never_exceed_70_or_67(text):
    parts = sms.split_sms(text)
    limit = 70 if len(parts) == 1 else 67
    assert all(len(p) <= limit for p in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")


def test_memory_backend_records_messages(settings):
    settings.SMS_BACKEND = "huquq.channels.sms.MemorySMSBackend"
    sms.MemorySMSBackend.outbox.clear()
    sms.send_sms("+79000000000", "Срок через 7 дней. " * 5)
    assert sms.MemorySMSBackend.outbox[0].to == "+79000000000"
    assert len(sms.MemorySMSBackend.outbox[0].parts) == 2


def test_http_gateway_backend_posts_json():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            received.append((self.headers["Authorization"],
                             json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
            self.send_response(200)
            self.end_headers()

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.handle_request, daemon=True).start()
    backend = sms.HTTPGatewaySMSBackend(url=f"http://127.0.0.1:{server.server_port}/send", token="t0k")
    backend.send("+7900", "привет")
    server.server_close()
    assert received == [("Bearer t0k", {"to": "+7900", "text": "привет", "parts": ["привет"]})]
