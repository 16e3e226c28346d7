"""The command line: `kamtui [WORKSPACE]` opens the app; subcommands for everything else."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kamtui import __version__
from kamtui.cli_group import KamGroup, complete_workspace
from kamtui.errors import KamtuiError
from kamtui.messages import Message, os_reason
from kamtui.paths import exists, resolve_workspace, workspaces_dir

# Errors are said in English, or in the language a command's --lang asked for.
_ERRORS_IN = {"lang": "en"}


def _errors_in(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        _ERRORS_IN["lang"] = KamGroup.errors_in = value
    return value


LANG = click.Choice(["en", "zh"])


def _default_workspace() -> Path:
    env = os.environ.get("KAMTUI_WORKSPACE")
    if env:
        return resolve_workspace(env)
    from kamtui.services.workspaces import list_workspaces

    found = list_workspaces(workspaces_dir())
    if len(found) == 1:
        return found[0]
    if (workspaces_dir() / "demo.sqlite") in found:
        return workspaces_dir() / "demo.sqlite"
    if not found:
        raise KamtuiError("cli.no_workspace", folder=workspaces_dir())
    raise KamtuiError("cli.several_workspaces", folder=workspaces_dir(), names=[p.stem for p in found],
                      example=found[0].stem)


def _path(arg: str | None) -> Path:
    return resolve_workspace(arg) if arg else _default_workspace()


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD", param_hint="--today") from None


def figures_progress(done: int, total: int) -> None:
    """What recomputing figures made by other rules shows on a terminal (once a workspace
    was opened by another kamtui version): a line that counts, then goes."""
    if total < 50 or not sys.stderr.isatty():
        return
    click.echo(f"\rkamtui: recomputing figures under this version's rules: {done:,}/{total:,}",
               err=True, nl=done >= total)


def _open(path: Path, read_only: bool = False, verify: bool = True, *, quiet: bool = False,
          single_writer: bool = False):
    """The workspace, its notes (a network filesystem…) printed as one line each unless
    `quiet` (the app shows them itself)."""
    from kamtui.paths import current_user
    from kamtui.services.workspaces import open_workspace

    ws, notes = open_workspace(path, read_only=read_only, verify=verify, progress=figures_progress,
                               single_writer_by=current_user() if single_writer else None)
    if not quiet:
        for note in notes:
            click.echo(f"kamtui: note: {note}", err=True)
    return ws


@click.group(cls=KamGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kamtui")
@click.option("--lang", type=LANG, callback=_errors_in, is_eager=True,
              help="The language of the app and of messages (any command taking --lang).")
@click.option("--read-only", is_flag=True, help="Open without the ability to save.")
@click.option("--single-writer", is_flag=True, help="As `open --single-writer`.")
@click.option("--ascii", "ascii_", is_flag=True, help="ASCII in place of symbols (chosen by itself on TERM=linux/vt100 or a non-UTF-8 locale).")
@click.option("--today", "today_arg", metavar="DATE", hidden=True)
@click.pass_context
def cli(ctx: click.Context, lang: str | None, read_only: bool, single_writer: bool, ascii_: bool,
        today_arg: str | None) -> None:
    """kamtui: assess and develop key-account relationships from the terminal.

    Run `kamtui [WORKSPACE]` to open the app. WORKSPACE is a file path or a team name
    (<name>.sqlite in the workspaces folder: `kamtui where` says which). The options below
    work before or after a command: `kamtui --lang zh report` is `kamtui report --lang zh`.
    """
    ctx.command.share_options(ctx, {"lang": lang, "read_only": read_only,  # type: ignore[attr-defined]
                                    "single_writer": single_writer, "today_arg": today_arg,
                                    "ascii_": ascii_})


@cli.command("open")
@click.argument("workspace", required=False, shell_complete=complete_workspace)
@click.option("--read-only", is_flag=True, help="Open without the ability to save.")
@click.option("--single-writer", is_flag=True,
              help="State that only this machine writes to the workspace (remembered in it): on a "
                   "network filesystem it is otherwise opened read-only.")
@click.option("--lang", type=LANG, callback=_errors_in, is_eager=True, help="Start in this language.")
@click.option("--ascii", "ascii_", is_flag=True, help="ASCII in place of symbols (chosen by itself on TERM=linux/vt100 or a non-UTF-8 locale).")
@click.option("--today", "today_arg", metavar="DATE", hidden=True, help="Pretend today is DATE (tests).")
def open_cmd(workspace: str | None, read_only: bool, single_writer: bool, lang: str | None, ascii_: bool,
             today_arg: str | None) -> None:
    """Open the app on WORKSPACE (the default command)."""
    _run_app(_path(workspace), read_only, lang, _today(today_arg), single_writer, ascii_)


def _run_app(path: Path, read_only: bool, lang: str | None, today: dt.date, single_writer: bool = False,
             ascii_: bool = False) -> None:
    # quick_check reads the whole file (≈3 s at 612 MB): the app runs it after its first paint.
    # Its notes (network filesystem) are shown inside the app, not printed before it.
    ws = _open(path, read_only, verify=False, quiet=True, single_writer=single_writer)
    # The interface's start-up makes ≈80,000 objects that live as long as the app (modules,
    # classes, styles, widgets) and almost no garbage: the collector, walking them again and
    # again on the way, took a tenth of the time to the first frame. It is off until then
    # (not while opening: figures recomputed for another version's rules make garbage); the
    # app freezes what was made and turns it back on once the first frame is out (on_ready).
    gc.disable()
    try:
        from kamtui.ui.app import make_app
        from kamtui.ui.hangup import leave_on_hangup

        app = make_app(ws, today=today, lang=lang, ascii=True if ascii_ else None)
        # a dead terminal (dropped SSH) ends the window; so does a SIGINT, with 130
        with leave_on_hangup(app, ws.close), _interrupt_ends(app):
            app.run()
    finally:
        gc.enable()
        ws.close()
    if app.return_code:  # a damaged workspace (Textual has printed the sentence), or SIGINT (130)
        sys.exit(app.return_code)


INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a process ended by ctrl+C


@contextmanager
def _interrupt_ends(app) -> Iterator[None]:
    """A SIGINT (`kill -INT`, ctrl+C from a shell script: in the window itself ctrl+C is a key)
    closes the app and ends the process with 130, as a shell expects. Without
    this, asyncio's own handler ends the app with status 0."""
    import asyncio
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_sigint(signum: int, frame: object) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # before or after the app's loop: as Python does by default
            raise KeyboardInterrupt from None
        loop.call_soon_threadsafe(lambda: app.exit(return_code=INTERRUPTED))  # not from inside the handler

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@cli.command()
@click.argument("workspace")
@click.option("--team", "team", help="The team's name (default: the workspace name).")
@click.option("--shared", is_flag=True, help="Make the file group-writable (0660) for a team.")
@click.option("--group", "group", metavar="NAME",
              help="With --shared: the team's Unix group, given to the file and the folders made (2770).")
