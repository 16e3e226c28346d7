"""An app around the wizard on the demo workspace (tests/conftest.py: demo_ws, built once)."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.services.context import Context


@pytest.fixture
def ctx(demo_ws) -> Context:
    return Context(demo_ws, today=dt.date(2026, 11, 26), user="tester")
