"""Activities as an iCalendar (.ics) file that calendar programs import (RFC 5545 via `icalendar`).

Each dated activity is an all-day event whose UID is stable (`<activity id>@kamtui`), so
importing a newer export updates the events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamtui import safe_text
from kamtui.domain.enums import ActivityStatus, Lang
from kamtui.domain.models import Activity
from kamtui.errors import InputError
from kamtui.messages import os_reason
from kamtui.services import activities as activities_service
from kamtui.services.context import Context
from kamtui.services.files import workspace_mode, write_file

_STATUS = {ActivityStatus.planned: "TENTATIVE", ActivityStatus.in_progress: "CONFIRMED",
           ActivityStatus.done: "CONFIRMED", ActivityStatus.cancelled: "CANCELLED"}
_WORDS = {
    "targets": ("Targets", "对象"), "objective": ("Objective", "目标"),
    "short_board": ("Short board", "短木板"), "status": ("Status", "状态"),
    "owner": ("Owner", "负责人"), "outcome": ("Outcome", "成果"),
}


@dataclass(frozen=True)
class CalendarItem:
    activity: Activity
    account_name: str
    targets: str = ""  # names of the people, department or business line
    owner: str = ""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size: int  # bytes written
    events: int
    skipped: int  # activities without a date


def _word(key: str, lang: Lang) -> str:
    en, zh = _WORDS[key]
    return zh if lang == "zh" else en


def calendar_bytes(items: Iterable[CalendarItem], lang: Lang, name: str,
                   stamp: dt.datetime) -> tuple[bytes, int, int]:
    """The calendar as bytes, with the number of events and of undated activities left out."""
    import icalendar  # heavy (≈40 ms): only when a calendar is written, never at start-up

    cal = icalendar.Calendar()
    cal.add("prodid", "-//kamtui//kamtui activity planner//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", safe_text.line(name))
    events = skipped = 0
    for item in items:
        a = item.activity
        if a.planned_on is None:
            skipped += 1
            continue
        ev = icalendar.Event()
        ev.add("uid", f"{a.id}@kamtui")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", a.planned_on)
        ev.add("dtend", a.planned_on + dt.timedelta(days=1))
        ev.add("summary", safe_text.line(f"{a.type.label(lang)} · {item.account_name}"))
        lines = [f"{_word('status', lang)}: {a.status.label(lang)}"]
        for key, value in (("targets", item.targets), ("objective", a.objective),
                           ("short_board", a.short_board), ("owner", item.owner),
                           ("outcome", a.outcome)):
            if value:
                lines.append(f"{_word(key, lang)}: {safe_text.text(value)}")
        ev.add("description", "\n".join(lines))
        ev.add("categories", [a.scope.label(lang), a.layer.label(lang)])
        ev.add("status", _STATUS[a.status])
        cal.add_component(ev)
        events += 1
    return cal.to_ical(), events, skipped


def _stamp(ctx: Context) -> dt.datetime:
    return dt.datetime.combine(ctx.today, dt.time(), tzinfo=dt.timezone.utc)


def suggested_path(ctx: Context, label: str) -> Path:
    """`<label>-<today>.ics` in the working folder, the label reduced to a safe file name."""
    slug = re.sub(r"[^\w.-]+", "-", label, flags=re.UNICODE).strip("-.")[:60] or "kamtui"
    return Path.cwd() / f"{slug}-{ctx.today.isoformat()}.ics"


def _target_path(raw: str | Path, overwrite: bool) -> Path:
    text = str(raw).strip()
    if not text:
        raise InputError.at("path", "path.give_name")
    path = Path(text).expanduser()
    if path.is_dir():
        raise InputError.at("path", "path.is_folder")
    if not path.parent.is_dir():
        raise InputError.at("path", "path.no_folder", folder=path.parent)
    if path.exists() and not overwrite:
        raise InputError.at("path", "path.exists_overwrite")
    return path


def write_calendar(path: str | Path, items: Iterable[CalendarItem], lang: Lang, name: str,
                   ctx: Context, overwrite: bool = False) -> ExportResult:
    target = _target_path(path, overwrite)
    data, events, skipped = calendar_bytes(items, lang, name, _stamp(ctx))
    try:
        write_file(target, data, workspace_mode(ctx))
    except OSError as exc:
        raise InputError(problems=[("path", os_reason(exc))]) from None
    return ExportResult(target, len(data), events, skipped)


def planner_items(planner: activities_service.Planner, acts: Iterable[Activity], lang: Lang) -> list[CalendarItem]:
    out = []
    for a in acts:
        if a.target_person_ids:
            targets = ", ".join(planner.target_names(a))
        else:
            targets = planner.department_name(a.target_department_id) or a.target_business_line
        out.append(CalendarItem(a, planner.account.name, targets, planner.member_name(a.owner_id)))
    return out


def export_activities(ctx: Context, planner: activities_service.Planner, acts: Iterable[Activity],
                      path: str | Path, lang: Lang, overwrite: bool = False) -> ExportResult:
    """Chosen activities of one account (e.g. those the planner shows)."""
    return write_calendar(path, planner_items(planner, acts, lang), lang, planner.account.name,
                          ctx, overwrite)


def export_account(ctx: Context, account_id: str, path: str | Path, lang: Lang,
                   overwrite: bool = False) -> ExportResult:
    """Every active (not archived) activity of an account."""
    planner = activities_service.load(ctx, account_id)
    return export_activities(ctx, planner, planner.active(), path, lang, overwrite)


def export_agenda(ctx: Context, path: str | Path, lang: Lang, weeks: int = 6,
                  overwrite: bool = False) -> ExportResult:
    """The acting user's agenda across accounts."""
    items = [CalendarItem(e.activity, e.account_name, e.target_names or e.department_name
                          or e.activity.target_business_line)
             for e in activities_service.my_agenda(ctx, weeks, limit=100_000).entries]
    name = "kamtui: " + ("我的日程" if lang == "zh" else "my agenda")
    return write_calendar(path, items, lang, name, ctx, overwrite)
