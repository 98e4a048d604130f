"""Concurrent appends must form one unbroken chain: real transactions in threads, on SQLite and PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from huquq.accounts import audit
from huquq.accounts.models import AuditEntry

THREADS, APPENDS = 8, 25


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_form_one_chain():
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db()), "needs a file database"
    audit.record(None, "create", object_type="test.start")  # creates the head row before the race
    barrier = threading.Barrier(THREADS)
    errors = []

    def writer(n):
        try:
            barrier.wait()
            for i in range(APPENDS):
                audit.record(None, "view", object_type="test.thread", object_id=f"{n}-{i}")
        except Exception as exc:  # reported below; a thread's exception would otherwise vanish
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) == 1 + THREADS * APPENDS
    prev = [e.prev_hash for e in entries]
    assert len(set(prev)) == len(prev), "two entries chained onto the same previous entry"
    report = audit.verify_chain()
    assert report.ok, report.reason
    assert report.checked == len(entries)
