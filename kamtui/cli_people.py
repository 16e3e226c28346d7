"""`kamtui people import`: an account's people from a contact file (CSV, Excel, vCard).

What the import does per person goes to stdout (the dry run's table); how the file was read,
progress and the closing line go to stderr.
"""

from __future__ import annotations

from pathlib import Path

import click

from kamtui import safe_text
from kamtui.cli import _errors_in
from kamtui.errors import InputError

LANG = click.Choice(["en", "zh"])
PROGRESS_BYTES = 256 * 1024  # a smaller contact file is read and written at once: no bar
PROGRESS_MIN = 20  # what cli_plans._progress needs to show a bar at all


def _epilog() -> str:
    from kamtui.services.contacts.presets import PRESETS, describe

    lines = ["\b", "FIELD is one of: name, given_name, family_name, title, department (a path like",
             "'IT / Security'), reports_to (the manager's name, e-mail or record id), email, phone,",
             "record_id; or ignore. The columns each preset reads (recognised from the header row):"]
    for preset in PRESETS.values():
        lines += ["\b", f"{preset.label}:"]
        lines += [f"  {name}: {columns}" for name, columns in describe(preset)]
    lines += ["", "docs/contacts.md has the rules of matching and the presets."]
    return "\n".join(lines)


class _LazyEpilog(click.Command):
    """The presets' columns in --help, read when help is asked for."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.epilog = _epilog()
        super().format_epilog(ctx, formatter)


@click.group("people")
def people_group() -> None:
    """The customer's people: bring them in from contact files."""


@people_group.command("import", cls=_LazyEpilog)
@click.argument("workspace")
@click.argument("source", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--account", "account", required=True, metavar="NAME",
              help="The account the people belong to (name, short name or id).")
@click.option("--dry-run", is_flag=True, help="Show what would be created, updated and skipped; write nothing.")
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Read FIELD from COLUMN (repeatable); FIELD 'ignore' leaves a column out.")
@click.option("--skip-bad", is_flag=True, help="Import the good rows when some are bad (they are listed).")
@click.option("--sheet", metavar="NAME", help="The spreadsheet's sheet (default: the first).")
@click.option("--encoding", metavar="NAME", help="The text's encoding, when detection gets it wrong.")
@click.option("--preset", type=click.Choice(["salesforce", "dynamics", "hubspot", "google", "vcard", "common"]),
              help="Read the columns as this exporter writes them (default: recognised from the headers).")
@click.option("--lang", type=LANG, default="en", show_default=True, callback=_errors_in, is_eager=True,
              help="The language of the table and the errors.")
def import_cmd(workspace: str, source: Path, account: str, dry_run: bool, maps: tuple[str, ...],
               skip_bad: bool, sheet: str | None, encoding: str | None, preset: str | None, lang: str) -> None:
    """Import the people of FILE (CSV, .xlsx, .vcf) into an account of WORKSPACE.

    People already in the account (same e-mail, or same name and department) are updated,
    never duplicated; departments named by path are created. Nothing is written when a row
    is bad, unless --skip-bad. Attitude, influence, role and needs start unknown: assess
    them in the app.
    """
    from kamtui.cli_plans import _open, _progress
    from kamtui.services.contacts import apply
    from kamtui.services.contacts.mapping import parse_maps
    from kamtui.services.context import Context
    from kamtui.services.lookup import find_account

    pairs = parse_maps(maps)
    ws = _open(workspace, read_only=dry_run)
    try:
        ctx = Context(ws)
        target = find_account(ctx, account)
        # a bar that pulses through the stages, on a terminal, for a file that takes a moment
        big = source.is_file() and source.stat().st_size >= PROGRESS_BYTES
        with _progress("Reading contacts", PROGRESS_MIN if big else 0) as bar:
            stages = {"read": "Reading contacts", "check": "Checking contacts", "write": "Writing (one transaction)"}

            def progress(phase: str, done: int, of: int) -> None:
                if bar and done == 0:
                    bar(0, None, stages[phase])
            prepared = apply.prepare(source, sheet=sheet, encoding=encoding, maps=pairs, preset=preset,
                                     progress=progress, ctx=ctx)
            _describe(prepared)
            try:
                result = apply.import_contacts(ctx, target.id, prepared, dry_run=dry_run, skip_bad=skip_bad,
                                               progress=progress)
            except InputError as exc:
                if len(exc.problems) > 1:
                    _list(exc, lang)
                raise
    finally:
        ws.close()
    if dry_run:
        _table(result, lang)
        refused = apply.refusal(prepared, result)
        if refused is not None:
            _list(refused, lang)
            raise refused
    _close(prepared, result, dry_run, lang)


