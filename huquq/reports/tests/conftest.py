import sys
import types

import pytest

from huquq.reports import synthetic


@pytest.fixture
def casework_provider(monkeypatch):
    """Stand in for huquq.cases.selectors with the synthetic fixture tables."""
    module = types.ModuleType("huquq.cases.selectors")
    module.violation_facts = synthetic.synthetic_violation_facts
    module.outcome_facts = synthetic.synthetic_outcome_facts
    monkeypatch.setitem(sys.modules, "huquq.cases.selectors", module)
    return module


@pytest.fixture
def no_casework(monkeypatch):
    monkeypatch.setitem(sys.modules, "huquq.cases.selectors", None)
