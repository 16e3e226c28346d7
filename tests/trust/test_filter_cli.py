"""Every CLI command that prints, and every file kamtui exports, on a workspace another program
filled with terminal controls, bidi overrides and invisible characters, with a hostile
KAMTUI_USER: nothing of them reaches stdout, stderr or a file; JSON keeps them as \\u escapes.

The commands run as real processes (`python -m kamtui`), one after another on the closed file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w
from filter_hostile import CLEAN_USER, HOSTILE, HOSTILE_USER, leaks, unclassified
from filter_hostile import hostile_file  # noqa: F401 - a fixture

TODAY = "2026-11-26"


def kamtui(*args: str, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "kamtui", *args], env=env, capture_output=True,
                          timeout=120)
    if ok:
        assert done.returncode == 0, (args, done.stderr.decode(errors="replace"))
    return done


def shown(done: subprocess.CompletedProcess) -> str:
    return done.stdout.decode("utf-8") + done.stderr.decode("utf-8")


def first_account(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id FROM account ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "KAMTUI_USER": HOSTILE_USER, "KAMTUI_WORKSPACES": str(tmp_path / "workspaces"),
            "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}


def test_every_text_column_of_the_demo_is_decided_on(hostile_file: Path):
    assert unclassified(hostile_file) == []


def test_cli_prints_no_control_bidi_or_invisible_character(hostile_file: Path, tmp_path: Path, env):
    ws = str(hostile_file)
    account = first_account(hostile_file)

    # a write through the CLI by the hostile user: an exported plan with a hostile industry, imported
    plan = tmp_path / "plan.toml"
    kamtui("export", ws, "--account", account, "-o", str(plan), env=env)
    stale = plan.read_text(encoding="utf-8")
    doc = tomllib.loads(stale)
    doc["account"]["industry"] = HOSTILE + "Imported"
    plan.write_text(tomli_w.dumps(doc), encoding="utf-8")
    outputs = {"import": shown(kamtui("import", ws, str(plan), env=env))}
    conn = sqlite3.connect(hostile_file)
    try:
        industry = conn.execute("SELECT industry FROM account WHERE id = ?", [account]).fetchone()[0]
    finally:
        conn.close()
    assert industry.endswith("Imported") and not leaks(industry)  # the import cleaned its input
    # a real conflict (import is a three-way merge): another program changed the industry in the
    # workspace and logged it under a hostile "who", while the file changes it differently;
    # the conflict line names them
    conn = sqlite3.connect(hostile_file)
    with conn:
        conn.execute("UPDATE account SET industry = ?, version = version + 1 WHERE id = ?",
                     [HOSTILE + "Workspace", account])
        conn.execute("INSERT INTO audit (at, who, entity, entity_id, account_id, action, changes) "
                     "VALUES (?, ?, 'account', ?, ?, 'update', '{}')",
                     [HOSTILE + "2026-11-25T10:00:00+00:00", HOSTILE + "someone", account, account])
    conn.close()
    doc["account"]["industry"] = HOSTILE + "File"
    plan.write_text(tomli_w.dumps(doc), encoding="utf-8")
    del stale
    conflicted = kamtui("import", ws, str(plan), env=env, ok=False)
    assert conflicted.returncode == 3  # documented: records skipped for conflicts
    outputs["import conflict"] = shown(conflicted)
    assert "conflict" in outputs["import conflict"] and "someone" in outputs["import conflict"]

    for name, args in {
        "report": ["report", ws, "--today", TODAY],
        "report zh": ["report", ws, "--lang", "zh", "--today", TODAY],
        "log": ["log", ws],
        "log account": ["log", ws, "--account", account],
        "check": ["check", ws],
        "export toml": ["export", ws, "--account", account, "-o", "-", "--include-private"],
        "export md": ["export", ws, "--account", account, "--format", "md", "-o", "-", "--include-private"],
        "export all": ["export", ws, "--all", "-o", str(tmp_path / "plans"), "--include-private"],
        "export all md": ["export", ws, "--all", "--format", "md", "-o", str(tmp_path / "briefs")],
        "import dry run": ["import", ws, str(tmp_path / "plans"), "--dry-run"],
    }.items():
        done = kamtui(*args, env=env, ok=False)
        # the conflict stopped above travels with the exported plan: a dry run names it again (3)
        assert done.returncode == (3 if name == "import dry run" else 0), (name, shown(done))
        outputs[name] = shown(done)
    # an error naming what was asked for
    missing = kamtui("log", ws, "--account", HOSTILE + "nobody", env=env, ok=False)
    assert missing.returncode == 1 and "kamtui: error:" in shown(missing)
    outputs["error"] = shown(missing)

    files = sorted([*(tmp_path / "plans").iterdir(), *(tmp_path / "briefs").iterdir()])
    assert len(files) == 4 + 1 + 4
    outputs |= {f"file {f.name}": f.name + "\n" + f.read_text(encoding="utf-8") for f in files}
    assert {name: leaks(text) for name, text in outputs.items() if leaks(text)} == {}
    assert CLEAN_USER in outputs["log"] and "UFdORUQ=" in outputs["report"]  # the words are there
    for f in files:
        if f.suffix == ".toml":  # the escapes read back: nothing was lost on the way out
            tomllib.loads(f.read_text(encoding="utf-8"))

    conn = sqlite3.connect(hostile_file)
    try:
        who = {r[0] for r in conn.execute("SELECT who FROM audit WHERE action = 'import' OR entity = 'account'")}
    finally:
        conn.close()
    assert CLEAN_USER in who  # the hostile KAMTUI_USER, as the audit log keeps it: cleaned


@pytest.mark.parametrize("args", [["report", "--format", "json"], ["log", "--json"]])
def test_json_escapes_what_it_keeps(hostile_file: Path, env, args: list[str]):
    done = kamtui(args[0], str(hostile_file), *args[1:], env=env)
    text = done.stdout.decode("utf-8")
    assert leaks(text) == [] and leaks(done.stderr.decode("utf-8")) == []
    values = json.loads(text) if args[0] == "report" else [json.loads(line) for line in text.splitlines()]
    # lossless: the text the file holds comes back from the JSON, every character of it
    assert any(HOSTILE in text for text in strings(values))


def strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_exported_calendars_and_maps_carry_none(hostile_file: Path, tmp_path: Path):
    """.ics (an account's activities, the agenda) and .mmd/.dot (every map view): the services
    the app's keys call (the CLI has no command for them)."""
    from kamtui.services import accounts, calendar, map_data, map_export
    from kamtui.services.context import Context
    from kamtui.services.workspaces import open_workspace

    ws, _ = open_workspace(hostile_file, read_only=True, verify=False)
    written = []
    try:
        ctx = Context(ws, today=dt.date.fromisoformat(TODAY), user=CLEAN_USER)
        for i, row in enumerate(accounts.portfolio(ctx)):
            written.append(calendar.export_account(ctx, row.id, tmp_path / f"a{i}.ics", "en").path)
            data = map_data.load(ctx, row.id)
            for view in ("organization", "chain", "grid", "coverage"):
                for ext in map_export.FORMATS:
                    written.append(map_export.export(data, view, tmp_path / f"m{i}-{view}{ext}", "zh")[0])
        agenda = calendar.export_agenda(ctx, tmp_path / "agenda.ics", "en", weeks=52)
        written.append(agenda.path)
    finally:
        ws.close()
    assert agenda.events > 0 and len(written) == 4 * 9 + 1
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "UFdORUQ=" in text, path.name  # the hostile names and notes made it out, filtered
        assert leaks(text) == [], path.name
