"""Where workspaces and the config file live, and a demo dated around the day it is built."""

from __future__ import annotations

import json
import os
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamtui import paths
from kamtui.cli import cli
from kamtui.errors import KamtuiError


@pytest.fixture
def bare(monkeypatch, tmp_path) -> Path:
    """No KAMTUI_WORKSPACES, a home of its own, started in an empty folder."""
    monkeypatch.delenv("KAMTUI_WORKSPACES")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    return tmp_path


def test_workspaces_default_to_the_user_data_folder(bare):
    assert paths.workspaces_dir() == bare / "data" / "kamtui" / "workspaces"
    assert paths.config_file() == bare / "config" / "kamtui" / "config.toml"


def test_an_existing_local_workspaces_folder_is_still_found(bare):
    (bare / "cwd" / "workspaces").mkdir()
    assert paths.workspaces_dir() == Path("workspaces")


def test_the_config_file_names_the_folder_and_the_environment_overrides_it(bare, monkeypatch):
    (bare / "config" / "kamtui").mkdir(parents=True)
    paths.config_file().write_text('workspaces = "~/teams"\n')
    (bare / "cwd" / "workspaces").mkdir()
    assert paths.workspaces_dir() == Path("~/teams").expanduser()
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(bare / "env"))
    assert paths.workspaces_dir() == bare / "env"


def test_a_config_file_that_is_no_toml_is_one_sentence(bare):
    (bare / "config" / "kamtui").mkdir(parents=True)
    paths.config_file().write_text("workspaces = [unclosed\n")
    with pytest.raises(KamtuiError) as caught:
        paths.workspaces_dir()
    assert "config.toml is not valid TOML" in caught.value.message("en")
    assert "不是有效的 TOML" in caught.value.message("zh")
    r = CliRunner().invoke(cli, ["report"])
    assert r.exit_code == 1


def test_the_demo_is_dated_around_the_day_it_is_built(tmp_path):
    """Built a year and a half later and reported on that day, it shows the same living plan as
    built and reported on the day it was written for: nothing more is overdue."""
    from kamtui.services.demo_content import DEMO_TODAY

    later = DEMO_TODAY + dt.timedelta(days=550)
    runner = CliRunner()
    reports = {}
    for name, day in (("fixed", DEMO_TODAY), ("later", later)):
        path = str(tmp_path / f"{name}.sqlite")
        assert runner.invoke(cli, ["demo", path, "--no-open", "--today", day.isoformat()]).exit_code == 0
        r = runner.invoke(cli, ["report", path, "--format", "json", "--today", day.isoformat()])
        reports[name] = {row["id"]: row for row in json.loads(r.stdout)}
    assert reports["fixed"].keys() == reports["later"].keys()
    for key, fixed in reports["fixed"].items():
        moved = reports["later"][key]
        assert {k: v for k, v in moved.items() if k != "last_assessed"} == \
               {k: v for k, v in fixed.items() if k != "last_assessed"}
        assert dt.date.fromisoformat(moved["last_assessed"]) == \
            dt.date.fromisoformat(fixed["last_assessed"]) + dt.timedelta(days=550)
    assert any(row["overdue_activities"] for row in reports["fixed"].values())
