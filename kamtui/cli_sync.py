"""`kamtui sync` (plans shared through a git clone) and `kamtui merge-driver` (git's side of it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from kamtui.cli_group import complete_workspace
from kamtui.errors import KamtuiError
from kamtui.messages import Message, say
from kamtui.paths import resolve_workspace

EXIT_HELP = ("Exit status: 0 synced; 1 error (the workspace is as it was, or whole imports only); "
             "2 usage; 3 synced, but records with conflicts were left as they are (listed).")


@click.command("sync", epilog=EXIT_HELP)
@click.argument("workspace", shell_complete=complete_workspace)
@click.option("--repo", "repo_arg", metavar="DIR",
              help="The git clone the team shares plans in (remembered in the workspace).")
@click.option("--init", "init_", is_flag=True,
              help="Set the clone up first: .gitattributes and the merge driver in its git config.")
def sync_cmd(workspace: str, repo_arg: str | None, init_: bool) -> None:
    """Share WORKSPACE's account plans through a git clone.

    Exports what changed since the last sync, commits it under your name, pulls (plan files
    merge record by record with `kamtui merge-driver`), imports what came, and pushes.
    Refuses a clone with changes it did not make; an import is all or nothing.
    """
    from kamtui.services.sync_check import start_check

    path = resolve_workspace(workspace)
    # The workspace's quick_check starts before anything else (the sync's code loads, the
    # workspace opens and git answers beside it); the sync writes nothing to the workspace
    # and pushes nothing before it has passed.
    early = start_check(path)
    try:
        repo, result = _sync(workspace, path, repo_arg, init_, early)
    finally:
        early.cancel()  # (a sync that ended before it waited for it: a usage error, a refusal)
    for r in result.imports:
        for c in r.conflicts:
            click.echo(f"kamtui: conflict: {c.describe()}", err=True)
    where = ("cli.synced.pushed" if result.pushed else "cli.synced.local" if not result.remote
             else "cli.synced.not_pushed")
    click.echo(say("cli.synced", path=path, repo=repo, exported=result.exported, written=result.written,
                   where=Message(where)), err=True)
    if result.skipped:
        from kamtui.services.plans.results import ConflictsLeft

        raise ConflictsLeft("sync.conflicts_left", n=len(result.skipped))


def _sync(workspace: str, path: Path, repo_arg: str | None, init_: bool, early: Any) -> tuple[Path, Any]:
    from kamtui.cli_plans import _open
    from kamtui.services import gitsync
    from kamtui.services.context import Context

    # Opened without its quick_check: `early` runs it.
    ws = _open(workspace, read_only=False, verify=False)
    try:
        ctx = Context(ws)
        remembered = gitsync.remembered_repo(ctx)
        if repo_arg is None and remembered is None:
            raise click.UsageError("name the git clone once with --repo DIR (it is remembered)")
        repo = Path(repo_arg or remembered).absolute()  # type: ignore[arg-type]
        if init_:
            for line in gitsync.init_repo(repo, ctx.user):
                click.echo(f"kamtui: sync: {line}", err=True)
        if ws.read_only:
            raise KamtuiError("sync.read_only", path=path)
        if repo_arg is not None and str(repo) != remembered:
            gitsync.remember_repo(ctx, repo)

        def progress(what: str) -> None:
            click.echo(f"kamtui: sync: {what}…", err=True)

        return repo, gitsync.sync(ctx, repo, progress, early=early)
    finally:
        ws.close()


@click.command("merge-driver", epilog="Exit status: 0 merged; 1 conflicts written into the file "
                                      "(as [[conflicts]] entries) or git's markers where it is no plan file.")
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.argument("name", required=False, default="plan.toml")
def merge_driver_cmd(base: str, ours: str, theirs: str, name: str) -> None:
    """git's merge driver for plan files: `kamtui merge-driver %O %A %B %P`.

    Merges the three versions record by record and field by field and writes the result over
    OURS. Set up with `kamtui sync --init`, or by hand: `.gitattributes`: `*.toml merge=kamtui`;
    `git config merge.kamtui.driver "kamtui merge-driver %O %A %B %P"`.
    """
    from kamtui.services import gitsync
    from kamtui.services.plans.merge_files import merge_texts

    data = [Path(p).read_bytes() for p in (base, ours, theirs)]
    repo = Path.cwd()
    probe = merge_texts(*data, name=name)
    if probe is None:  # not a plan file kamtui reads: git's own line merge, with its markers
        done = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs])
        sys.exit(0 if done.returncode == 0 else 1)
    merged = probe
    if probe.conflicts:
        ours_by, theirs_by = gitsync.merge_authors(repo, name)
        merged = merge_texts(*data, name=name, ours_by=ours_by, theirs_by=theirs_by) or probe
    Path(ours).write_text(merged.text, encoding="utf-8")
    if merged.conflicts:
        n = len(merged.conflicts)
        click.echo(f"kamtui: {name}: {n} field{'' if n == 1 else 's'} changed differently on both sides: "
                   "written as [[conflicts]] in the file.", err=True)
    sys.exit(1 if merged.conflicts else 0)
