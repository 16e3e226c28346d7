"""The words of the plan dialogs (plan_io.py) and the app's plan entries, and the texts they
build: the dry-run summary, conflicts, problems and the closing notifications.

Kept apart from the dialogs so that the app registers these strings without importing the
plan services (they load with the first dialog).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content

from kamtui.ui.i18n import register, t
from kamtui.ui.text import fill, safe

if TYPE_CHECKING:
    from kamtui.errors import Problem
    from kamtui.services.plans.results import ImportResult

register({
    # app-wide key x and the palette
    "key.plan_export": ("Export", "导出"),
    "help.plan_export": ("Export the account's plan (TOML file or Markdown brief)",
                         "导出客户计划（TOML 文件或 Markdown 简报）"),
    "cmd.plan_export": ("plan: export", "计划：导出"),
    "cmd.plan_export_brief": ("plan: export brief", "计划：导出简报"),
    "cmd.plan_export_brief.help": ("Write the account's plan as a one-page Markdown brief",
                                   "将客户计划写成一页 Markdown 简报"),
    "cmd.plan_export_all": ("plan: export all accounts…", "计划：导出所有客户…"),
    "cmd.plan_export_all.help": ("One plan file per account, and workspace.toml, into a folder",
                                 "每个客户一个计划文件，外加 workspace.toml，写入一个文件夹"),
    "cmd.plan_import": ("plan: import…", "计划：导入…"),
    "cmd.plan_import.help": ("Import plan files (a file or a folder): a dry run first, then confirm",
                             "导入计划文件（文件或文件夹）：先试运行，再确认"),
    # the dialogs' keys
    "key.plan_export_run": ("Export", "导出"),
    "help.plan_export_run": ("Write the file", "写入文件"),
    "key.plan_import_run": ("Check / import", "检查 / 导入"),
    "help.plan_import_run": ("Check the files (a dry run); once its summary is shown, import them",
                             "检查文件（试运行）；显示摘要后再按即导入"),
    "key.plan_io_cancel": ("Cancel", "取消"),
    "help.plan_io_cancel": ("Close; while working, stop at the next step", "关闭；进行中则在下一步停止"),
    # export
    "plan_io.export.title": ("Export plan · $name", "导出计划 · $name"),
    "plan_io.export_all.title": ("Export every account's plan into a folder", "将所有客户的计划导出到文件夹"),
    "plan_io.file": ("File", "文件"),
    "plan_io.folder": ("Folder", "文件夹"),
    "plan_io.format": ("Format", "格式"),
    "plan_io.format.toml": ("TOML plan file (imports back)", "TOML 计划文件（可导回）"),
    "plan_io.format.md": ("Markdown brief (one page, to read)", "Markdown 简报（一页，供阅读）"),
    "plan_io.private": ("Private", "私密"),
    "plan_io.private.box": ("include personal and career needs, private notes",
                            "包含个人需求、职业需求和私密备注"),
    "plan_io.export": ("Export", "导出"),
    "plan_io.cancel": ("Cancel", "取消"),
    "plan_io.writing_file": ("Writing the file…", "正在写入文件…"),
    "plan_io.writing_files": ("Writing files… {done}/{total}", "正在写入文件… {done}/{total}"),
    "plan_io.exported": ("Exported $path ($size)", "已导出 $path（$size）"),
    "plan_io.exported_all": ("Exported $n {n|file|files} ($size) to $path", "已导出 $n 个文件（$size）到 $path"),
    "plan_io.with_private": (" · private fields included", " · 含私密字段"),
    "plan_io.without_private": (" · private fields left out", " · 不含私密字段"),
    "plan_io.notice.title": ("Plans", "计划"),
    "plan_io.no_path": ("Give a path.", "请填写路径。"),
    "plan_io.no_folder": ("The folder $path does not exist.", "文件夹 $path 不存在。"),
    "plan_io.is_file": ("$path is a file: give a folder.", "$path 是文件：请填写文件夹。"),
    "plan_io.replace.title": ("Replace $name?", "替换 $name？"),
    "plan_io.replace.body": ("A file of that name is in $folder already: the export replaces it.",
                             "$folder 中已有同名文件：导出将替换它。"),
    "plan_io.stopping": ("Stopping at the next step…", "将在下一步停止…"),
    "plan_io.stopped": ("Stopped: nothing more was written.", "已停止：未再写入任何内容。"),
    # import
    "plan_io.import.title": ("Import plan files", "导入计划文件"),
    "plan_io.source": ("File or folder", "文件或文件夹"),
    "plan_io.overwrite": ("overwrite records changed here since the export", "覆盖导出后在此处被修改的记录"),
    "plan_io.import.hint": ("A dry run comes first: nothing is written until you confirm its summary.",
                            "先试运行：确认其摘要之前不会写入任何内容。"),
    "plan_io.import.confirm": ("Dry run done, nothing written yet: ctrl+s imports it in one transaction.",
                               "试运行完成，尚未写入：按 ctrl+s 以单个事务导入。"),
    "plan_io.check": ("Check", "检查"),
    "plan_io.import": ("Import", "导入"),
    "plan_io.checking": ("Checking…", "正在检查…"),
    "plan_io.importing": ("Importing…", "正在导入…"),
    "plan_io.reading": ("Reading plan files… {done}/{total}", "正在读取计划文件… {done}/{total}"),
    "plan_io.writing": ("Writing (one transaction)…", "正在写入（单个事务）…"),
    "plan_io.summary.title": ("Dry run of {files} {files|file|files}: {written} {written|record|records} to write, "
                              "{conflicts} {conflicts|conflict|conflicts}",
                              "试运行 {files} 个文件：将写入 {written} 条记录，{conflicts} 处冲突"),
    "plan_io.summary.nothing": ("Nothing would change: the workspace holds all of it already.",
                                "不会有任何变化：工作区已包含全部内容。"),
    "plan_io.col.kind": ("Kind", "类型"),
    "plan_io.col.created": ("Created", "新建"),
    "plan_io.col.updated": ("Updated", "更新"),
    "plan_io.col.unchanged": ("Unchanged", "未变"),
    "plan_io.col.conflicts": ("Conflicts", "冲突"),
    "plan_io.kind.settings": ("settings", "设置"),
    "plan_io.kind.member": ("team members", "团队成员"),
    "plan_io.kind.account": ("accounts", "客户"),
    "plan_io.kind.department": ("departments", "部门"),
    "plan_io.kind.person": ("people", "人员"),
    "plan_io.kind.link": ("person links", "人员关系"),
    "plan_io.kind.competitor": ("competitors", "竞争对手"),
    "plan_io.kind.assessment": ("assessments", "评估"),
    "plan_io.kind.target": ("targets", "目标"),
    "plan_io.kind.activity": ("activities", "活动"),
    "plan_io.kind.dismissal": ("dismissals", "已忽略问题"),
    "plan_io.conflict": ("! $where: “$label” changed both in the workspace$by and in the file$file_by since the last sync ($fields): $what",
                         "! $where：“$label”自上次同步后在工作区$by和文件$file_by中都被修改（$fields）：$what"),
    "plan_io.conflict.by": (" by $who", "（$who）"),
    "plan_io.conflict.skipped": ("the workspace's values are kept", "保留工作区的值"),
    "plan_io.conflict.overwritten": ("the file's values are taken", "采用文件中的值"),
    "plan_io.conflict.kept": ("the workspace's values are kept", "保留工作区中的值"),
    "plan_io.conflict.chosen": ("decided field by field", "已逐项决定"),
    "plan_io.conflicts.more": ("… and {n} more", "……另有 {n} 处"),
    "plan_io.conflicts.hint": ("Import asks you about each conflict; or tick overwrite.",
                               "导入时逐条询问冲突；或勾选“覆盖”。"),
    "plan_io.problems": ("Nothing was imported: fix the files, then check again.",
                         "未导入任何内容：请修正文件后再检查。"),
    "plan_io.problems.more": ("… and {n} more {n|problem|problems}", "……另有 {n} 个问题"),
    "plan_io.imported": ("Imported $files {files|file|files}: $written {written|record|records} written",
                         "已导入 $files 个文件：写入 $written 条记录"),
    "plan_io.imported.skipped": (" · $n {n|conflict|conflicts} kept as {n|it was|they were}", " · $n 处冲突保持原样"),
})

MAX_LINES = 40  # conflicts or problems listed in the dialog; the rest are counted


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / 1024 / 1024:.1f} MiB"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - cell_len(text), 0)
    return gap + text if right else text + gap


def summary_text(result: ImportResult, lang: str) -> Content:
    """What the dry run found: a line, the conflicts (they need a decision), the counts."""
    title = Content(t("plan_io.summary.title", lang, files=result.files, written=result.written,  # type: ignore[arg-type]
                      conflicts=len(result.conflicts))).stylize("bold")
    if result.written == 0 and not result.conflicts:
        return Content("\n").join([title, Content(t("plan_io.summary.nothing", lang))])  # type: ignore[arg-type]
    return Content("\n").join([title, *conflict_lines(result, lang), Content(""), summary_table(result, lang)])


def summary_table(result: ImportResult, lang: str) -> Content:
    """The dry run's counts per kind of record, in aligned columns (CJK counted two cells)."""
    from kamtui.services.plans.results import summary_rows

    rows = summary_rows(result)
    heads = [t(f"plan_io.col.{k}", lang) for k in ("kind", "created", "updated", "unchanged", "conflicts")]  # type: ignore[arg-type]
    kinds = [t(f"plan_io.kind.{kind}", lang) for kind, *_ in rows]  # type: ignore[arg-type]
    kind_w = max(cell_len(k) for k in [heads[0], *kinds]) + 2
    widths = [max(cell_len(h), 5) + 2 for h in heads[1:]]
    lines = [Content(_pad(heads[0], kind_w) + "".join(_pad(h, w, True) for h, w in zip(heads[1:], widths)))
             .stylize("underline")]
    for label, (_kind, *counts) in zip(kinds, rows):
        lines.append(Content(_pad(label, kind_w) + "".join(_pad(str(c), w, True) for c, w in zip(counts, widths))))
    return Content("\n").join(lines)


