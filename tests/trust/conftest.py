"""The trust tests: a demo workspace that another program has filled with hostile text."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # hostile.py, shared by these tests

from hostile import CLEAN_USER, act_as, add_drafts, poison  # noqa: E402


@pytest.fixture
def hostile_file(tmp_path: Path, demo_template: Path) -> Path:
    """A closed copy of the demo with hostile text in every free-text column, hostile assessment
    drafts for CLEAN_USER and a colleague, and CLEAN_USER the login of a busy team member."""
    folder = tmp_path / "ws"
    folder.mkdir()
    path = folder / "hostile.sqlite"
    shutil.copy(demo_template, path)
    poison(path)
    add_drafts(path, CLEAN_USER)
    act_as(path, CLEAN_USER)
    return path
