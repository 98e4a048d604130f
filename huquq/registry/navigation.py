"""Menu items and home cards of the registry app (help directory: registry/directory/navigation.py)."""

from .directory.navigation import items as directory_items


def items(request):
    return [*directory_items(request)]