@click.option("--single-writer", is_flag=True,
              help="State that only this machine writes to it (needed to write on a network filesystem).")
def init(workspace: str, team: str | None, shared: bool, group: str | None, single_writer: bool) -> None:
    """Create a new, empty WORKSPACE."""
    from kamtui.paths import current_user
    from kamtui.services.workspaces import create_workspace

    if group is not None and not shared:
        raise click.UsageError("--group is for a shared workspace: give --shared too")
    path = resolve_workspace(workspace)
    ws = create_workspace(path, team or path.stem, shared, group,
                          single_writer_by=current_user() if single_writer else None)
    notes = list(ws.notes)
    ws.close()
    for note in notes:
        click.echo(f"kamtui: note: {note}", err=True)
    click.echo(f"Created {path}", err=True)


@cli.command()
@click.argument("workspace", required=False, default="demo")
@click.option("--size", type=click.Choice(["demo", "small", "large", "xl"]), default="demo",
              show_default=True, help="The demo team, or a generated workspace for benchmarks.")
@click.option("--no-open", is_flag=True, help="Build it, print the report, do not open the app.")
@click.option("--rebuild", is_flag=True, help="Build it again even if it exists.")
@click.option("--lang", type=LANG, callback=_errors_in, is_eager=True, help="Open (or report) in this language.")
@click.option("--ascii", "ascii_", is_flag=True, help="ASCII in place of symbols (chosen by itself on TERM=linux/vt100 or a non-UTF-8 locale).")
@click.option("--today", "today_arg", metavar="DATE", hidden=True)
def demo(workspace: str, size: str, no_open: bool, rebuild: bool, lang: str | None, ascii_: bool,
         today_arg: str | None) -> None:
    """Build the demo workspace (default `demo`), dated around today, and open it."""
    import time

    from kamtui.cli_plans import _progress
    from kamtui.services.demo import build_demo
    from kamtui.services.generator import SIZES

    today = _today(today_arg)
    path = resolve_workspace(workspace)
    if rebuild or not exists(path):
        started = time.perf_counter()
        total = SIZES[size].accounts if size in SIZES else 0
        with _progress(f"Building {path.name} ({size})", total) as bar:
            build_demo(path, size, today=today, progress=(lambda done, of: bar(done, of)) if bar else None)
        click.echo(f"Built {path} ({size}) in {time.perf_counter() - started:.1f}s", err=True)
    if no_open:
        _print_report(path, "table", lang or "en", today)
    else:
        _run_app(path, False, lang, today, ascii_=ascii_)


@cli.command()
@click.argument("workspace", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "md"]), default="table",
              show_default=True, help="csv and md: the team's figures (--by owner unless given)")
@click.option("--by", type=click.Choice(["owner", "tier", "level"]),
              help="The team's figures over a period, per owner, tier or organization level.")
