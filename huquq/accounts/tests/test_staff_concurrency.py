"""Two administrators demoting (or deactivating) each other at the same moment must leave one administrator.

Real transactions in two threads. On PostgreSQL the organisation row lock (SELECT ... FOR UPDATE) orders them;
on SQLite (file test database) a write transaction (BEGIN IMMEDIATE) excludes the other writer.
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from huquq.accounts import services
from huquq.accounts.models import User

ROUNDS = 5


def _race(first, second, change):
    barrier = threading.Barrier(2)
    outcomes = {}

    def act(actor, member):
        try:
            barrier.wait()
            change(actor, member)
            outcomes[actor.username] = "done"
        except (services.StaffError, PermissionDenied) as exc:
            outcomes[actor.username] = type(exc).__name__
        except Exception as exc:  # reported by the assertion below, not lost in the thread
            outcomes[actor.username] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(first, second)), threading.Thread(target=act, args=(second, first))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", [
    lambda actor, member: services.change_role(actor=actor, member=member, role="caseworker"),
    lambda actor, member: services.set_active(actor=actor, member=member, active=False),
], ids=["demote", "deactivate"])
def test_two_admins_demoting_each_other_leave_one(make_org, make_user, change):
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db()), "needs a file database"
    for n in range(ROUNDS):
        org = make_org(f"Race {n}")
        first = make_user(org, "org_admin", username=f"first-{n}")
        second = make_user(org, "org_admin", username=f"second-{n}")
        outcomes = _race(first, second, change)
        results = sorted(outcomes.values(), key=lambda r: r != "done")
        assert len(results) == 2 and results[0] == "done", outcomes
        assert results[1] in ("PermissionDenied", "StaffError"), outcomes
        admins = User.objects.filter(organisation=org, role="org_admin", is_active=True)
        assert admins.count() == 1, outcomes
        assert services.active_admin_count(org.pk) == 1
