"""What the file dialogs (plan_io.py, people_import.py) share: a path, a progress bar fed from a
thread worker, an output area for the summary or every problem, and stopping at the next step
on escape; the import dialogs also share check-then-import (a dry run first, the import once the
dry run shown is for what the dialog now says)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from kamtui.errors import InputError, KamtuiError
from kamtui.messages import Message, os_reason
from kamtui.services.context import Context
from kamtui.ui.screens.base import KamModal
from kamtui.ui.screens.plan_io_text import problem_lines
from kamtui.ui.text import plain

PROGRESS_EVERY = 0.05  # seconds between progress updates sent from the worker


def start_folder() -> Path:
    """Where files are proposed and looked for: the folder kamtui was started in."""
    return Path.cwd()


def absolute(text: str) -> Path:
    path = Path(text).expanduser()
    return path if path.is_absolute() else start_folder() / path


class Stopped(Exception):
    """Raised in the worker at its next step after escape was pressed."""


class PlanDialog(KamModal[Any]):
    """What both dialogs share: a path, an error area, a progress bar, and the worker."""

    CSS_PATH = "plan_io.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.stop_asked = False  # escape while busy: the worker stops at its next step
        self._last_progress = 0.0

    @property
    def ctx(self) -> Context:
        return self.kam.ctx

    def compose_status(self) -> ComposeResult:
        with Horizontal(id="plan-progress"):
            yield ProgressBar(total=None, show_eta=False, id="plan-bar")
            yield Static("", id="plan-status")
        with VerticalScroll(id="plan-output"):
            yield Static("", id="plan-summary")
            yield Static("", id="plan-error")

    def compose_buttons(self) -> ComposeResult:
        with Horizontal(id="plan-buttons"):
            yield Button("", id="plan-run", variant="primary", compact=True)
            yield Button("", id="plan-cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#plan-progress").display = False
        self.query_one("#plan-summary").display = False
        self.show_error(None)
        self.relabel()
        self.query_one("#plan-path", Input).focus()

    # -- states ----------------------------------------------------------------------
    def set_busy(self, busy: bool, status: str = "") -> None:
        self.busy = busy
        self.stop_asked = False
        self.query_one("#plan-progress").display = busy
        self.query_one("#plan-status", Static).update(Content(status))
        for widget in self.query("Input, Checkbox, RadioSet, #plan-run"):
            widget.disabled = busy
        if busy:
            bar = self.query_one("#plan-bar", ProgressBar)
            bar.update(total=None, progress=0)
            self.show_error(None)
            self.query_one("#plan-cancel", Button).focus()

    def show_error(self, error: Content | None) -> None:
        box = self.query_one("#plan-error", Static)
        box.update(error or Content(""))
        box.display = error is not None
        self._fit_output()

    def _fit_output(self) -> None:
        """The output area takes room only when it has something to say."""
        self.query_one("#plan-output").display = any(
            w.display for w in self.query("#plan-summary, #plan-error"))

    def show_failure(self, exc: BaseException) -> None:
        """An expected failure, shown in the dialog: every problem of an InputError."""
        self.set_busy(False)
        if isinstance(exc, Stopped):
            self.show_error(Content(self.tr("plan_io.stopped")))
        elif isinstance(exc, InputError) and exc.problems:
            self.show_error(problem_lines(exc.message(self.lang), exc.problems, self.lang))
        elif isinstance(exc, OSError):
            where = exc.filename or self.query_one("#plan-path", Input).value
            self.show_error(plain(Message("os.cannot_use", path=where, why=os_reason(exc)).text(self.lang)))
        elif isinstance(exc, KamtuiError):
            self.show_error(plain(exc.message(self.lang)))
        else:
            self.show_error(plain(str(exc)))
        self.query_one("#plan-path", Input).focus()

    def show_progress(self, done: int, total: int | None, status: str) -> None:
        self.query_one("#plan-bar", ProgressBar).update(total=total, progress=done)
        self.query_one("#plan-status", Static).update(Content(status))

    def reporter(self, status: Callable[[int, int], str]) -> Callable[[int, int], None]:
        """A progress callback for the worker: throttled, and stopping the work on escape."""

        def report(done: int, total: int) -> None:
            if self.stop_asked:
                raise Stopped()
            now = time.monotonic()
            if done < total and now - self._last_progress < PROGRESS_EVERY:
                return
            self._last_progress = now
            self.app.call_from_thread(self.show_progress, done, total, status(done, total))

        return report

    # -- keys --------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.busy:
            # Not Worker.cancel: a thread runs on regardless, and must still report its end.
            self.stop_asked = True
            self.query_one("#plan-status", Static).update(Content(self.tr("plan_io.stopping")))
            return
        self.dismiss(None)

    @on(Button.Pressed, "#plan-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#plan-run")
    def _run_pressed(self) -> None:
        self.action_run()

    def action_run(self) -> None:
        raise NotImplementedError


class CheckThenImport(PlanDialog):
    """An import dialog: a path and one checkbox (`OPTION_ID`); run checks the file (a dry run,
    `dry_run(text, option)` in a worker that ends in `checked` or `failed`), and once the dry
    run shown is for what the dialog now says, run imports (`confirmed(option)`)."""

    OPTION_ID = ""
    CHECKING = ""  # the status shown while checking (a message key)

    def __init__(self) -> None:
        super().__init__()
        self.dry: Any = None  # the dry run shown
        self.checked: tuple[str, bool] | None = None  # (path, option) of that dry run

    def start_path(self) -> str:
        return str(start_folder())

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-box"):
            yield Static("", id="plan-title")
            with Horizontal(classes="plan-line"):
                yield Label("", id="plan-path-label", classes="plan-label")
                yield Input(self.start_path(), id="plan-path", compact=True)
            with Horizontal(classes="plan-line"):
                yield Label("", classes="plan-label")
                yield Checkbox("", False, id=self.OPTION_ID, compact=True)
            yield Static("", id="plan-hint")
            yield from self.compose_status()
            yield from self.compose_buttons()

    @property
    def request(self) -> tuple[str, bool]:
        return (self.query_one("#plan-path", Input).value.strip(),
                self.query_one(f"#{self.OPTION_ID}", Checkbox).value)

    @property
    def confirming(self) -> bool:
        raise NotImplementedError

    def show_dry(self) -> None:
        """Show the dry run (or hide the area when there is none)."""
        raise NotImplementedError

    def label_run(self) -> None:
        raise NotImplementedError

    @on(Input.Changed, "#plan-path")
    @on(Checkbox.Changed)
    def _request_changed(self) -> None:
        if self.dry is not None and not self.busy:
            self.label_run()  # back to "Check" until the dry run is run for what is now asked

    @on(Input.Submitted, "#plan-path")
    def _path_submitted(self) -> None:
        if not self.confirming:  # enter checks; importing takes ctrl+s or the button
            self.action_run()

    def action_run(self) -> None:
        if self.busy:
            return
        text, option = self.request
        if not text:
            self.show_error(Content(self.tr("plan_io.no_path")))
            return
        if self.confirming:
            self.confirmed(option)
            return
        self.dry = None
        self.show_dry()
        self.set_busy(True, self.tr(self.CHECKING))
        self.dry_run(text, option)

    def dry_run(self, text: str, option: bool) -> None:
        raise NotImplementedError

    def confirmed(self, option: bool) -> None:
        raise NotImplementedError

    def failed(self, exc: BaseException) -> None:
        self.dry = None
        self.show_dry()
        self.label_run()
        self.show_failure(exc)

    def checked_as(self, request: tuple[str, bool], dry: Any) -> None:
        """The dry run for `request` is done: show it, and run now imports it."""
        self.set_busy(False)
        self.dry, self.checked = dry, request
        self.show_dry()
        self.label_run()
        self.query_one("#plan-run", Button).focus()
