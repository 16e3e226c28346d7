"""`kamtui export` and `kamtui import`: account plans as TOML files (or a Markdown brief).

Data goes to stdout only with `-o -` (or no `-o` for one account); everything else, the
progress bar included, goes to stderr.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kamtui.cli_group import complete_workspace
from kamtui.errors import InputError, KamtuiError
from kamtui.messages import say
from kamtui.paths import resolve_workspace

PROGRESS_MIN = 20  # files: below this an export or import is quick, no bar


def _today(value: str | None) -> dt.date:
    from kamtui.cli import _today as parse_today  # one parser for every command

    return parse_today(value)


def _open(workspace: str, read_only: bool, verify: bool = True):
    from kamtui.services.workspaces import open_workspace

    from kamtui.cli import figures_progress

    ws, notes = open_workspace(resolve_workspace(workspace), read_only=read_only, verify=verify,
                               progress=figures_progress)
    for note in notes:
        click.echo(f"kamtui: note: {note}", err=True)
    return ws


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[..., None] | None]:
    """A rich progress bar on stderr when stderr is a terminal and the work is long.

    Yields `update(done, total, label=None)`; a total of None makes the bar pulse.
    """
    if total < PROGRESS_MIN or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = [bar.add_task(label, total=total)]

        def update(done: int, of: int | None, label: str | None = None) -> None:
            if label is not None:  # a new stage: a new bar (pulsing when its total is unknown)
                bar.remove_task(task[0])
                task[0] = bar.add_task(label, total=of, completed=done)
            else:
                bar.update(task[0], completed=done, total=of)
        yield update


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


@click.command("export")
@click.argument("workspace", shell_complete=complete_workspace)
@click.option("--account", "accounts", multiple=True, metavar="NAME_OR_ID",
              help="The account to export (name, short name or id); repeatable.")
@click.option("--all", "all_", is_flag=True,
              help="Every account, one file each, plus workspace.toml (settings and team).")
@click.option("-o", "--output", metavar="FILE|DIR|-",
              help="A file, a folder, or - for stdout (default: stdout for one account, "
                   "./WORKSPACE-NAME/ for several).")
@click.option("--include-private", is_flag=True,
              help="Include personal needs, career needs and private notes.")
@click.option("--format", "fmt_name", type=click.Choice(["toml", "md"]), default="toml", show_default=True,
              help="toml: the plan file; md: a one-page Markdown brief.")
@click.option("--today", "today_arg", metavar="DATE", hidden=True)
def export_cmd(workspace: str, accounts: tuple[str, ...], all_: bool, output: str | None,
               include_private: bool, fmt_name: str, today_arg: str | None) -> None:
    """Export account plans of WORKSPACE as TOML files (or Markdown briefs)."""
    from kamtui.services import settings as settings_service
    from kamtui.services.context import Context
    from kamtui.services.plans import export

    if all_ and accounts:
        raise click.UsageError("give either --all or --account, not both")
    today = _today(today_arg)
    # writable where it may be: what a TOML export writes becomes its records' synced state
    ws = _open(workspace, read_only=fmt_name != "toml" or output in (None, "-") and not all_)
    try:
        ctx = Context(ws, today=today)
        lang = settings_service.language(ctx) or settings_service.get(ctx).default_lang
        if all_:
            ids = export.all_account_ids(ctx)
        elif accounts:
            ids = list(dict.fromkeys(export.find_account(ctx, a).id for a in accounts))
        else:
            ids = export.all_account_ids(ctx)
            if len(ids) != 1:
                raise InputError("plan.export.name_one", path=ws.path, n=len(ids))
        if not all_ and len(ids) == 1 and (output is None or output == "-" or not Path(output).is_dir()):
            text = export.account_text(ctx, ids[0], include_private=include_private,
                                       fmt_name=fmt_name, lang=lang)
            if output is None or output == "-":
                click.echo(text, nl=False)
                return
            target = Path(output)
            if not target.parent.is_dir():
                raise KamtuiError("plan.export.no_folder", path=target, folder=target.parent)
            if fmt_name == "toml":
                done = export.write_account(ctx, ids[0], target, include_private=include_private)
            else:
                done = export.write_text(target, text, private=include_private, mode=export.workspace_mode(ctx))
            click.echo(f"Wrote {done.path} ({_size(done.size)})", err=True)
            return
        if output == "-":
            raise click.UsageError("several plans cannot go to stdout: give a folder with -o DIR")
        folder = Path(output) if output else Path(ws.path.stem)
        if folder.exists() and not folder.is_dir():
            raise KamtuiError("plan.export.is_file", path=folder)
        with _progress("Exporting plans", len(ids)) as progress:
            written = export.export_accounts(
                ctx, ids, folder, include_private=include_private, fmt_name=fmt_name,
                with_workspace=all_ and fmt_name == "toml", lang=lang, progress=progress)
    except OSError as exc:  # a full disk, a folder we may not write: files are whole or absent
        from kamtui.messages import os_reason

        raise KamtuiError("os.cannot_write_whole", path=exc.filename or output or "-", why=os_reason(exc)) from None
    finally:
        ws.close()
    if len(written) <= PROGRESS_MIN:
        for w in written:
            click.echo(f"Wrote {w.path} ({_size(w.size)})", err=True)
    total = sum(w.size for w in written)
    click.echo(say("cli.exported", n=len(written), size=_size(total), folder=folder)
               + ("" if include_private else say("cli.private_left_out")), err=True)
    if all_ and fmt_name == "toml":
        # compared in NFC: macOS hands back decomposed names
        ours = {unicodedata.normalize("NFC", w.path.name) for w in written}
        stale = sorted(p.name for p in folder.glob("*.toml")
                       if unicodedata.normalize("NFC", p.name) not in ours)
        if stale:
            names = ", ".join(stale[:3]) + ("…" if len(stale) > 3 else "")
            click.echo("kamtui: note: " + say("cli.stale_plans", folder=folder, n=len(stale), names=names), err=True)


@click.command("import", epilog="Exit status: 0 done; 1 error (nothing imported); 2 usage; "
                                 "3 imported, but records with conflicts were left as they are.")
@click.argument("workspace", shell_complete=complete_workspace)
@click.argument("source", metavar="FILE_OR_DIR")
@click.option("--dry-run", is_flag=True, help="Check and count, write nothing.")
@click.option("--overwrite", is_flag=True,
              help="On a conflict (a field changed both in the workspace and in the file since "
                   "the last sync), take the file's value.")
@click.option("--keep-workspace", is_flag=True,
              help="On a conflict, keep the workspace's value (the next export writes it).")
def import_cmd(workspace: str, source: str, dry_run: bool, overwrite: bool, keep_workspace: bool) -> None:
    """Import plan files (a .toml file, or a folder of them) into WORKSPACE.

    Everything is checked first; nothing is written unless all of it is valid. Each record
    is merged three ways: the file, the workspace, and the state of the last sync (the last
    export or import of it): changes from either side apply, field by field; a field both
    changed differently is a conflict, and its record is left as it is unless --overwrite
    or --keep-workspace decides.
    """
    if overwrite and keep_workspace:
        raise click.UsageError("give either --overwrite or --keep-workspace, not both")
    from kamtui.services.context import Context
    from kamtui.services.plans import import_
    from kamtui.services.plans.parse import read_path

    sources, problems = read_path(Path(source))
    ws = _open(workspace, read_only=dry_run)
    try:
        ctx = Context(ws)
        total = len(sources)
        with _progress("Reading plans", total) as bar:
            def progress(phase: str, done: int, of: int) -> None:
                if bar and phase == "read":
                    bar(done, of)
                elif bar and phase == "write" and done == 0:
                    bar(0, None, "Writing (one transaction)")
            try:
                result = import_.import_sources(
                    ctx, sources, dry_run=dry_run, progress=progress, problems=problems,
                    resolve="file" if overwrite else "workspace" if keep_workspace else "")
            except InputError as exc:
                if len(exc.problems) > 1:
                    for where, what in exc.problems:
                        click.echo(f"  {where}: {what}", err=True)
                raise
    finally:
        ws.close()
    rows = import_.summary_rows(result)
    click.echo(f"{'kind':<12}{'created':>9}{'updated':>9}{'unchanged':>11}{'conflicts':>11}")
    for kind, created, updated, unchanged, conflicts in rows:
        click.echo(f"{kind:<12}{created:>9}{updated:>9}{unchanged:>11}{conflicts:>11}")
    for c in result.conflicts:
        click.echo(f"kamtui: conflict: {c.describe()}", err=True)
    if dry_run:
        click.echo("Dry run: nothing was written.", err=True)
    else:
        click.echo(say("cli.imported", files=result.files, path=ws.path, written=result.written), err=True)
    if result.skipped:
        from kamtui.services.plans.results import ConflictsLeft

        raise ConflictsLeft("plan.import.conflicts_left", n=len(result.skipped))
