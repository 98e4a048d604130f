"""Django's hook for the registry app's models: it imports `<app>.models` to find them.

The app holds two domains, each in its own subpackage with the same shape (models, selectors, services,
views, forms, urls, navigation, demo): the employer register and warnings list in `registry.employers`, the
help directory in `registry.directory`. Code imports models from those subpackages, never from here; this
module only makes Django load them (they keep the app label `registry` and their table names).
"""

from .directory import models as directory_models  # noqa: F401
from .employers import models as employer_models  # noqa: F401
