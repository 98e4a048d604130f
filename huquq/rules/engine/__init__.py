"""Huquq's rules engine: a dated, cited rulebook evaluated for one person on one date.

Pure Python (PyYAML, Babel); it must never import Django, so that bots, benchmarks and other tools can use it
alone. The Django app around it (huquq.rules) adds the CLI, the web page and lawyers' reviewed changes.
"""

from .evaluate import ProfileError, evaluate, parse_date, parse_profile, parse_profile_json, status
from .model import CORE_TOPICS, TOPICS, Answer, Item, Profile
from .rulebook import RULEBOOK_DIR, Rulebook, RulebookError, check, default_rulebook, parse_rule_text

__all__ = [
    "CORE_TOPICS", "RULEBOOK_DIR", "TOPICS", "Answer", "Item", "Profile", "ProfileError", "Rulebook", "RulebookError",
    "check", "default_rulebook", "evaluate", "parse_date", "parse_profile", "parse_profile_json",
    "parse_rule_text", "status",
]
