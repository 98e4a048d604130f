from .directory import admin as directory_admin  # noqa: F401  (help directory admin, issue 4)
