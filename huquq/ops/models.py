from django.db import models


class DataVersion(models.Model):
    """A counter per kind of public data, raised after every committed change to it (see ops.fragments).

    Rendered public fragments are cached per process under the counter's value, so a change made through any
    worker reaches every worker on its next request."""

    name = models.CharField(max_length=40, primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
