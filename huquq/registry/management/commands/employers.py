"""`huquq employers match|import|rekey`: cluster employer mentions across spellings, load them into the register,
or recompute the register's stored name keys after a change to the normaliser."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from huquq.registry.employers.matching.cluster import MERGE_THRESHOLD, cluster
from huquq.registry.employers.mentions_csv import MentionFileError, read_mentions, write_rows


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.label = label
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        percent = int(100 * done / total)
        if percent == self.last:
            return
        self.last = percent
        filled = percent // 4
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (25 - filled)}] {percent:3d}%")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = ("Employer register: `match` clusters mentions of employers across spellings (CSV in, CSV out); "
            "`import` adds mentions to the register; `rekey` recomputes stored name keys after a normaliser change.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{match,import,rekey}")
        match = sub.add_parser("match", help="cluster mentions: input id,name[,inn,city] -> output id,cluster_id")
        match.add_argument("--input", required=True, help="CSV with columns id,name and optionally inn,city")
        match.add_argument("--output", required=True, help="CSV to write with columns id,cluster_id")
        match.add_argument("--explain", nargs="?", const="-", metavar="FILE",
                           help="explain every merge and every uncertain pair (a,b,score,reason,decision): "
                                "to FILE as CSV, or printed when FILE is left out")
        match.add_argument("--threshold", type=float, default=MERGE_THRESHOLD,
                           help=f"automatic merge score (default {MERGE_THRESHOLD})")
        imp = sub.add_parser("import", help="add mentions to the employer register (matched or new entities)")
        imp.add_argument("--input", required=True, help="CSV with columns id,name and optionally inn,city")
        imp.add_argument("--kind", default="employer", choices=["employer", "intermediary", "recruitment_agency"])
        sub.add_parser("rekey", help="recompute every employer name key and duplicate-decision key (after a change "
                                     "to the normaliser or the spelling skeleton; a second run changes nothing)")

    def handle(self, *args, **options):
        if options["action"] == "rekey":
            return self._rekey()
        try:
            mentions = read_mentions(options["input"])
        except MentionFileError as exc:
            raise CommandError(f"{options['input']}: {exc}\nNothing was written.") from None
        if options["action"] == "match":
            return self._match(mentions, options)
        return self._import(mentions, options)

    def _rekey(self):
        from huquq.registry.employers import services
        from huquq.registry.employers.models import DuplicateDecision, Employer, EmployerName

        total = Employer.objects.count() + EmployerName.objects.count() + DuplicateDecision.objects.count()
        bar, done = ProgressBar("rekey"), 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            bar(done, total)

        counts = services.rekey_names(progress=tick)
        self.stdout.write(f"{counts.names} name keys and {counts.decisions} duplicate decisions recomputed"
                          + (f"; {counts.decisions_kept} decisions left on their old keys (their names now "
                             "fold alike, or a later decision holds the pair)" if counts.decisions_kept else ""))

    def _match(self, mentions, options):
        result = cluster(mentions, threshold=options["threshold"], decisions=_decisions(),
                         progress=ProgressBar("matching"))
        explained = [(m.a, m.b, m.score, m.reason, "merged") for m in result.merges]
        explained += [(m.a, m.b, m.score, m.reason, "for a moderator") for m in result.review]
        try:
            write_rows(options["output"], ["id", "cluster_id"], ((m.id, result.labels[m.id]) for m in mentions))
            if options.get("explain") and options["explain"] != "-":
                write_rows(options["explain"], ["a", "b", "score", "reason", "decision"], explained)
        except OSError as exc:
            raise CommandError(f"cannot write {exc.filename}: {exc.strerror}") from None
        self.stdout.write(f"{len(mentions)} mentions -> {result.stats['clusters']} entities "
                          f"({result.stats['identifier_merges']} identifier merges, "
                          f"{result.stats['name_merges'] + result.stats['exact_name_merges']} name merges, "
                          f"{len(result.review)} uncertain pairs for a moderator); wrote {options['output']}")
        if options.get("explain") == "-":
            for a, b, score, reason, decision in explained:
                self.stdout.write(f"{a} + {b}: {decision}, score {score:g} ({reason})")

    def _import(self, mentions, options):
        from huquq.registry.employers import services
        from huquq.registry.employers.models import EmployerName

        result = cluster(mentions, decisions=_decisions(), progress=ProgressBar("matching"))
        clusters = result.clusters()
        by_id = {m.id: m for m in mentions}
        created = matched = 0
        bar = ProgressBar("importing")
        with transaction.atomic():
            for done, ids in enumerate(clusters.values(), 1):
                group = [by_id[i] for i in ids]
                first = next((m for m in group if m.inn), group[0])
                entity, reason = services.record_mention(first.name, inn=first.inn, city=first.city,
                                                         kind=options["kind"], source=EmployerName.Source.IMPORT)
                created += reason == "new entity"
                matched += reason != "new entity"
                for m in group:
                    if m is not first:
                        services.record_mention(m.name, inn=m.inn, city=m.city, kind=options["kind"],
                                                source=EmployerName.Source.IMPORT)
                bar(done, len(clusters))
        self.stdout.write(f"{len(mentions)} mentions in {len(clusters)} groups: {created} new entities, "
                          f"{matched} matched existing entities")


def _decisions():
    """Moderators' duplicate decisions from the register; none when the database is not set up."""
    from django.db import DatabaseError

    from huquq.registry.employers.matching.cluster import Decisions
    from huquq.registry.employers.selectors import decisions

    try:
        return decisions()
    except DatabaseError:
        return Decisions()