def conflict_lines(result: ImportResult, lang: str) -> list[Content]:
    """One line per conflict (the records' names literal), then what overwrite would do."""
    if not result.conflicts:
        return []
    out = []
    for c in result.conflicts[:MAX_LINES]:
        by = fill(t("plan_io.conflict.by", lang), who=c.workspace_by).plain if c.workspace_by else ""  # type: ignore[arg-type]
        file_by = fill(t("plan_io.conflict.by", lang), who=c.file_by).plain if c.file_by else ""  # type: ignore[arg-type]
        key = {"file": "plan_io.conflict.overwritten", "workspace": "plan_io.conflict.kept",
               "chosen": "plan_io.conflict.chosen"}.get(c.resolution, "plan_io.conflict.skipped")
        what = t(key, lang)  # type: ignore[arg-type]
        fields = ", ".join(f.path for f in c.fields)
        out.append(fill(t("plan_io.conflict", lang), where=c.where, label=c.label, by=by, file_by=file_by,  # type: ignore[arg-type]
                        fields=fields, what=what))
    if len(result.conflicts) > MAX_LINES:
        out.append(Content(t("plan_io.conflicts.more", lang, n=len(result.conflicts) - MAX_LINES)))  # type: ignore[arg-type]
    if result.skipped:
        out.append(Content(t("plan_io.conflicts.hint", lang)))  # type: ignore[arg-type]
    return out


def problem_lines(message: str, problems: list[Problem], lang: str) -> Content:
    """Every problem the files have (file, line and column or key path: what), in `lang`."""
    lines = [Content(t("plan_io.problems", lang)).stylize("bold")]  # type: ignore[arg-type]
    if len(problems) > 1:
        lines.append(Content(safe(message)))
    colon = "：" if lang == "zh" else ": "
    lines += [Content(f"• {safe(where)}{colon}{what.text(lang)}") for where, what in problems[:MAX_LINES]]
    if len(problems) > MAX_LINES:
        lines.append(Content(t("plan_io.problems.more", lang, n=len(problems) - MAX_LINES)))  # type: ignore[arg-type]
    return Content("\n").join(lines)


def import_message(result: ImportResult, lang: str) -> Content:
    message = fill(t("plan_io.imported", lang), files=result.files, written=result.written)  # type: ignore[arg-type]
    if result.skipped:
        message += fill(t("plan_io.imported.skipped", lang), n=len(result.skipped))  # type: ignore[arg-type]
    return message
