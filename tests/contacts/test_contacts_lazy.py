"""The contact libraries (charset-normalizer, python-calamine, vobject) load when a contact
file is read, not when kamtui starts, opens the map, or opens the import dialog: a real
process, as `kamtui WORKSPACE` runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

LIBRARIES = ["charset_normalizer", "python_calamine", "vobject", "openpyxl"]

PROBE = r"""
import datetime as dt, json, sys
from pathlib import Path
from kamtui.services.workspaces import open_workspace
from kamtui.ui.app import make_app

ws, _ = open_workspace(Path(sys.argv[1]), verify=False)
app = make_app(ws, today=dt.date(2026, 11, 26), lang="en")
libs = sys.argv[2].split(",")
out = {}

def loaded():
    return sorted(m for m in libs if m in sys.modules)

async def drive(pilot):
    while not getattr(app.screen, "_loaded", False):
        await pilot.pause(0.01)
    for _ in range(300):  # the account screens preload in a worker half a second later
        await pilot.pause(0.02)
        if all(w.group != "preload" for w in app.workers):
            break
    out["started"] = loaded()
    await pilot.press("3")
    await pilot.pause(0.5)
    out["map"] = type(app.screen).__name__, loaded()
    await pilot.press("i")
    await pilot.pause(0.2)
    out["dialog"] = type(app.screen).__name__, loaded()
    app.screen.query_one("#plan-path").value = sys.argv[3]
    await pilot.press("ctrl+s")
    for _ in range(500):
        await pilot.pause(0.02)
        if getattr(app.screen, "dry", None) is not None:
            break
    out["checked"] = loaded()
    app.exit()

app.run(headless=True, size=(120, 36), auto_pilot=drive)
print(json.dumps(out))
"""


def test_contact_libraries_load_only_to_read_a_file(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    contacts = tmp_path / "people.csv"
    contacts.write_text("Name,Title\nAnn Lee,CFO\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(path), ",".join(LIBRARIES), str(contacts)],
                          capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["started"] == []
    assert out["map"] == ["StakeholderMapScreen", []]
    assert out["dialog"] == ["PeopleImportDialog", []]
    assert out["checked"] == ["charset_normalizer"]  # a CSV: the encoding was detected
