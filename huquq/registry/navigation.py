"""Menu items and home cards of the registry app; each domain of the app contributes its own list."""

from .directory.navigation import items as directory_items
from .employers.navigation import items as employer_items


def items(request):
    return [*directory_items(request), *employer_items(request)]