def _list(exc: InputError, lang: str) -> None:
    """Every bad row of a refusal, one line each, above the error's closing line."""
    from kamtui.messages import text_in

    colon = "：" if lang == "zh" else ": "
    for where, what in exc.problems:
        click.echo(f"  {text_in(where, lang)}{colon}{what.text(lang)}", err=True)


def _describe(prepared) -> None:
    """How the file was read: its kind, encoding, preset, and which column gives each field."""
    sheet, mapping = prepared.sheet, prepared.mapping
    how = {"csv": "CSV", "xlsx": "spreadsheet", "vcard": "vCard"}[sheet.kind]
    extra = f", {sheet.encoding}" if sheet.encoding else f", sheet {sheet.sheet!r}" if sheet.sheet else ""
    click.echo(safe_text.line(f"kamtui: {sheet.source}: {how}{extra}, {len(sheet.rows)} rows, "
                              f"columns read as {mapping.preset.label}"), err=True)
    fields = []
    for name in mapping.getters:
        columns = mapping.columns(name)
        if columns:
            fields.append(f"{name} ← {' / '.join(columns)}")
    click.echo(safe_text.line("kamtui: " + "; ".join(fields)), err=True)


def _pad(text: str, width: int) -> str:
    from rich.cells import cell_len

    return text + " " * max(width - cell_len(text), 0)


def table_lines(result, lang: str) -> list[str]:
    """The dry run's table: where, what, who, department, why (CJK counted two cells)."""
    from rich.cells import cell_len

    from kamtui.services.contacts.words import entry_reason, place_text, say

    rows = [[place_text(e.place, lang), say(f"action.{e.action}", lang), e.name, e.department, entry_reason(e, lang)]
            for e in result.entries]
    rows = [[safe_text.line(c) for c in r] for r in rows]
    heads = {"en": ["where", "action", "name", "department", "reason"],
             "zh": ["位置", "操作", "姓名", "部门", "原因"]}[lang]
    widths = [max([cell_len(h)] + [cell_len(r[i]) for r in rows]) for i, h in enumerate(heads[:-1])]
    widths = [min(w, 40) for w in widths]
    out = ["  ".join(_pad(h, w) for h, w in zip(heads, widths + [0])).rstrip()]
    out += ["  ".join(_pad(c, w) for c, w in zip(r, widths + [0])).rstrip() for r in rows]
    return out


def _table(result, lang: str) -> None:
    click.echo("\n".join(table_lines(result, lang)))


def _close(prepared, result, dry_run: bool, lang: str) -> None:
    from kamtui.services.contacts.apply import problem_where
    from kamtui.services.contacts.words import problem_text

    if result.skip_bad:
        for p in result.problems:
            click.echo(safe_text.line(f"kamtui: skipped {problem_where(prepared.source, p)}: {problem_text(p)}"), err=True)
    counts = (f"{result.count('create')} to create, {result.count('update')} to update, "
              f"{result.count('skip')} to skip, {len(result.new_departments)} departments to create")
    name = result.account.name
    if dry_run:
        click.echo(safe_text.line(f"Dry run for {name}: {counts}; nothing was written."), err=True)
    else:
        done = (f"{len(result.creates)} created, {len(result.updates)} updated, {result.count('skip')} skipped, "
                f"{len(result.new_departments)} departments created")
        click.echo(safe_text.line(f"Imported {prepared.source} into {name}: {done}."), err=True)
        if result.creates:
            from kamtui.services.contacts.words import say

            click.echo(f"kamtui: {say('next', lang)}", err=True)
