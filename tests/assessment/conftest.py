"""An app around the wizard on the demo workspace (tests/conftest.py: demo_ws, built once)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from kamtui.services.context import Context

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


@pytest.fixture
def ctx(demo_ws) -> Context:
    return Context(demo_ws, today=dt.date(2026, 11, 26), user="tester")
