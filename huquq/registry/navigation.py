"""Menu items of the registry app; each part of the app contributes its own list."""

from .navigation_employers import items as employer_items


def items(request):
    return [*employer_items(request)]
