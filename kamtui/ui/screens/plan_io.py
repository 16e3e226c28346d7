"""Plans as files from the TUI: export an account's plan (TOML or the Markdown brief), or every
account's, and import plan files after a dry run whose summary the user confirms.

The work runs in a thread worker with a progress bar; the dialog stays modal meanwhile, so no
other change can start while an import holds its transaction, and escape stops the work at
its next step (an import stopped before its transaction ends writes nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from kamtui.errors import KamtuiError
from kamtui.services import accounts
from kamtui.services.context import Context
from kamtui.services.gitrepo import LastAuthors
from kamtui.services.plans import export, import_
from kamtui.services.plans import format as plan_format
from kamtui.services.plans.export import Written
from kamtui.services.plans.import_ import ImportResult
from kamtui.services.plans.parse import Problem, Source, read_path
from kamtui.ui.delivery import deliver, deliver_folder
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.screens.plan_io_base import CheckThenImport, PlanDialog, Stopped, absolute, start_folder
from kamtui.ui.screens.plan_io_text import human_size, import_message, summary_text
from kamtui.ui.text import fill

class PlanExportDialog(PlanDialog):
    """Export one account's plan (`account_id`), or every account's into a folder (None)."""

    BINDINGS = [
        Binding("ctrl+s", "run", "Export", id="plan_export_run"),
        Binding("escape", "cancel", "Cancel", id="plan_io_cancel"),
    ]

    def __init__(self, account_id: str | None, fmt_name: str = "toml") -> None:
        super().__init__()
        self.account_id = account_id
        self.fmt_name = fmt_name
        # a NotFoundError (deleted meanwhile) reaches whoever opens the dialog
        self.account = accounts.get(self.ctx, account_id) if account_id else None

    def proposed(self, fmt_name: str) -> Path:
        if self.account is None:
            return start_folder() / f"{Path(self.ctx.ws.path).stem}-plans"
        return start_folder() / plan_format.file_name(self.account, ".md" if fmt_name == "md" else ".toml")

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-box"):
            yield Static("", id="plan-title")
            with Horizontal(classes="plan-line"):
                yield Label("", id="plan-path-label", classes="plan-label")
                yield Input(str(self.proposed(self.fmt_name)), id="plan-path", compact=True)
            with Horizontal(classes="plan-line"):
                yield Label("", id="plan-format-label", classes="plan-label")
                with RadioSet(id="plan-format", compact=True):
                    yield RadioButton("", self.fmt_name == "toml", id="plan-format-toml")
                    yield RadioButton("", self.fmt_name == "md", id="plan-format-md")
            with Horizontal(classes="plan-line"):
                yield Label("", id="plan-private-label", classes="plan-label")
                yield Checkbox("", False, id="plan-private", compact=True)
            yield from self.compose_status()
            yield from self.compose_buttons()

    def relabel(self) -> None:
        if self.account is not None:
            title = fill(self.tr("plan_io.export.title"), name=self.account.name)
        else:
            title = Content(self.tr("plan_io.export_all.title"))
        self.query_one("#plan-title", Static).update(title)
        self.query_one("#plan-path-label", Label).update(
            Content(self.tr("plan_io.file" if self.account is not None else "plan_io.folder")))
        self.query_one("#plan-format-label", Label).update(Content(self.tr("plan_io.format")))
        self.query_one("#plan-format-toml", RadioButton).label = Content(self.tr("plan_io.format.toml"))
        self.query_one("#plan-format-md", RadioButton).label = Content(self.tr("plan_io.format.md"))
        self.query_one("#plan-private-label", Label).update(Content(self.tr("plan_io.private")))
        self.query_one("#plan-private", Checkbox).label = Content(self.tr("plan_io.private.box"))
        self.query_one("#plan-run", Button).label = Content(self.tr("plan_io.export") + " ^s")
        self.query_one("#plan-cancel", Button).label = Content(self.tr("plan_io.cancel") + " esc")

    @on(RadioSet.Changed, "#plan-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        new = "md" if event.pressed.id == "plan-format-md" else "toml"
        box = self.query_one("#plan-path", Input)
        if self.account is not None and box.value.strip() == str(self.proposed(self.fmt_name)):
            box.value = str(self.proposed(new))  # still the proposal: follow the format
        elif self.account is not None:
            old, suffix = Path(box.value.strip()), ".md" if new == "md" else ".toml"
            if old.suffix in (".md", ".toml"):
                box.value = str(old.with_suffix(suffix))
        self.fmt_name = new

    @on(Input.Submitted, "#plan-path")
    def _path_submitted(self) -> None:
        self.action_run()

    def action_run(self) -> None:
        if self.busy:
            return
        text = self.query_one("#plan-path", Input).value.strip()
        if not text:
            self.show_error(Content(self.tr("plan_io.no_path")))
            return
        path = absolute(text)
        if self.account is None:
            if path.exists() and not path.is_dir():
                self.show_error(fill(self.tr("plan_io.is_file"), path=path))
                return
            self._go(path)
            return
        if path.is_dir():
            path = path / plan_format.file_name(self.account, ".md" if self.fmt_name == "md" else ".toml")
        if not path.parent.is_dir():
            self.show_error(fill(self.tr("plan_io.no_folder"), path=path.parent))
            return
        if path.exists():
            def answered(yes: bool | None) -> None:
                if yes:
                    self._go(path)

            self.app.push_screen(ConfirmDialog(fill(self.tr("plan_io.replace.title"), name=path.name),
                                               fill(self.tr("plan_io.replace.body"), folder=path.parent)),
                                 answered)
            return
        self._go(path)

    def _go(self, path: Path) -> None:
        private = self.query_one("#plan-private", Checkbox).value
        self.set_busy(True, self.tr("plan_io.writing_file"))
        self._export(self.ctx, path, self.fmt_name, private, self.lang)

    @work(thread=True, group="plan_io")
    def _export(self, ctx: Context, path: Path, fmt_name: str, private: bool, lang: str) -> None:
        try:
            if self.account_id is not None:
                text = export.account_text(ctx, self.account_id, include_private=private,
                                           fmt_name=fmt_name, lang=lang)
                if self.stop_asked:
                    raise Stopped()
                written: Written | list[Written] = export.write_text(
                    path, text, private=private, mode=export.workspace_mode(ctx))
            else:
                ids = export.all_account_ids(ctx)
                report = self.reporter(lambda done, total: self.tr("plan_io.writing_files", done=done,
                                                                   total=total))
                written = export.export_accounts(ctx, ids, path, include_private=private, fmt_name=fmt_name,
                                                 with_workspace=fmt_name == "toml", lang=lang, progress=report)
        except (KamtuiError, OSError, Stopped) as exc:
            self.app.call_from_thread(self.show_failure, exc)
            return
        self.app.call_from_thread(self._done, written, private)

    def _done(self, written: Written | list[Written], private: bool) -> None:
        if isinstance(written, Written):
            message = fill(self.tr("plan_io.exported"), path=deliver(self.app, written.path),
                           size=human_size(written.size))
        else:
            folder = (deliver_folder(self.app, written[0].path.parent, [w.path for w in written]) if written
                      else self.query_one("#plan-path", Input).value)
            message = fill(self.tr("plan_io.exported_all"), n=len(written),
                           size=human_size(sum(w.size for w in written)), path=folder)
        tail = self.tr("plan_io.with_private" if private else "plan_io.without_private")
        self.app.notify(message + Content(tail), title=self.tr("plan_io.notice.title"), timeout=8)
        self.dismiss(written)


class PlanImportDialog(CheckThenImport):
    """Import a plan file or a folder of them: a dry run first, then the real one on confirm."""

    BINDINGS = [
        Binding("ctrl+s", "run", "Check / import", id="plan_import_run"),
        Binding("escape", "cancel", "Cancel", id="plan_io_cancel"),
    ]

    OPTION_ID = "plan-overwrite"
    CHECKING = "plan_io.checking"

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[Source] = []
        self.found: list[Problem] = []
        self.dry: ImportResult | None = None  # for (path, overwrite)
        self.file_by: Mapping[str, str] = {}  # plan file name -> its last author (git), asked for conflicts

    @property
    def confirming(self) -> bool:
        """A dry run's summary is shown for what the dialog now says: run means import."""
        return self.dry is not None and self.checked == self.request

    def relabel(self) -> None:
        self.query_one("#plan-title", Static).update(Content(self.tr("plan_io.import.title")))
        self.query_one("#plan-path-label", Label).update(Content(self.tr("plan_io.source")))
        self.query_one("#plan-overwrite", Checkbox).label = Content(self.tr("plan_io.overwrite"))
        self.show_dry()
        self.label_run()
        self.query_one("#plan-cancel", Button).label = Content(self.tr("plan_io.cancel") + " esc")

    def label_run(self) -> None:
        run = self.query_one("#plan-run", Button)
        run.label = Content(self.tr("plan_io.import" if self.confirming else "plan_io.check") + " ^s")
        run.variant = "error" if self.confirming else "primary"
        run.refresh(layout=True)  # a longer label needs a wider button
        hint = self.tr("plan_io.import.confirm" if self.confirming else "plan_io.import.hint")
        self.query_one("#plan-hint", Static).update(Content(hint))

    def show_dry(self) -> None:
        box = self.query_one("#plan-summary", Static)
        box.display = self.dry is not None
        if self.dry is not None:
            box.update(summary_text(self.dry, self.lang))
        self._fit_output()

    def confirmed(self, overwrite: bool) -> None:
        undecided = [] if overwrite or self.dry is None else self.dry.skipped
        if undecided:  # the user decides them first, record by record; then one import
            from kamtui.ui.screens import import_conflict

            import_conflict.decide(self.app, undecided, self.tr("import_conflict.empty"),
                                   lambda choices: self._start_import(overwrite, choices))
            return
        self._start_import(overwrite, {})

    def dry_run(self, text: str, overwrite: bool) -> None:
        self._dry_run(self.ctx, text, overwrite)

    def _start_import(self, overwrite: bool, choices: dict[tuple[str, str], dict[str, str]]) -> None:
        self.set_busy(True, self.tr("plan_io.importing"))
        self._import(self.ctx, self.sources, self.found, overwrite, choices)

    def _import_progress(self) -> Callable[[str, int, int], None]:
        read = self.reporter(lambda done, total: self.tr("plan_io.reading", done=done, total=total))

        def progress(phase: str, done: int, total: int) -> None:
            if phase == "read":
                read(done, total)
            elif done == 0:
                if self.stop_asked:  # the last chance: the transaction is open and rolls back
                    raise Stopped()
                self.app.call_from_thread(self.show_progress, 0, None, self.tr("plan_io.writing"))

        return progress

    @work(thread=True, group="plan_io")
    def _dry_run(self, ctx: Context, text: str, overwrite: bool) -> None:
        try:
            path = absolute(text)
            sources, found = read_path(path)
            # who changed a file's side of a conflict: git knows, where the files are in a clone
            self.file_by = LastAuthors(path if path.is_dir() else path.parent)
            result = import_.import_sources(ctx, sources, dry_run=True, overwrite=overwrite,
                                            progress=self._import_progress(), problems=found,
                                            file_by=self.file_by)
        except (KamtuiError, OSError, Stopped) as exc:
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self._checked, (text, overwrite), sources, found, result)

    def _checked(self, request: tuple[str, bool], sources: list[Source], found: list[Problem],
                 result: ImportResult) -> None:
        self.sources, self.found = sources, found
        self.checked_as(request, result)

    @work(thread=True, group="plan_io")
    def _import(self, ctx: Context, sources: list[Source], found: list[Problem], overwrite: bool,
                choices: dict[tuple[str, str], dict[str, str]]) -> None:
        try:
            result = import_.import_sources(ctx, sources, dry_run=False, overwrite=overwrite,
                                            progress=self._import_progress(), problems=found, choices=choices,
                                            file_by=self.file_by)
        except (KamtuiError, OSError, Stopped) as exc:
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self._imported, result)

    def _imported(self, result: ImportResult) -> None:
        self.app.notify(import_message(result, self.lang), title=self.tr("plan_io.notice.title"), timeout=8)
        self.dismiss(result)
