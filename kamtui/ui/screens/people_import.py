"""People into an account from a contact file (CSV, Excel, vCard), from the stakeholder map:
check the file (a dry run whose preview lists who would be created, updated and skipped, and
why), then import on confirm, in one transaction.

The work runs in a thread worker; the dialog stays modal meanwhile (no other change can start
while the import holds its transaction), and escape stops the work at its next step.
"""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Checkbox, Label, Static

from kamtui.errors import KamtuiError
from kamtui.services.context import Context
from kamtui.ui.screens.plan_io_base import CheckThenImport, Stopped, absolute, start_folder
from kamtui.ui.screens.people_import_text import preview_text
from kamtui.ui.text import fill


class PeopleImportDialog(CheckThenImport):
    """Import people into `account_id`: a dry run first, then the real one on confirm."""

    CSS_PATH = ["plan_io.tcss", "people_import.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "run", "Check / import", id="people_import_run"),
        Binding("escape", "cancel", "Cancel", id="plan_io_cancel"),
    ]

    OPTION_ID = "people-skip-bad"
    CHECKING = "people_io.checking"

    def __init__(self, account_id: str, account_name: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.account_name = account_name
        self.prepared = None  # the checked file (services.contacts.apply.Prepared)
        # self.dry: its dry run (services.contacts.plan.ContactPlan), for (path, skip_bad)

    def start_path(self) -> str:
        return str(start_folder()) + "/"

    @property
    def refused(self) -> bool:
        """The dry run shown has bad rows that are not to be skipped."""
        return self.dry is not None and bool(self.dry.problems) and not self.dry.skip_bad

    @property
    def confirming(self) -> bool:
        """A dry run is shown for what the dialog now says, and it may be written: run imports."""
        return (self.dry is not None and self.checked == self.request and not self.refused
                and self.dry.written > 0)

    def relabel(self) -> None:
        self.query_one("#plan-title", Static).update(fill(self.tr("people_io.title"), name=self.account_name))
        self.query_one("#plan-path-label", Label).update(Content(self.tr("people_io.source")))
        self.query_one("#people-skip-bad", Checkbox).label = Content(self.tr("people_io.skip_bad"))
        self.show_dry()
        self.label_run()
        self.query_one("#plan-cancel", Button).label = Content(self.tr("plan_io.cancel") + " esc")

    def label_run(self) -> None:
        run = self.query_one("#plan-run", Button)
        run.label = Content(self.tr("people_io.import" if self.confirming else "people_io.check") + " ^s")
        run.variant = "error" if self.confirming else "primary"
        run.refresh(layout=True)
        if self.confirming:
            hint = "people_io.confirm"
        elif self.refused and self.checked == self.request:
            hint = "people_io.refused"
        else:
            hint = "people_io.hint"
        self.query_one("#plan-hint", Static).update(Content(self.tr(hint)))

    def show_dry(self) -> None:
        box = self.query_one("#plan-summary", Static)
        box.display = self.dry is not None
        self.set_class(self.dry is not None, "-preview")
        if self.dry is not None and self.prepared is not None:
            box.update(preview_text(self.prepared, self.dry, self.lang))
        self._fit_output()

    def confirmed(self, skip_bad: bool) -> None:
        self.set_busy(True, self.tr("people_io.importing"))
        self._import(self.ctx, self.prepared, skip_bad)

    def dry_run(self, text: str, skip_bad: bool) -> None:
        self._dry_run(self.ctx, text, skip_bad)

    def _progress(self):
        def progress(phase: str, done: int, total: int) -> None:
            if self.stop_asked:  # before the transaction, or in it: it rolls back
                raise Stopped()
        return progress

    @work(thread=True, group="plan_io")
    def _dry_run(self, ctx: Context, text: str, skip_bad: bool) -> None:
        from kamtui.services.contacts import apply

        try:
            prepared = apply.prepare(absolute(text), progress=self._progress(), ctx=ctx)
            result = apply.import_contacts(ctx, self.account_id, prepared, dry_run=True, skip_bad=skip_bad,
                                           progress=self._progress())
        except (KamtuiError, OSError, Stopped) as exc:
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self._checked, (text, skip_bad), prepared, result)

    def _checked(self, request: tuple[str, bool], prepared, result) -> None:
        self.prepared = prepared
        self.checked_as(request, result)

    @work(thread=True, group="plan_io")
    def _import(self, ctx: Context, prepared, skip_bad: bool) -> None:
        from kamtui.services.contacts import apply

        try:
            result = apply.import_contacts(ctx, self.account_id, prepared, skip_bad=skip_bad,
                                           progress=self._progress())
        except (KamtuiError, OSError, Stopped) as exc:
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self._imported, result)

    def _imported(self, result) -> None:
        message = fill(self.tr("people_io.imported"), created=len(result.creates), updated=len(result.updates),
                       departments=len(result.new_departments),
                       file=self.prepared.source if self.prepared else "", name=self.account_name)
        if result.creates:
            message += Content(self.tr("people_io.unknown"))
        self.app.notify(message, title=self.tr("people_io.notice.title"), timeout=8)
        self.dismiss(result)
