"""Team-safety commands: backup, restore, log."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from kamtui import safe_text
from kamtui.cli_group import complete_workspace
from kamtui.errors import KamtuiError
from kamtui.paths import resolve_workspace


@click.command("backup")
@click.argument("workspace", shell_complete=complete_workspace)
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@click.option("--keep", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="How many backups to keep next to the workspace.")
def backup_cmd(workspace: str, dest: Path | None, keep: int) -> None:
    """Back up WORKSPACE (SQLite backup API, verified), to DEST or next to it."""
    from kamtui.services.backups import backup, is_unfinished

    made, removed = backup(resolve_workspace(workspace), dest, keep)
    click.echo(str(made))
    for p in removed:
        what = "what an interrupted backup left" if is_unfinished(p) else "old backup"
        click.echo(f"removed {what} {p}", err=True)


@click.command("restore")
@click.argument("workspace", shell_complete=complete_workspace)
@click.argument("backup_file", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_cmd(workspace: str, backup_file: Path, yes: bool) -> None:
    """Replace WORKSPACE's content with BACKUP_FILE (the current content is kept aside)."""
    from kamtui.services.backups import check_restore, restore

    path = resolve_workspace(workspace)
    check_restore(path, backup_file)  # a file that would be refused is said before asking
    if not yes and not click.confirm(f"Replace the content of {path} with {backup_file}?", err=True):
        raise KamtuiError("cli.nothing_restored")
    kept = restore(path, backup_file)
    click.echo(f"Restored {path} from {backup_file}; the previous content is kept in {kept}", err=True)


@click.command("log")
@click.argument("workspace", required=False, shell_complete=complete_workspace)
@click.option("--account", "account", metavar="NAME_OR_ID", help="Only this account's changes.")
@click.option("--since", metavar="DATE", help="Only changes on or after DATE (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="json: one JSON array, an entry per line (as `report --format json`); jsonl: an object per line.")
@click.option("--json", "fmt", flag_value="jsonl", hidden=True, help="The same as --format jsonl (kept for scripts).")
def log_cmd(workspace: str | None, account: str | None, since: str | None, fmt: str) -> None:
    """Print the change log: who changed what, when, before → after."""
    from kamtui.cli import _open, _path
    from kamtui.services.backups import log
    from kamtui.services.context import Context
    from kamtui.services.lookup import find_account

    since_day = None
    if since:
        try:
            since_day = dt.date.fromisoformat(since)
        except ValueError:
            raise click.BadParameter(f"{since!r} is not a date written YYYY-MM-DD", param_hint="--since") from None
    ws = _open(_path(workspace), read_only=True)
    try:
        account_id = find_account(Context(ws), account).id if account else None
        entries = log(ws, account_id, since_day)
    finally:
        ws.close()
    if fmt == "json":  # the shape of `report --format json`: an array, one entry per line
        lines = [safe_text.json_dumps(e, sort_keys=True) for e in entries]
        click.echo("[\n" + ",\n".join("  " + line for line in lines) + "\n]" if lines else "[]")
        return
    for e in entries:
        if fmt == "jsonl":  # lossless: unsafe characters as \uXXXX escapes
            click.echo(safe_text.json_dumps(e, sort_keys=True))
            continue
        fields = "; ".join(f"{k}: {_short(v[0])} → {_short(v[1])}" for k, v in e["changes"].items())
        click.echo(safe_text.line(f"{e['at']}  {e['who']}  {e['action']} {e['entity']} {e['entity_id'][:8]}  {fields}"))


def _short(value: object, width: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = safe_text.line(text)
    return text if len(text) <= width else text[: width - 1] + "…"
