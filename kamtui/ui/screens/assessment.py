"""The three-layer assessment wizard: organization → key people → departments → review.

Opened with `2` on a selected account (or `a` on the history), it starts from the latest
snapshot or resumes the user's draft. Leaving keeps a draft; ctrl+s on the review step saves
a new dated snapshot. Every figure comes from the services and the domain rules.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from kamtui.domain.enums import Evidence, Layer, OrgDimension
from kamtui.errors import ConflictError, InputError, KamtuiError
from kamtui.services import assessments
from kamtui.services.assessments import STEPS, AssessmentSession, ChangedMeanwhile
from kamtui.ui.i18n import has, t
from kamtui.ui.screens.assessment_steps.base import Edited, Step
from kamtui.ui.screens.assessment_steps.departments import DepartmentsStep
from kamtui.ui.screens.assessment_steps.organization import OrganizationStep
from kamtui.ui.screens.assessment_steps.people import PeopleStep
from kamtui.ui.screens.assessment_steps.review import ReviewStep
from kamtui.ui.screens.assessment_steps.stepbar import StepBar
from kamtui.ui.screens.base import KamScreen, translate_bindings
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.text import plain
from kamtui.ui.widgets.footer import KamFooter
from kamtui.ui.widgets.header import KamHeader

DRAFT_DELAY = 2.0  # seconds after the last edit before the draft is kept
REVIEW = STEPS - 1
# Steps are built when first shown (and read their data then): a large account opens with the
# organization step's widgets and rows only.
STEP_CLASSES: tuple[type[Step], ...] = (OrganizationStep, PeopleStep, DepartmentsStep, ReviewStep)


class AssessmentScreen(KamScreen):
    CSS_PATH = "assessment.tcss"
    AUTO_FOCUS = ""  # each step focuses its own first field (see _focus_step)
    BINDINGS = [
        Binding("ctrl+right", "step(1)", "Next", key_display="^→", priority=True, id="assess_next"),
        Binding("right_square_bracket", "step(1)", "Next", key_display="]", show=False, id="assess_next_b"),
        Binding("ctrl+left", "step(-1)", "Back", key_display="^←", priority=True, id="assess_prev"),
        Binding("left_square_bracket", "step(-1)", "Back", key_display="[", show=False, id="assess_prev_b"),
        Binding("ctrl+s", "save", "Save", key_display="^s", priority=True, id="assess_save"),
        Binding("escape", "leave", "Leave", key_display="esc", id="assess_leave"),
        Binding("ctrl+r", "discard", "Discard", key_display="^r", show=False, id="assess_discard"),
        Binding("question_mark", "guide", "Guide", key_display="?", id="assess_guide"),
        Binding("f1", "keys", "Keys", show=False, id="assess_keys"),
        Binding("2", "noop", show=False),  # already assessing: never stack a second wizard
    ]

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.session: AssessmentSession | None = None
        self.error: str | None = None
        self.current = 0
        self.draft_blocked = False  # another window kept the same draft: stop keeping it here
        self._timer: Timer | None = None
        self._title_shown: Content | None = None

    # -- building ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Opening reads only what the first step shown needs (a few rows, whatever the size of
        # the account), so the session starts here and the step comes in the first frame.
        try:
            self.session = AssessmentSession.start(self.kam.ctx, self.account_id)
        except KamtuiError as exc:
            self.error = exc.message(self.lang)
        yield KamHeader()
        self._title_shown = self._title_text()
        yield Static(self._title_shown, id="assess-title")
        yield StepBar()
        if self.session is not None:
            # The steps are the screen's own children, one shown at a time (a switcher around
            # them would be one more layer to lay out and paint in every frame).
            self.current = min(max(self.session.draft.step, 0), REVIEW)
            yield STEP_CLASSES[self.current](self.session)
        else:  # the error that stopped the start, where the steps would be
            yield Static(id="steps")
            yield Static(Content(self.error or ""), id="assess-loading", classes="-error")
        yield KamFooter()

    def on_mount(self) -> None:
        super().on_mount()  # translates the keys, fills the header
        self._relabel_shell()
        if self.session is None:
            return
        self._show(self.current, keep=False)
        if self.session.resumed_at:
            self.notify(Content(self.tr("assess.msg.resumed", at=self.session.resumed_at.replace("T", " ")[:16])))
        others = assessments.draft_owners(self.kam.ctx, self.account_id)
        if others:
            self.notify(Content(self.tr("assess.msg.others", who=", ".join(others))), severity="warning")

    def on_unmount(self) -> None:
        self.keep_draft()  # the app quit (or the screen was dropped) with unsaved edits

    @property
    def step(self) -> Step:
        return self.query_one(f"#step-{self.current}", Step)

    def relabel(self) -> None:
        self._relabel_shell()
        for step in self.query(Step):
            step.relabel()

    def _title_text(self) -> Content:
        return Content(self.tr("assess.title", account=self.session.account.name if self.session else ""))

    def _relabel_shell(self) -> None:
        title = self._title_text()
        if title != self._title_shown:  # an unchanged title: no new layout
            self._title_shown = title
            self.query_one("#assess-title", Static).update(title)
        if self.session is None:
            return
        self._show_bar()
        for widget in self.query("CellGrid, DimensionChoice, LevelChoice"):
            translate_bindings(widget, self.lang)

    def _show_bar(self) -> None:
        assert self.session is not None
        invalid = {s for s in range(STEPS) if self.session.problems(s)}
        self.query_one(StepBar).show(self.current, invalid)

    # -- moving between steps ------------------------------------------------------------
    async def action_step(self, delta: int) -> None:
        if self.session is None:
            return
        target = self.current + delta
        if not 0 <= target < STEPS:
            return
        if delta > 0 and not self._valid(self.current):
            return
        await self.go(target)

    async def go(self, target: int, keep: bool = True) -> None:
        assert self.session is not None
        if not self.query(f"#step-{target}"):  # a step is built when first shown
            step = STEP_CLASSES[target](self.session)
            step.display = False  # until _show
            await self.mount(step, after=self.query_one(StepBar))
            for widget in step.query("CellGrid, DimensionChoice, LevelChoice"):
                translate_bindings(widget, self.lang)
        elif target != self.current:
            self.query_one(f"#step-{target}", Step).refresh_live()
        self._show(target, keep)

    def _show(self, target: int, keep: bool = True) -> None:
        assert self.session is not None
        self.current = target
        self.session.draft.step = target
        for step in self.query_children(Step):
            step.display = step.index == target
        self._focus_step()
        self._show_bar()
        self.refresh_bindings()
        if keep:
            self.keep_draft()

    def _focus_step(self) -> None:
        widget = self.step.first_field()
        if widget is None:
            self.focus_next()
        elif widget is not self.focused:
            # A step just shown jumps to its first field: Textual would animate the scroll for
            # 0.2 s (the same end position), and the screen would keep repainting meanwhile.
            # Focused now, not later as widget.focus() does: the footer then takes the field's
            # keys before the first frame instead of repainting once more after it.
            self.set_focus(widget, scroll_visible=False)
            # Once laid out: before that its place is unknown, and a scroll to a guessed
            # place would move the step and paint it again.
            self.call_after_refresh(self._reveal, widget)

    def _reveal(self, widget: Widget) -> None:
        if self.focused is widget and not self.can_view_entire(widget):
            self.scroll_to_center(widget, origin_visible=True, animate=False)

    def _valid(self, step: int) -> bool:
        assert self.session is not None
        problems = self.session.problems(step)
        if not problems:
            return True
        self.query_one(f"#step-{step}", Step).show_problems(problems)
        self.notify(Content(self.tr("assess.msg.invalid", problems=self._listed(problems))), severity="warning")
        self._show_bar()
        return False

    def _listed(self, problems: list) -> str:
        """The first few problems, each on its field in words, in the screen's language."""
        colon, sep = ("：", "；") if self.lang == "zh" else (": ", "; ")
        return sep.join(f"{self._field_or_path(str(where))}{colon}{what.text(self.lang)}"
                        for where, what in problems[:4])

    def _field_or_path(self, name: str) -> str:
        try:
            return self._field(name)
        except ValueError:  # a path of the stored record the model refused ("people[3].role")
            return name

    def _field(self, name: str) -> str:
        """A problem's field in words: "org.alliance" → "Corporate alliance"."""
        head, _, rest = name.partition(".")
        if head == "org":
            return OrgDimension(rest).label(self.lang)
        if head == "evidence":
            return Evidence(rest).label(self.lang)
        if head == "target":
            layer, _, what = rest.partition(".")
            word = "assess.review.due" if what == "due" else "assess.review.target_index"
            return f"{Layer(layer).label(self.lang)} {self.tr(word)}"
        return self.tr("assess.review.date") if name == "assessed_on" else name

    # -- edits and the draft -------------------------------------------------------------
    @on(Edited)
    def _edited(self, event: Edited) -> None:
        event.stop()
        self._show_bar()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def keep_draft(self) -> None:
        s = self.session
        if s is None or not s.dirty or self.draft_blocked or self.kam.ctx.read_only:
            return
        try:
            s.keep_draft()
        except ConflictError:
            self.draft_blocked = True
            self.notify(Content(self.tr("assess.msg.draft_conflict")), severity="warning")
        except KamtuiError as exc:  # busy: the next edit or leaving tries again
            self.notify(plain(exc.message(self.lang)), severity="warning")

    def action_leave(self) -> None:
        if self.session is not None and self.session.dirty and not self.draft_blocked:
            self.keep_draft()
            if not self.session.dirty:
                self.notify(Content(self.tr("assess.msg.kept")))
        self.app.pop_screen()

    def action_discard(self) -> None:
        def answered(yes: bool | None) -> None:
            if not yes or self.session is None:
                return
            try:
                self.session.discard()
            except KamtuiError as exc:
                self.notify(plain(exc.message(self.lang)), severity="error")
                return
            self.draft_blocked = False
            for step in self.query(Step):
                step.reload()
            self.call_later(self.go, 0)
            self.notify(Content(self.tr("assess.msg.discarded")))

        self.app.push_screen(ConfirmDialog(self.tr("assess.discard.title"), self.tr("assess.discard.body")), answered)

    # -- saving --------------------------------------------------------------------------
    async def action_save(self, force: bool = False) -> None:
        s = self.session
        if s is None:
            return
        if self.current != REVIEW:
            await self._jump(REVIEW)
            return
        if self.kam.ctx.read_only:
            self.notify(Content(self.tr("msg.read_only", why=str(self.kam.ctx.ws.path))), severity="error")
            return
        bad = s.first_invalid_step()
        if bad is not None:
            if bad != self.current:
                await self.go(bad)
            self._valid(bad)
            return
        try:
            snapshot = s.save(force=force)
        except ChangedMeanwhile as exc:
            items = ", ".join(f"{who} ({what})" for who, what in exc.items)
            self.app.push_screen(
                ConfirmDialog(self.tr("assess.conflict.title"), Content(self.tr("assess.conflict.body", items=items))),
                lambda yes: self.call_later(self.action_save, True) if yes else None)
            return
        except InputError as exc:  # what the model refuses beyond the steps' own checks
            self.notify(plain(self._listed(exc.problems) or exc.message(self.lang)), severity="error")
            return
        except KamtuiError as exc:
            self.notify(plain(exc.message(self.lang)), severity="error")
            return
        self.notify(Content(self.tr("assess.msg.saved", date=snapshot.assessed_on.isoformat())))
        self.dismiss_after_save()

    def dismiss_after_save(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session is None:
            return action in ("leave", "keys", "guide", "noop")
        if action == "save":
            return True if self.current == REVIEW else None
        if action == "step":
            target = self.current + int(parameters[0])  # type: ignore[call-overload]
            return True if 0 <= target < STEPS else None
        if action == "discard":
            return True if (self.session.dirty or self.session.draft_version is not None) else None
        return True

    def action_noop(self) -> None:
        pass

    # -- help ----------------------------------------------------------------------------
    def action_guide(self) -> None:
        subject = self.step.guide_subject() if self.session else None
        if subject is None:
            self.kam.action_keys()
            return
        from kamtui.ui.screens.rating_guide import RatingGuideDialog

        self.app.push_screen(RatingGuideDialog(subject))

    def action_keys(self) -> None:
        self.kam.action_keys()

    def help_rows(self) -> list[tuple[str, str]]:
        """The focused widget's keys first (grid edits, 1–4 …), then the screen's and the app's."""
        rows, seen = [], set()
        node: Widget | None = self.focused
        while node is not None and node is not self:
            for key, binding in node._bindings:
                if binding.id and binding.id not in seen and has(f"help.{binding.id}"):
                    seen.add(binding.id)
                    sentence = t(f"help.{binding.id}", self.lang)  # type: ignore[arg-type]
                    rows.append((binding.key_display or key, sentence))
            node = node.parent  # type: ignore[assignment]
        return rows + [r for r in super().help_rows() if r not in rows]

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen

        out: list[tuple[str, str, Callable[[], object]]] = [
            (self.tr("cmd.assess_history"), self.tr("cmd.assess_history.help"),
             lambda: self.app.push_screen(AssessmentHistoryScreen(self.account_id))),
            (self.tr("cmd.assess_save"), self.tr("help.assess_save"), lambda: self.call_later(self.action_save)),
            (self.tr("cmd.assess_discard"), self.tr("help.assess_discard"), self.action_discard),
            (self.tr("cmd.assess_bring_in"), self.tr("help.assess_bring_in"), lambda: self.call_later(self._bring_in)),
        ]
        for i in range(STEPS):
            out.append((self.tr("cmd.assess_step", step=self.tr(f"assess.step.{i}")), self.tr(f"assess.step.{i}"),
                        lambda i=i: self.call_later(self._jump, i)))
        return out

    async def _bring_in(self) -> None:
        from kamtui.ui.screens.assessment_steps.people import PeopleStep

        await self._jump(PeopleStep.index)
        if self.current == PeopleStep.index:
            self.query_one(PeopleStep).bring_in()

    async def _jump(self, target: int) -> None:
        """Backwards freely; forwards only across valid steps."""
        if self.session is None:
            return
        for s in range(self.current, target):
            if self.session.problems(s):
                if s != self.current:
                    await self.go(s)
                self._valid(s)
                return
        await self.go(target)
