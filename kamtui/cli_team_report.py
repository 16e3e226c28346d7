"""`kamtui report --by owner|tier|level`: the team view's figures on stdout (issue 16.4)."""

from __future__ import annotations

import datetime as dt

import click


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD", param_hint=option) from None


def print_team_report(ws, by: str, start: dt.date | None, end: dt.date | None, fmt: str, lang: str,
                      today: dt.date, tier: str | None) -> None:
    """Print the figures of `ws` (open, read-only) grouped `by`, over [start, end] (this
    quarter by default; one date given: the other end of this quarter)."""
    from kamtui.services import settings as settings_service
    from kamtui.services import team, team_report
    from kamtui.services.context import Context

    ctx = Context(ws, today=today)
    try:
        report = team.report_between(ctx, by, start, end, tier)  # type: ignore[arg-type]
    except ValueError:
        why = "" if start and end else " (the date not given is this quarter's)"
        raise click.BadParameter(f"the period would end before it starts{why}", param_hint="--from / --to") from None
    names = team.tier_names(ctx, lang)
    if fmt == "json":
        click.echo(team_report.as_json(report, lang, names))  # type: ignore[arg-type]
    elif fmt == "csv":
        click.echo(team_report.as_csv(report, lang, names), nl=False)  # type: ignore[arg-type]
    elif fmt == "md":
        click.echo(team_report.as_markdown(report, settings_service.team_name(ctx), lang, names))  # type: ignore[arg-type]
    else:
        _print_table(report, lang, names)


def _print_table(report, lang: str, names) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from kamtui import safe_text
    from kamtui.services import team_report as tr

    console = Console()
    # at 80 columns: the counts, not the level distribution (the JSON/CSV/md have it all)
    narrow = ("levels", "undated", "cancelled", "ext", "on_time", "planned") if console.width < 150 else ()
    keep = [i for i, h in enumerate(tr.HEADINGS) if h not in narrow]
    p = report.period
    title = f"{tr.word('title', lang)} · {tr.word('period', lang, start=p.start.isoformat(), end=p.end.isoformat())}"  # type: ignore[arg-type]
    table = Table(title=Text(title), box=None, pad_edge=False, header_style="bold underline")
    table.add_column(tr.word("by." + report.by, lang), no_wrap=True, overflow="ellipsis", max_width=16)  # type: ignore[arg-type]
    for h in (tr.HEADINGS[i] for i in keep):
        table.add_column(tr.word(h, lang), justify="left" if h == "levels" else "right", min_width=5)  # type: ignore[arg-type]
    for g in [*report.groups, report.total]:
        key = "team" if g is report.total else g.key
        name = safe_text.line(tr.group_name(report, key, lang, names))  # type: ignore[arg-type]
        table.add_row(Text(name, style="bold" if key == "team" else ""), *(Text(c) for i, c in enumerate(tr.table_cells(g)) if i in keep))
    console.print(table)
    if narrow:  # said, not silently dropped
        left = ", ".join(tr.word(h, lang) for h in narrow)  # type: ignore[arg-type]
        console.print(Text(tr.word("left_out", lang, columns=left)), style="dim")
