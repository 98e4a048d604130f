"""Demo data for the rules app: the rulebook is files, so there is nothing to load; report its size."""

from huquq.rules.engine import default_rulebook


def load() -> str:
    book = default_rulebook()
    unconfirmed = sum(1 for r in book.rules if not r.confirmed)
    return (f"rulebook: {len(book.rules)} rules ({unconfirmed} not yet confirmed by a lawyer), "
            f"{len(book.memberships)} dated group memberships; try /ru/rules/ or `huquq status`")
