"""The portfolio's changes to accounts: new, edit, delete (archive), restore.

A mixin of PortfolioScreen (kept apart from the reading and filtering): it uses the screen's
table, reload(), tr() and check_action().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content

from kamtui.errors import KamtuiError
from kamtui.services import accounts
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.text import fill, plain

if TYPE_CHECKING:  # forms and models load when an account is added or edited
    from kamtui.domain.models import Account


class AccountEdits:
    def _allowed(self, action: str) -> bool:
        return bool(self.check_action(action, ()))  # type: ignore[attr-defined]

    def _saved(self, record: Account | None) -> None:
        if record is not None:
            self.reload(keep=record.id)
            self.notify(self.tr("msg.saved"))

    def action_new(self) -> None:
        if self._allowed("new"):
            from kamtui.ui.screens.account_forms import account_form

            self.app.push_screen(account_form(self.kam), self._saved)

    def action_edit(self) -> None:
        row = self.table.current
        if row is None or not self._allowed("edit"):
            return
        from kamtui.ui.screens.account_forms import account_form

        self._run(lambda: self.app.push_screen(account_form(self.kam, accounts.get(self.kam.ctx, row.id)),
                                               self._saved))

    def action_delete(self) -> None:
        row = self.table.current
        if row is None or not self._allowed("delete"):
            return
        ctx = self.kam.ctx
        deps = accounts.dependents(ctx, row.id)
        title = fill(self.tr("portfolio.archive.title"), name=row.name)
        body = Content(self.tr("portfolio.archive.body", people=deps.people, departments=deps.departments,
                               activities=deps.activities, assessments=deps.assessments,
                               competitors=deps.competitors))

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda: self._archive(row.id))

        self.app.push_screen(ConfirmDialog(title, body), answered)

    def _archive(self, account_id: str) -> None:
        account = accounts.archive(self.kam.ctx, accounts.get(self.kam.ctx, account_id))
        self.reload()
        self.notify(fill(self.tr("portfolio.archived_msg"), name=account.name))

    def action_restore(self) -> None:
        row = self.table.current
        if row is None or not self._allowed("restore"):
            return

        def restore() -> None:
            account = accounts.restore(self.kam.ctx, accounts.get(self.kam.ctx, row.id))
            self.reload(keep=account.id)
            self.notify(fill(self.tr("portfolio.restored_msg"), name=account.name))

        self._run(restore)

    def _run(self, change: Callable[[], None]) -> None:
        """Run a change; a refused one (conflict, busy, read-only, gone) becomes a message."""
        try:
            change()
        except KamtuiError as exc:
            self.notify(plain(exc.message(self.lang)), severity="error")
            self.reload()
