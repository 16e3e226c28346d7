"""A damaged workspace file, met by the integrity check after the first frame or by any read:
the damaged-file dialog (with the newest backup that verifies), and one sentence on the
terminal rather than a traceback when the app cannot go on.

A base of KamtuiApp (it uses the app's ctx, lang and workers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual._context import active_message_pump  # textual is pinned (8.2.8)
from textual.app import App
from textual.worker import WorkerFailed

from kamtui import safe_text
from kamtui.errors import KamtuiError
from kamtui.services import workspaces as workspaces_service


class DamageWatch(App[None]):
    damaged = False  # the integrity check failed: only quitting is left
    _damage = ""

    def _check_integrity(self) -> None:
        found = workspaces_service.integrity(self.ctx.ws)
        if found in ("ok", "cancelled"):
            return
        self._find_backup(found)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        # quitting does not wait for a check still reading the file
        workspaces_service.cancel_integrity(self.ctx.ws)
        super().exit(*args, **kwargs)

    def show_damaged(self, detail: str, backup: Path | None) -> None:
        from kamtui.ui.screens.damaged import DamagedDialog

        if self.damaged:
            return  # the check and a failed read may both find it
        self.damaged = True
        self._damage = detail
        self.push_screen(DamagedDialog(Path(self.ctx.ws.path), detail, backup))
        self.refresh_bindings()

    def _handle_exception(self, error: Exception) -> None:
        """Damage met while reading, before the check has answered (the workspace is opened
        without it), ends in the damaged-file dialog, not in a traceback."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        detail = workspaces_service.damage_detail(cause)
        if detail is None and isinstance(cause, KamtuiError):
            # An expected failure no screen handled (a stored value this kamtui does not know,
            # met while loading): its one sentence, as the CLI says it, not a traceback.
            self.exit(return_code=1, message=_last_words(f"kamtui: error: {cause.message(self.lang)}"))
        elif detail is None:
            super()._handle_exception(error)
        elif not isinstance(error, WorkerFailed) and active_message_pump.get(None) is self:
            # The app's own message loop ends with this error: no dialog could show. Leave
            # with the one sentence instead of a traceback.
            self.exit(return_code=1, message=self._damage_sentence(detail))
        elif not self.damaged:  # a screen or a worker met it: the app still runs
            self.run_worker(lambda: self._find_backup(detail), thread=True, group="integrity")

    def _damage_sentence(self, detail: str) -> Text:
        return _last_words(workspaces_service.damage_message(self.ctx.ws, detail).text(self.lang))

    def _find_backup(self, detail: str) -> None:
        from kamtui.services import backups as backups_service  # (hashlib, OpenSSL: not at start)

        try:
            backup = backups_service.newest_verified_backup(self.ctx.ws.path)
        except OSError:  # the folder cannot be listed: the dialog says no backup was found
            backup = None
        self.call_from_thread(self.show_damaged, detail, backup)


def _last_words(sentence: str) -> Text:
    """What the app says on the terminal as it ends: a rich Text, which wraps at the
    terminal's width (a Content is cut off there), never read as markup."""
    return Text(safe_text.line(sentence))
