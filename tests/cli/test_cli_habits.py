"""The command line as the best click tools behave: global options on either side of the
default command, completion, "did you mean", ctrl+C → 130, restore checks before it asks,
one JSON shape, progress on a terminal, --account by part of a name. Real processes where
the claim is about processes."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kamtui.cli as cli_module
from kamtui.cli import cli

TODAY = "2026-11-26"
KAMTUI = Path(sys.executable).with_name("kamtui")


def run(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(KAMTUI), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, **kw)


@pytest.fixture
def demo() -> Path:
    done = run("demo", "--no-open", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    return Path(os.environ["KAMTUI_WORKSPACES"]) / "demo.sqlite"


@pytest.fixture
def opened(monkeypatch):
    """What the app would have been opened on: (path name, read_only, lang, today)."""
    calls: list[tuple] = []

    def fake_run_app(path, read_only, lang, today, single_writer=False, ascii_=False):
        calls.append((path.name, read_only, lang, today.isoformat(), single_writer)
                     + (("ascii",) if ascii_ else ()))

    monkeypatch.setattr(cli_module, "_run_app", fake_run_app)
    return calls


# -- global options before or after the default command --------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["--lang", "zh"], ("demo.sqlite", False, "zh", TODAY, False)),
    (["--read-only"], ("demo.sqlite", True, None, TODAY, False)),
    (["--read-only", "demo.sqlite"], ("demo.sqlite", True, None, TODAY, False)),
    (["demo.sqlite", "--read-only"], ("demo.sqlite", True, None, TODAY, False)),
    (["--lang", "zh", "--read-only", "demo.sqlite", "--single-writer"], ("demo.sqlite", True, "zh", TODAY, True)),
    (["open", "--lang", "zh"], ("demo.sqlite", False, "zh", TODAY, False)),
    (["--today", TODAY, "--lang", "zh", "open"], ("demo.sqlite", False, "zh", TODAY, False)),
    (["--ascii", "demo.sqlite"], ("demo.sqlite", False, None, TODAY, False, "ascii")),
    (["demo.sqlite", "--ascii"], ("demo.sqlite", False, None, TODAY, False, "ascii")),
])
def test_global_options_work_before_and_after_the_default_command(demo, opened, args, expected, monkeypatch):
    monkeypatch.chdir(demo.parent)  # `demo.sqlite`: the file (`demo` alone is the command)
    r = CliRunner().invoke(cli, args if "--today" in args else [*args, "--today", TODAY])
    assert r.exit_code == 0, r.output
    assert opened == [expected]


def test_demo_and_report_take_lang_on_either_side(demo):
    zh = run("demo", "--no-open", "--lang", "zh", "--today", TODAY)
    assert zh.returncode == 0 and "客户组合" in zh.stdout, zh.stderr
    before = run("--lang", "zh", "report", "--today", TODAY)
    after = run("report", "--lang", "zh", "--today", TODAY)
    assert before.returncode == 0 and before.stdout == after.stdout and "客户组合" in before.stdout
    assert run("--lang", "zh", "demo", "--no-open", "--today", TODAY).stdout == zh.stdout


def test_no_such_option_is_still_a_usage_error():
    done = run("--bogus")
    assert done.returncode == 2 and "No such option" in done.stderr


# -- did you mean --------------------------------------------------------------------------

def test_a_mistyped_command_suggests_the_nearest(demo):
    done = run("exprot", "demo")
    assert done.returncode == 2, done.stderr
    assert "Did you mean 'export'?" in done.stderr and "Traceback" not in done.stderr
    zh = run("--lang", "zh", "improt", "demo")
    assert zh.returncode == 2 and "“import”" in zh.stderr


def test_a_workspace_named_like_a_command_still_opens(opened):
    assert CliRunner().invoke(cli, ["init", "exprot"]).exit_code == 0
    r = CliRunner().invoke(cli, ["exprot", "--today", TODAY])
    assert r.exit_code == 0, r.output
    assert opened[0][0] == "exprot.sqlite"


def test_a_name_like_no_command_is_a_workspace_to_open():
    done = run("no-such-team-anywhere")
    assert done.returncode == 1 and "Did you mean" not in done.stderr
    assert done.stderr.startswith("kamtui: error: ")


# -- completion ----------------------------------------------------------------------------

def complete(shell: str, words: str, cword: int | str) -> list[str]:
    done = run(env={"_KAMTUI_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_bash_completes_command_and_workspace_names():
    assert run("init", "alpha").returncode == 0
    assert complete("bash", "kamtui ex", 1) == ["plain,export"]
    everything = complete("bash", "kamtui ", 1)
    for name in ("plain,demo", "plain,export", "plain,report", "plain,restore", "plain,alpha"):
        assert name in everything
    assert complete("bash", "kamtui --lang zh re", 3) == ["plain,report", "plain,restore"]
    assert complete("bash", "kamtui al", 1) == ["plain,alpha"]
    for command in ("export", "log", "backup", "check", "sync"):  # a command's WORKSPACE argument
        assert complete("bash", f"kamtui {command} al", 2) == ["plain,alpha"], command
    assert "plain,--format" in complete("bash", "kamtui report --f", 2)


def test_zsh_and_fish_complete_command_names():
    zsh = complete("zsh", "kamtui de", 1)
    assert zsh[:2] == ["plain", "demo"]
    fish = complete("fish", "kamtui de", "de")
    assert fish and fish[0].startswith("plain,demo")


def test_the_completion_scripts_are_printed():
    for shell in ("bash", "zsh", "fish"):
        done = run(env={"_KAMTUI_COMPLETE": f"{shell}_source"})
        assert done.returncode == 0 and "_KAMTUI_COMPLETE" in done.stdout, shell


# -- ctrl+C --------------------------------------------------------------------------------

def test_ctrl_c_during_a_long_build_exits_130_and_leaves_nothing(tmp_path):
    folder = tmp_path / "ws"
    proc = subprocess.Popen([str(KAMTUI), "demo", str(folder / "big.sqlite"), "--size", "large", "--no-open"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (folder.is_dir() and any(p.name.startswith(".big.sqlite.building") for p in folder.iterdir())):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    time.sleep(0.5)  # well inside the build
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and out == ""
    assert sorted(p.name for p in folder.iterdir()) == []


def test_ctrl_c_at_the_restore_question_exits_130(demo, tmp_path):
    backup = tmp_path / "b.sqlite"
    assert run("backup", "demo", str(backup)).returncode == 0
    proc = subprocess.Popen([str(KAMTUI), "restore", "demo", str(backup)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = b""
    deadline = time.monotonic() + 30
    while b"[y/N]" not in seen:
        assert time.monotonic() < deadline, seen
        ready, _, _ = select.select([proc.stderr], [], [], 1)
        if ready:
            seen += os.read(proc.stderr.fileno(), 1000)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and b"Traceback" not in err


# -- restore checks before it asks -------------------------------------------------------------

def test_restore_refuses_a_file_that_is_no_workspace_before_asking(demo, tmp_path):
    junk = tmp_path / "notes.sqlite"
    junk.write_text("not a database")
    done = run("restore", "demo", str(junk), input="")
    assert done.returncode == 1
    assert "Replace the content" not in done.stderr  # not asked
    assert done.stderr.startswith("kamtui: error: ") and "not a kamtui workspace" in done.stderr
    missing = run("restore", "demo", str(tmp_path / "absent.sqlite"), input="")
    assert missing.returncode == 1 and "Replace the content" not in missing.stderr


def test_restore_still_asks_for_a_sound_backup(demo, tmp_path):
    backup = tmp_path / "b.sqlite"
    assert run("backup", "demo", str(backup)).returncode == 0
    done = run("restore", "demo", str(backup), input="n\n")
    assert "Replace the content" in done.stderr and done.returncode == 1


# -- one JSON shape ----------------------------------------------------------------------------

def test_log_format_json_is_shaped_like_report_json_and_json_is_kept(demo):
    report = run("report", "--format", "json", "--today", TODAY).stdout
    log = run("log", "--format", "json").stdout
    for text in (report, log):
        assert text.startswith("[\n  {") and text.rstrip().endswith("}\n]")
    entries = json.loads(log)
    lines = run("log", "--json").stdout.splitlines()
    assert [json.loads(line) for line in lines] == entries  # the old flag: one object per line
    assert run("log", "--format", "jsonl").stdout.splitlines() == lines
    assert len(entries) >= 5  # the settings and every imported account


# -- progress on long builds --------------------------------------------------------------------

def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(KAMTUI), *args], stdin=slave, stdout=slave, stderr=slave,
                            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=60), out.decode("utf-8", "replace")


def test_a_generated_build_shows_progress_on_a_terminal_only(tmp_path):
    code, shown = _on_a_terminal(["demo", str(tmp_path / "s.sqlite"), "--size", "small", "--no-open"])
    assert code == 0, shown
    assert "Building s.sqlite (small)" in shown and "/50" in shown
    piped = run("demo", str(tmp_path / "p.sqlite"), "--size", "small", "--no-open")
    assert piped.returncode == 0 and "Building" not in piped.stderr


# -- --account --------------------------------------------------------------------------------

@pytest.mark.parametrize("given, short", [
    ("华信", "华信移动上海"), ("上海", "华信移动上海"), ("Harbour", "Harbourline"), ("hxyd", "华信移动上海"),
    ("rheinwerk automobil", "Rheinwerk"),
])
def test_export_account_by_unique_prefix_part_or_pinyin(demo, given, short):
    done = run("export", "demo", "--account", given, "--format", "md", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert short.split()[0] in done.stdout


def test_an_ambiguous_account_lists_the_candidates(demo):
    done = run("export", "demo", "--account", "in", "--today", TODAY)  # HarbourlINe, RheINwerk
    assert done.returncode == 1
    line = done.stderr.strip()
    assert line.startswith("kamtui: error: 'in' matches 2 accounts: ") and "Harbourline" in line
    assert "Rheinwerk" in line and "华信" not in line and done.stdout == ""


def test_sigint_to_the_running_app_closes_it_with_130(demo):
    """In the window ctrl+C is a key; a SIGINT (a script, `kill -INT`) ends the app as `q` would,
    the terminal given back, with the status a shell expects."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(KAMTUI), "demo", "--today", TODAY], stdin=slave, stdout=slave, stderr=slave,
                            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"})
    os.close(slave)
    shown = b""
    deadline = time.monotonic() + 60
    while b"Harbourline" not in shown:  # the portfolio is painted
        assert proc.poll() is None and time.monotonic() < deadline, shown[-500:]
        if select.select([master], [], [], 0.2)[0]:
            shown += os.read(master, 65536)
    proc.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 20
    while proc.poll() is None and time.monotonic() < deadline:
        if select.select([master], [], [], 0.2)[0]:
            try:
                shown += os.read(master, 65536)
            except OSError:
                break
    code = proc.wait(timeout=20)
    os.close(master)
    assert code == 130
    assert b"Traceback" not in shown and b"\x1b[?1049l" in shown  # the alternate screen left
