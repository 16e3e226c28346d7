"""kamtui installed like a real tool: a wheel built from this checkout, installed into a new
virtual environment, run from folders that have nothing to do with it; where things go."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _build_wheel(out: Path) -> Path:
    # With build isolation pip fetches setuptools (a local wheel folder or the index); without
    # it, the running environment's setuptools builds (it needs the `wheel` package).
    for extra in ([], ["--no-build-isolation"]):
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out),
                               *extra], capture_output=True, text=True, timeout=600)
        wheels = list(out.glob("kamtui-*.whl"))
        if done.returncode == 0 and wheels:
            return wheels[0]
    raise AssertionError(f"no wheel could be built:\n{done.stderr[-2000:]}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A new venv holding the wheel; its dependencies are those of the running environment
    (a .pth line: no download), the wheel's kamtui before them."""
    base = tmp_path_factory.mktemp("installed")
    wheel = _build_wheel(base / "dist")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    purelib = Path(subprocess.run([str(venv / "bin" / "python"), "-c",
                                   "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    (purelib / "zz_kamtui_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def user_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("KAMTUI_WORKSPACES", "KAMTUI_WORKSPACE", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                        "PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "HOME": str(home), "COLUMNS": "200"}


def test_the_wheel_holds_the_demo_plans_the_styles_and_the_docs(installed):
    code = ("import kamtui, importlib.resources as r; print(kamtui.__file__); "
            "print(sorted(p.name for p in (r.files('kamtui') / 'demo_plans').iterdir()))")
    out = subprocess.run([str(installed / "bin" / "python"), "-c", code], capture_output=True, text=True,
                         cwd="/", check=True).stdout.splitlines()
    assert out[0].startswith(str(installed)), "the wheel's kamtui, not this checkout's"
    assert "workspace.toml" in out[1] and out[1].count(".toml") == 5
    docs = installed / "share" / "doc" / "kamtui"
    assert {p.name for p in docs.iterdir()} >= {"README.md", "figures.md", "plan-format.md", "sync.md", "trust.md"}


def test_demo_and_report_from_unrelated_folders_use_the_user_data_folder(installed, tmp_path):
    home = tmp_path / "home"
    for name in ("src", "tmp"):
        (home / name).mkdir(parents=True)
    kamtui = str(installed / "bin" / "kamtui")
    env = user_env(home)
    built = subprocess.run([kamtui, "demo", "--no-open"], cwd=home / "src", env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    ws = home / ".local" / "share" / "kamtui" / "workspaces" / "demo.sqlite"
    assert f"Built {ws}" in built.stderr and "Portfolio" in built.stdout
    assert not (home / "src" / "workspaces").exists()
    report = subprocess.run([kamtui, "report", "--format", "json"], cwd=home / "tmp", env=env,
                            capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stderr
    rows = json.loads(report.stdout)
    assert len(rows) == 4
    # dated around today: the last assessment is as far behind today as behind the day written for
    from kamtui.services.demo_content import DEMO_TODAY, demo_team

    written = max(a.assessed_on for plan in demo_team()[2] for a in plan.assessments)
    newest = max(dt.date.fromisoformat(r["last_assessed"]) for r in rows if r["last_assessed"])
    assert newest == written + (dt.date.today() - DEMO_TODAY)
    where = subprocess.run([kamtui, "where"], cwd=home, env=env, capture_output=True, text=True).stdout
    assert str(ws.parent) in where and str(home / ".config" / "kamtui" / "config.toml") in where
    assert str(installed / "share" / "doc" / "kamtui") in where
    conn = sqlite3.connect(f"file:{ws}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT team_name FROM settings").fetchone()[0] == "Key Accounts East / 华东大客户部"
    finally:
        conn.close()


def test_the_installed_demo_reads_the_installed_plan_files(installed, tmp_path):
    purelib = subprocess.run([str(installed / "bin" / "python"), "-c",
                              "import kamtui, pathlib; print(pathlib.Path(kamtui.__file__).parent)"],
                             capture_output=True, text=True, check=True, cwd="/").stdout.strip()
    team_file = Path(purelib) / "demo_plans" / "workspace.toml"
    original = team_file.read_text(encoding="utf-8")
    team_file.write_text(original.replace("Key Accounts East / 华东大客户部", "Read from the wheel"), encoding="utf-8")
    try:
        ws = tmp_path / "d.sqlite"
        done = subprocess.run([str(installed / "bin" / "kamtui"), "demo", str(ws), "--no-open"],
                              cwd=tmp_path, env=user_env(tmp_path), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    finally:
        team_file.write_text(original, encoding="utf-8")
    conn = sqlite3.connect(f"file:{ws}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT team_name FROM settings").fetchone()[0] == "Read from the wheel"
    finally:
        conn.close()
