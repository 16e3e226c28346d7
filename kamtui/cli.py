"""The command line: `kamtui [WORKSPACE]` opens the app; subcommands for everything else."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from kamtui import __version__
from kamtui.errors import KamtuiError
from kamtui.messages import Message, os_reason
from kamtui.paths import exists, resolve_workspace, workspaces_dir

# Errors are said in English, or in the language a command's --lang asked for.
_ERRORS_IN = {"lang": "en"}


def _errors_in(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        _ERRORS_IN["lang"] = value
    return value


LANG = click.Choice(["en", "zh"])


# Commands kept in modules of their own, imported when named: `kamtui WORKSPACE` (the app's
# start) does not pay for them.
_LAZY_COMMANDS = {
    "backup": ("kamtui.cli_team", "backup_cmd"),
    "restore": ("kamtui.cli_team", "restore_cmd"),
    "log": ("kamtui.cli_team", "log_cmd"),
    "export": ("kamtui.cli_plans", "export_cmd"),
    "import": ("kamtui.cli_plans", "import_cmd"),
    "sync": ("kamtui.cli_sync", "sync_cmd"),
    "merge-driver": ("kamtui.cli_sync", "merge_driver_cmd"),
    "people": ("kamtui.cli_people", "people_group"),
}


class KamGroup(click.Group):
    """A group whose first argument may be a workspace: `kamtui team` means `kamtui open team`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in _LAZY_COMMANDS
                        and not args[0].startswith("-")):
            args = ["open", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attr = _LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


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
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-26", param_hint="--today") from None


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
def cli() -> None:
    """kamtui: assess and develop key-account relationships from the terminal.

    Run `kamtui [WORKSPACE]` to open the app. WORKSPACE is a file path or a team name
    (looked up as $KAMTUI_WORKSPACES/<name>.sqlite, default ./workspaces).
    """


@cli.command("open")
@click.argument("workspace", required=False)
@click.option("--read-only", is_flag=True, help="Open without the ability to save.")
@click.option("--single-writer", is_flag=True,
              help="State that only this machine writes to the workspace (remembered in it): on a "
                   "network filesystem it is otherwise opened read-only.")
@click.option("--lang", type=LANG, callback=_errors_in, is_eager=True, help="Start in this language.")
@click.option("--today", "today_arg", metavar="DATE", hidden=True, help="Pretend today is DATE (tests).")
def open_cmd(workspace: str | None, read_only: bool, single_writer: bool, lang: str | None,
             today_arg: str | None) -> None:
    """Open the app on WORKSPACE (the default command)."""
    _run_app(_path(workspace), read_only, lang, _today(today_arg), single_writer)


def _run_app(path: Path, read_only: bool, lang: str | None, today: dt.date, single_writer: bool = False) -> None:
    # quick_check reads the whole file (≈3 s at 612 MB): the app runs it after its first paint.
    # Its notes (network filesystem) are shown inside the app, not printed before it.
    ws = _open(path, read_only, verify=False, quiet=True, single_writer=single_writer)
    from kamtui.ui.app import make_app
    from kamtui.ui.hangup import leave_on_hangup

    app = make_app(ws, today=today, lang=lang)
    try:
        with leave_on_hangup(app, ws.close):  # a dead terminal (dropped SSH) ends the window
            app.run()
    finally:
        ws.close()
    if app.return_code:  # a damaged workspace: Textual has printed the sentence
        sys.exit(app.return_code)


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
@click.option("--today", "today_arg", metavar="DATE", hidden=True)
def demo(workspace: str, size: str, no_open: bool, rebuild: bool, today_arg: str | None) -> None:
    """Build the demo workspace (default `demo`) and open it."""
    import time

    from kamtui.services.demo import build_demo

    path = resolve_workspace(workspace)
    if rebuild or not exists(path):
        started = time.perf_counter()
        build_demo(path, size)
        click.echo(f"Built {path} ({size}) in {time.perf_counter() - started:.1f}s", err=True)
    today = _today(today_arg)
    if no_open:
        _print_report(path, "table", "en", today)
    else:
        _run_app(path, False, None, today)


@cli.command()
@click.argument("workspace", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=LANG, default="en", show_default=True, callback=_errors_in, is_eager=True)
@click.option("--today", "today_arg", metavar="DATE", hidden=True)
def report(workspace: str | None, fmt: str, lang: str, today_arg: str | None) -> None:
    """Print the portfolio summary of WORKSPACE."""
    today = _today(today_arg)  # a usage error before any workspace is looked for
    _print_report(_path(workspace), fmt, lang, today)


def _print_report(path: Path, fmt: str, lang: str, today: dt.date) -> None:
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


@cli.command()
@click.argument("workspace", required=False)
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


def main() -> None:
    try:
        cli.main(standalone_mode=False, prog_name="kamtui")
    except click.exceptions.Abort:
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
