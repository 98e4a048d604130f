"""`huquq keys rewrap|status`: bind every encrypted value to its row (enc1 → enc2) and report key use.

`rewrap` re-encrypts each value that is not yet enc2 under the current key (see crypto.py): enc1 values,
bound only to their field, become enc2, bound to table, row and field. It reads ciphertext, commits batch by
batch and skips what is done, so it can be interrupted and run again. `status` counts values per format and
key id, and changes nothing.
"""

from django.core.management.base import BaseCommand

from huquq.accounts import audit
from huquq.cases import crypto, services
from huquq.cases.management.commands.cases import _progress


class Command(BaseCommand):
    help = "Bind encrypted values to their row (`rewrap`: enc1 to enc2, resumable) or count them (`status`)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rewrap = sub.add_parser("rewrap", help="Re-encrypt enc1 values (and values under older keys) as enc2.")
        rewrap.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")
        sub.add_parser("status", help="Count encrypted values by format and key id (changes nothing).")

    def handle(self, *args, **options):
        if options["action"] == "status":
            return self._status()
        total = sum(m._base_manager.count() for m, _f in services.encrypted_columns())
        done = services.rewrap_values(progress=_progress(total, "rewrap"), batch_size=max(1, options["batch_size"]))
        audit.record(None, "update", object_type="cases.keys", detail={"rewrapped": done})
        self.stdout.write(f"re-encrypted {done} values as enc2 under key {crypto.current_key().kid}")
        return None

    def _status(self):
        from django.db import connection

        qn = connection.ops.quote_name
        for model, fields in services.encrypted_columns():
            for field in fields:
                column, table = qn(field.column), qn(model._meta.db_table)
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT SUBSTR({column}, 1, 13), COUNT(*) FROM {table} "
                                   f"WHERE {column} LIKE 'enc%%' GROUP BY SUBSTR({column}, 1, 13) ORDER BY 1")
                    for head, count in cursor.fetchall():
                        self.stdout.write(f"{model._meta.db_table}.{field.column}\t{head[:4]}\t{head[5:13]}\t{count}")
        return None
