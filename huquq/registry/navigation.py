"""Menu items and home cards of the registry app; each part of the app contributes its own list."""

from .directory.navigation import items as directory_items
from .navigation_employers import items as employer_items


def items(request):
    return [*directory_items(request), *employer_items(request)]
