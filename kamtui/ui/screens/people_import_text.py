"""The words of the people import dialog (people_import.py) and the preview it shows: what the
file was read as, then tables of the people to create, to update (which fields) and to skip
(why). Names and values are user data: literal, filtered, one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content

from kamtui.ui.i18n import register, t
from kamtui.ui.text import safe_line

if TYPE_CHECKING:
    from kamtui.services.contacts.apply import Prepared
    from kamtui.services.contacts.plan import ContactPlan

register({
    "key.people_import_run": ("Check / import", "检查 / 导入"),
    "help.people_import_run": ("Check the file (a dry run); once its preview is shown, import it",
                               "检查文件（试运行）；显示预览后再按即导入"),
    "people_io.title": ("Import people into $name", "导入人员到 $name"),
    "people_io.source": ("Contact file", "联系人文件"),
    "people_io.skip_bad": ("skip bad rows (import the others)", "跳过有问题的行（导入其余的行）"),
    "people_io.hint": ("CSV, Excel (.xlsx) or vCard (.vcf) from Salesforce, Dynamics 365, HubSpot, Google "
                       "Contacts, Outlook or any sheet. A preview comes first: nothing is written until you "
                       "confirm it.",
                       "来自 Salesforce、Dynamics 365、HubSpot、Google 通讯录、Outlook 或任意表格的 CSV、"
                       "Excel (.xlsx) 或 vCard (.vcf)。先预览：确认之前不会写入任何内容。"),
    "people_io.confirm": ("Preview shown, nothing written yet: ctrl+s imports it in one transaction.",
                          "已显示预览，尚未写入：按 ctrl+s 以单个事务导入。"),
    "people_io.refused": ("Bad rows: fix the file and check again, or tick “skip bad rows”.",
                          "存在有问题的行：请修正文件后重新检查，或勾选“跳过有问题的行”。"),
    "people_io.nothing": ("Nothing to import: the account has all of it already.", "无需导入：客户已包含全部内容。"),
    "people_io.read": ("$file: {rows} rows, read as $preset", "$file：{rows} 行，按 $preset 读取"),
    "people_io.counts": ("{create} to create · {update} to update · {skip} to skip · {departments} new "
                         "{departments|department|departments}",
                         "新建 {create} 人 · 更新 {update} 人 · 跳过 {skip} 人 · 新部门 {departments} 个"),
    "people_io.bad": ("Bad rows: {n}. Nothing is imported unless they are skipped.", "有问题的行：{n}。除非跳过，否则不导入任何内容。"),
    "people_io.bad_skipped": ("Bad rows: {n}, skipped; the others are imported.", "有问题的行：{n}，将跳过；其余的行将导入。"),
    "people_io.section.create": ("To create ({n})", "将新建（{n}）"),
    "people_io.section.update": ("To update ({n})", "将更新（{n}）"),
    "people_io.section.skip": ("To skip ({n})", "将跳过（{n}）"),
    "people_io.more": ("… and {n} more (kamtui people import --dry-run lists them all)",
                       "……另有 {n} 行（kamtui people import --dry-run 列出全部）"),
    "people_io.check": ("Check", "检查"),
    "people_io.import": ("Import", "导入"),
    "people_io.checking": ("Reading and checking the file…", "正在读取并检查文件…"),
    "people_io.importing": ("Writing (one transaction)…", "正在写入（单个事务）…"),
    "people_io.imported": ("Imported $file into $name: $created {created|person|people} created, $updated updated, "
                           "$departments {departments|department|departments} created",
                           "已将 $file 导入 $name：新建 $created 人，更新 $updated 人，新建 $departments 个部门"),
    "people_io.unknown": (" · new people start unknown: the assessment wizard offers them (a on its people step)",
                          " · 新人员的评估为未知：评估向导的人员步骤会列出他们（按 a 加入）"),
    "people_io.notice.title": ("People", "人员"),
})

MAX_LINES = 40  # rows listed per table; the rest are counted


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_len(text), 0)


def _widths(rows: list[list[str]], widest: int = 28) -> list[int]:
    """Column widths (CJK counted two cells), the last column left as long as it is."""
    if not rows:
        return []
    return [min(max(cell_len(r[i]) for r in rows), widest) for i in range(len(rows[0]) - 1)]


def _line(row: list[str], widths: list[int]) -> Content:
    return Content("  ".join(_pad(c, w) for c, w in zip(row, widths + [0])).rstrip())


def preview_text(prepared: Prepared, result: ContactPlan, lang: str) -> Content:
    from kamtui.services.contacts.words import entry_reason, place_text, say

    sheet, mapping = prepared.sheet, prepared.mapping
    lines = [Content.from_markup(t("people_io.read", lang, rows=len(sheet.rows)),  # type: ignore[arg-type]
                                 file=safe_line(sheet.source), preset=mapping.preset.label).stylize("bold")]
    lines.append(Content(t("people_io.counts", lang, create=result.count("create"),  # type: ignore[arg-type]
                           update=result.count("update"), skip=result.count("skip"),
                           departments=len(result.new_departments))))
    read = "; ".join(f"{say(f'field.{name}', lang)} ← {' / '.join(mapping.columns(name))}"
                     for name in mapping.getters if mapping.columns(name))
    lines.append(Content(safe_line(read)).stylize("dim"))
    if result.problems:
        rows = len({(p.place.unit, p.place.number) for p in result.problems})
        key = "people_io.bad_skipped" if result.skip_bad else "people_io.bad"
        lines.append(Content(t(key, lang, n=rows)).stylize("bold"))  # type: ignore[arg-type]
    if result.written == 0 and not result.problems:
        lines.append(Content(t("people_io.nothing", lang)))  # type: ignore[arg-type]
    sections = []
    for action in ("create", "update", "skip"):
        entries = [e for e in result.entries if e.action == action]
        if entries:
            rows = [[safe_line(place_text(e.place, lang)), safe_line(e.name), safe_line(e.department),
                     safe_line(entry_reason(e, lang))] for e in entries[:MAX_LINES]]
            sections.append((action, len(entries), rows))
    widths = _widths([r for _, _, rows in sections for r in rows])  # one alignment for the three
    for action, n, rows in sections:
        lines += [Content(""), Content(t(f"people_io.section.{action}", lang, n=n)).stylize("underline")]  # type: ignore[arg-type]
        lines += [_line(r, widths) for r in rows]
        if n > MAX_LINES:
            lines.append(Content(t("people_io.more", lang, n=n - MAX_LINES)).stylize("dim"))  # type: ignore[arg-type]
    return Content("\n").join(lines)
