from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from huquq.languages import selectors, services


class Command(BaseCommand):
    help = "Translation review per language (status, approve, withdraw) and the generated Uzbek Cyrillic catalogue."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="which languages a fluent lawyer has approved")
        approve = sub.add_parser("approve", help="record a fluent lawyer's approval of a language (audited)")
        approve.add_argument("language")
        approve.add_argument("--reviewer", required=True, help="name of the fluent lawyer who reviewed it")
        approve.add_argument("--by", help="username recording the approval (for the audit log)")
        approve.add_argument("--note", default="")
        withdraw = sub.add_parser("withdraw", help="withdraw a language's approval (audited)")
        withdraw.add_argument("language")
        withdraw.add_argument("--by", help="username recording the withdrawal")
        sub.add_parser("build-uz-cyrl", help="generate the Uzbek Cyrillic catalogues from the Latin ones")

    def _actor(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"no user {username!r}") from exc

    def handle(self, *args, action, **options):
        try:
            if action == "status":
                for code, review in selectors.review_status(services.reviewable_languages()).items():
                    state = f"reviewed by {review.reviewer_name} on {review.approved_at:%Y-%m-%d}" if review \
                        else "not yet reviewed (pages show the notice)"
                    self.stdout.write(f"{code}: {state}")
            elif action == "approve":
                services.approve(self._actor(options["by"]), options["language"], options["reviewer"], options["note"])
                self.stdout.write(f"{options['language']}: approved")
            elif action == "withdraw":
                services.withdraw(self._actor(options["by"]), options["language"])
                self.stdout.write(f"{options['language']}: approval withdrawn")
            elif action == "build-uz-cyrl":
                from huquq.languages.uz_cyrl import build_catalogues, build_django_catalogue

                for path in [*build_catalogues(), build_django_catalogue()]:
                    self.stdout.write(f"wrote {path}")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