@click.option("--from", "from_arg", metavar="DATE", help="Period start (with --by; default: this quarter's).")
@click.option("--to", "to_arg", metavar="DATE", help="Period end (with --by; default: this quarter's).")
@click.option("--tier", type=click.Choice(["strategic", "key", "standard"]), help="Only accounts of this tier (with --by).")
@click.option("--lang", type=LANG, default="en", show_default=True, callback=_errors_in, is_eager=True)
@click.option("--next", "next_step", is_flag=True,
              help="Under the table, each account's path to the next level per layer.")
@click.option("--today", "today_arg", metavar="DATE", hidden=True)
def report(workspace: str | None, fmt: str, by: str | None, from_arg: str | None, to_arg: str | None,
           tier: str | None, lang: str, next_step: bool, today_arg: str | None) -> None:
    """Print the portfolio summary of WORKSPACE, or with --by the team's figures over a period."""
    from kamtui.cli_team_report import parse_day, print_team_report

    today = _today(today_arg)  # a usage error before any workspace is looked for
    start, end = parse_day(from_arg, "--from"), parse_day(to_arg, "--to")
    if by is None and (fmt in ("csv", "md") or start or end or tier):
        by = "owner"
    if by is None:
        _print_report(_path(workspace), fmt, lang, today, next_step)
        return
    ws = _open(_path(workspace), read_only=True)
    try:
        print_team_report(ws, by, start, end, fmt, lang, today, tier)
    finally:
        ws.close()


def _print_report(path: Path, fmt: str, lang: str, today: dt.date, next_step: bool = False) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from kamtui.errors import WorkspaceError
    from kamtui.services import workspaces as workspaces_service
    from kamtui.services.context import Context

    # A report of a damaged file would be figures nobody should trust: it is refused as
    # `check` refuses it. The quick_check reads the whole file (1-2 s at 5,000 accounts), so
    # it runs on a second connection while the report is read, and nothing is printed
    # before it has answered.
    ws = _open(path, read_only=True, verify=False)
    ctx = Context(ws, today=today)
    try:
        with ThreadPoolExecutor(1) as pool:
            check = pool.submit(workspaces_service.integrity, ws)
            try:
                with workspaces_service.reading(ws):
                    if fmt == "json":
                        from kamtui.services.report import json_report

                        text = json_report(ctx)
                    else:
                        from kamtui.services import accounts

                        rows = accounts.portfolio(ctx)
            finally:
                found = check.result()
        if found != "ok":
            raise WorkspaceError.saying(workspaces_service.damage_message(ws, found))
    finally:
        ws.close()
    if fmt == "json":
        click.echo(text)
        return
    from kamtui.cli_table import portfolio_table

    from rich.console import Console

    console = Console()
    console.print(portfolio_table(rows, lang, today, console.width))
    if next_step:
        from kamtui.cli_next import next_step_lines

        console.print()
        for line in next_step_lines(rows, lang, console.width):  # type: ignore[arg-type]
            console.print(line)


@cli.command()
@click.argument("workspace", required=False, shell_complete=complete_workspace)
def check(workspace: str | None) -> None:
    """Check WORKSPACE: schema, SQLite, journal mode, file mode, quick_check."""
    from kamtui.services.workspaces import check as run_check

    ws = _open(_path(workspace), read_only=False)
    try:
        result = run_check(ws)
    finally:
        ws.close()
    for key, value in result.lines():
        click.echo(f"{key:>15}: {value}")
    if not result.ok:
        raise KamtuiError("cli.check_failed")


@cli.command()
def where() -> None:
    """Print where kamtui keeps things: workspaces, the config file, the demo's plan files, the docs."""
    from kamtui.paths import config_file, docs_dir
    from kamtui.services.plans.demo_files import DEMO_FOLDER

    docs = docs_dir()
    for key, value in (("workspaces", workspaces_dir().absolute()), ("config file", config_file()),
                       ("demo plans", DEMO_FOLDER), ("docs", docs if docs else "-")):
        click.echo(f"{key:>12}: {value}")


def main() -> None:
    try:
        cli.main(standalone_mode=False, prog_name="kamtui")
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt):  # ctrl+C (a prompt's too): 130
            sys.exit(130)
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KamtuiError as exc:
        click.echo(f"kamtui: error: {exc.message(_ERRORS_IN['lang'])}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # BrokenPipeError is an OSError too
        if isinstance(exc, BrokenPipeError):
            sys.exit(0)
        # what the file system refused that no command foresaw: still one sentence
        click.echo(f"kamtui: error: {os_error(exc).text(_ERRORS_IN['lang'])}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


def os_error(exc: OSError, doing: str = "use") -> Message:
    """An OSError as the one sentence the user reads: what could not be done (use, write) to
    which file, and why."""
    if exc.filename:
        return Message(f"os.cannot_{doing}", path=exc.filename, why=os_reason(exc))
    return Message("os.failed", why=os_reason(exc))
