"""The planner's verbs behind its keys (mixed into PlannerScreen): each opens its dialog or
calls one service verb on the selected activity, then the screen reloads around it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from kamtui.domain.enums import ActivityStatus
from kamtui.domain.models import Activity
from kamtui.errors import KamtuiError
from kamtui.services import activities
from kamtui.services.activities import ActivityFilter
from kamtui.services.assessments.rerating import Completed
from kamtui.ui.delivery import deliver
from kamtui.ui.screens import activity_forms as forms
from kamtui.ui.screens import completion_dialog
from kamtui.ui.screens import planner_dialogs as dialogs
from kamtui.ui.screens.change_history import open_changes
from kamtui.ui.text import plain

if TYPE_CHECKING:
    from kamtui.services.activities import Planner


class PlannerActions:
    """Needs the screen's `planner`, `flt`, `current`, `table`, `reload`, `render_all`,
    `lang`, `tr`, `kam`, `app` and `notify`."""

    planner: "Planner | None"
    flt: ActivityFilter

    def action_changes(self) -> None:
        a = self.current
        if a is not None:
            when = a.planned_on.isoformat() if a.planned_on else self.tr("planner.no_date")
            open_changes(self, "activity", a.id, f"{a.type.label(self.lang)} · {when}")  # type: ignore[arg-type]

    def _selected(self) -> Activity | None:
        """The selected activity as the validated model the verbs and forms take."""
        a = self.current
        if a is None or self.planner is None:
            self.notify(self.tr("planner.msg.no_selection"), severity="warning")
            return None
        return a.model()

    def _saved(self, result: object) -> None:
        if isinstance(result, ActivityFilter):
            self.flt = result
            self.render_all(self.current_id)
        elif isinstance(result, Activity):
            self.notify(Content(forms.saved_message(result, self.lang)))
            self.reload(result.id)
            self.table.focus()
        elif isinstance(result, Completed):
            self.notify(Content(completion_dialog.done_message(result, self.lang)))
            self.reload(result.activity.id)

    def _try(self, verb, *args, message: str) -> None:
        try:
            result = verb(self.kam.ctx, *args)
        except KamtuiError as exc:
            self.notify(plain(exc.message(self.lang)), severity="error")
            self.reload(self.current_id)
            return
        self.notify(Content(self.tr(message, what=result.type.label(self.lang))))
        self.reload(result.id)

    def action_filter(self) -> None:
        assert self.planner is not None
        self.app.push_screen(dialogs.filter_dialog(self.planner, self.flt, self.lang), self._saved)

    def action_new(self) -> None:
        assert self.planner is not None
        self.app.push_screen(forms.ActivityFormDialog(self.planner, None), self._saved)

    def action_edit(self) -> None:
        if (a := self._selected()) and self.planner:
            self.app.push_screen(forms.ActivityFormDialog(self.planner, a), self._saved)

    def action_advance(self) -> None:
        a = self._selected()
        if a is None or self.planner is None:
            return
        nxt = activities.next_status(a)
        if nxt is None:
            self.notify(self.tr("planner.msg.not_open"), severity="warning")
        elif nxt == ActivityStatus.in_progress:
            self._try(activities.advance, a, message="planner.msg.started")
        elif self.planner.needs_approval(a):
            self.notify(self.tr("planner.msg.need_approval"), severity="warning")
        else:
            self.app.push_screen(completion_dialog.completion_dialog(self.kam.ctx, a, self.lang), self._saved)

    def action_cancel(self) -> None:
        if (a := self._selected()) is None:
            return
        if not a.status.is_open:
            self.notify(self.tr("planner.msg.not_open"), severity="warning")
            return
        self.app.push_screen(dialogs.cancel_dialog(self.kam.ctx, a, self.lang), self._saved)

    def action_approve(self) -> None:
        if (a := self._selected()) is None or self.planner is None:
            return
        if not self.planner.check(a).regulated:
            self.notify(self.tr("planner.msg.not_regulated"), severity="warning")
            return
        self.app.push_screen(dialogs.approval_dialog(self.kam.ctx, a, self.lang), self._saved)

    def action_archive(self) -> None:
        if (a := self._selected()) is not None:
            self._try(activities.archive, a, message="planner.msg.archived")

    def action_restore(self) -> None:
        if (a := self._selected()) is not None:
            self._try(activities.restore, a, message="planner.msg.restored")

    def action_export(self) -> None:
        assert self.planner is not None
        shown = self.planner.visible(self.flt)
        self.app.push_screen(dialogs.export_dialog(self.kam.ctx, self.planner, shown, self.current, self.lang),
                             self._exported)

    def _exported(self, result: object) -> None:
        if result is not None:
            shown = deliver(self.app, result.path)  # type: ignore[attr-defined]
            self.notify(Content(dialogs.export_message(result, self.lang, shown)))  # type: ignore[arg-type]
