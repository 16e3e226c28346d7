"""Issue 18 item 6: a workspace on a network filesystem opens read-only unless the user states
that one machine alone writes to it; the CLI says so in one clean line, the app inside itself.

The detection is simulated here (the mount table is made to say fuse.sshfs), so that it is
tested on every machine; test_fuse_two_mounts.py does it on real sshfs mounts where FUSE is
available. Item 7: `init --shared --group`.
"""

from __future__ import annotations

import grp
import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamtui.cli import cli, main
from kamtui.store import Workspace, fileinfo


@pytest.fixture
def on_sshfs(monkeypatch):
    monkeypatch.setattr(fileinfo, "is_network_fs", lambda p: True)
    monkeypatch.setattr(fileinfo, "filesystem_type", lambda p: "fuse.sshfs")


def run_main(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["kamtui", *args])
    with pytest.raises(SystemExit) as ended:
        main()
        raise SystemExit(0)
    out = capsys.readouterr()
    return ended.value.code or 0, out.out, out.err


def test_init_on_a_network_filesystem_says_one_clean_line(on_sshfs, tmp_path, capsys, monkeypatch):
    code, _out, err = run_main(capsys, monkeypatch, "init", str(tmp_path / "net.sqlite"))
    assert code == 0
    lines = err.splitlines()
    assert lines[0].startswith("kamtui: note: ") and "opened read-only" in lines[0]
    assert "Warning" not in err and "warnings.warn" not in err and len(lines) == 2  # + "Created …"
    # and the next writer is refused, with the reason
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "workspace.toml").write_text('schema_version = 1\n\n[settings]\nteam_name = "Net team"\n')
    code, _out, err = run_main(capsys, monkeypatch, "import", str(tmp_path / "net.sqlite"), str(plans))
    assert code == 1 and "is open read-only" in err


def test_single_writer_is_stated_once_and_remembered(on_sshfs, tmp_path, capsys, monkeypatch):
    path = tmp_path / "net.sqlite"
    code, _out, err = run_main(capsys, monkeypatch, "init", str(path), "--single-writer")
    assert code == 0 and "read-only" not in err
    with Workspace.open(path) as ws:
        assert not ws.read_only and ws.journal_mode == "delete"
        who = ws.db.execute("SELECT value FROM workspace_option WHERE key = 'single_writer'").fetchone()[0]
        assert who.startswith("tester ")
        assert "stated that only one machine writes to it" in ws.notes[0]


async def test_the_app_says_it_inside_header_and_notification(on_sshfs, tmp_path, make):
    path = tmp_path / "net.sqlite"
    Workspace.create(path, team_name="Net").close()
    ws = Workspace.open(path)
    app = make(ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        badge = app.screen.query_one("#header-badge")
        assert "READ-ONLY: network filesystem" in str(badge.render())
        notes = [str(n.message) for n in app._notifications]
        assert any("network filesystem: opened read-only" in n for n in notes)
    ws.close()


def test_the_app_prints_nothing_before_it_takes_the_screen(on_sshfs, tmp_path, monkeypatch, capsys):
    path = tmp_path / "net.sqlite"
    Workspace.create(path, team_name="Net").close()
    import kamtui.ui.app as app_module

    seen = {}

    class Stop(Exception):
        pass

    def fake_make_app(ws, today=None, lang=None, ascii=None):
        seen["err"] = capsys.readouterr().err
        seen["read_only"] = ws.read_only
        raise Stop()

    monkeypatch.setattr(app_module, "make_app", fake_make_app)
    with pytest.raises(Stop):
        CliRunner().invoke(cli, ["open", str(path)], catch_exceptions=False)
    assert seen == {"err": "", "read_only": True}


# -- init --shared --group --------------------------------------------------------------------

def test_shared_init_refuses_the_creators_private_group(tmp_path, capsys, monkeypatch):
    if not fileinfo.is_private_group(os.getegid()):
        pytest.skip("SKIPPED LOUDLY: this user's group is not a private group here")
    code, _out, err = run_main(capsys, monkeypatch, "init", str(tmp_path / "team" / "t.sqlite"), "--shared")
    assert code == 1
    assert err.count("\n") == 1 and "your private group, which nobody else is in: name the team's group" in err
    assert not (tmp_path / "team").exists()


def test_shared_init_gives_the_folder_and_file_the_named_group(tmp_path, capsys, monkeypatch):
    try:
        gid = grp.getgrnam("users").gr_gid
    except KeyError:
        pytest.skip("SKIPPED LOUDLY: no 'users' group on this machine")
    path = tmp_path / "team" / "t.sqlite"
    code, _out, err = run_main(capsys, monkeypatch, "init", str(path), "--shared", "--group", "users")
    assert code == 0, err
    folder = os.stat(path.parent)
    assert (folder.st_gid, stat.S_IMODE(folder.st_mode)) == (gid, 0o2770)
    assert (os.stat(path).st_gid, stat.S_IMODE(os.stat(path).st_mode)) == (gid, 0o660)
    code, _out, err = run_main(capsys, monkeypatch, "init", str(tmp_path / "x.sqlite"), "--shared",
                               "--group", "no-such-group-here")
    assert code == 1 and "There is no group named 'no-such-group-here'" in err
    code, _out, err = run_main(capsys, monkeypatch, "init", str(tmp_path / "y.sqlite"), "--group", "users")
    assert code == 2 and "--group is for a shared workspace" in err
    assert not Path(tmp_path / "y.sqlite").exists()
