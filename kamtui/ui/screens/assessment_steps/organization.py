"""Step 1: the four organisation dimensions (1–4 with descriptors), notes, evidence checklist."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from rich.text import Text
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from kamtui.domain.enums import Evidence, OrgDimension
from kamtui.domain.guides import descriptor
from kamtui.services.assessments import Problem
from kamtui.ui.screens.assessment_steps.base import LiveLine, Step
from kamtui.ui.screens.assessment_steps.grid import Column, CellGrid, fit
from kamtui.ui.screens.assessment_steps.strings import tr
from kamtui.ui.text import safe_line

EVIDENCE = list(Evidence)


class DimensionChoice(Widget, can_focus=True):
    """One dimension: its name and the four values with their descriptors; 1–4 picks."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"dim--title", "dim--chosen", "dim--option"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Pick", key_display="1–4", id="assess_pick"),
        Binding("2", "pick(2)", show=False),
        Binding("3", "pick(3)", show=False),
        Binding("4", "pick(4)", show=False),
        Binding("right", "nudge(1)", "Raise", key_display="←/→", show=False, id="assess_step_value"),
        Binding("left", "nudge(-1)", show=False),
        # ↑/↓ go from dimension to dimension (the scroll follows) instead of scrolling past
        # them; tab also visits each dimension's note.
        # Said by the step's heading and by ?, not the footer (no room at 80 columns).
        Binding("down", "move(1)", "Dimension", key_display="↑/↓", show=False, id="assess_dimension"),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, step: "OrganizationStep", dimension: OrgDimension) -> None:
        super().__init__(id=f"dim-{dimension.value}", classes="dimension")
        self.step = step
        self.dimension = dimension

    @property
    def value(self) -> int | None:
        return self.step.session.draft.org.get(self.dimension)

    def render(self) -> Content:
        lang = self.app.lang  # type: ignore[attr-defined]
        width = self.content_region.width or 76
        value = self.value
        shown = str(value) if value else tr("assess.org.unrated", lang)
        marker = "▶" if self.has_focus else " "
        lines = [Content.styled(fit(f"{marker} {self.dimension.label(lang)}: {shown}", width),
                                self.get_visual_style("dim--title"))]
        for n in range(1, 5):
            dot = "●" if n == value else "○"
            text = fit(f"  {dot} {n} {descriptor(self.dimension, n, lang)}", width)
            cls = "dim--chosen" if n == value else "dim--option"
            lines.append(Content.styled(text, self.get_visual_style(cls)))
        return Content("\n").join(lines)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return 5

    def action_pick(self, value: int) -> None:
        self.step.session.set_org(self.dimension, value)
        self.remove_class("-invalid")
        self.refresh()
        self.step.edited()

    def action_nudge(self, delta: int) -> None:
        self.action_pick(min(max((self.value or (2 if delta > 0 else 3)) + delta, 1), 4))

    def action_move(self, step: int) -> None:
        dims = list(self.step.query(DimensionChoice))
        i = dims.index(self) + step
        if i >= len(dims):
            self.step.query_one(EvidenceGrid).focus()
        elif i >= 0:
            dims[i].focus()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class EvidenceGrid(CellGrid):
    """The evidence checklist: space ticks an item (dated today); typing digits edits its date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "tick", "Tick", key_display="space", id="assess_tick"),
        Binding("backspace", "erase", "Erase", key_display="⌫", id="assess_erase"),
        Binding("delete", "untick", show=False),
    ]
    DATE_KEYS = frozenset("0123456789-")

    def __init__(self, step: "OrganizationStep") -> None:
        super().__init__([Column("tick", 3, "center"), Column("evidence", 0, editable=False),
                          Column("date", 12)], id="evidence-grid")
        self.step = step
        self.typing: int | None = None  # the row whose date is being typed

    @property
    def row_count(self) -> int:
        return len(EVIDENCE)

    def header_text(self, col: int) -> str:
        lang = self.app.lang  # type: ignore[attr-defined]
        return ["", tr("assess.org.evidence", lang), tr("assess.org.date", lang)][col]

    def cell(self, row: int, col: int) -> tuple[str, str | None]:
        e = EVIDENCE[row]
        ticked = self.step.session.draft.evidence.get(e)
        if col == 0:
            return ("[x]" if ticked is not None else "[ ]"), ("grid--mark" if ticked is not None else "grid--muted")
        if col == 1:
            return e.label(self.app.lang), None  # type: ignore[attr-defined]
        if ticked is None:
            return "", None
        bad = any(p.field == f"evidence.{e.value}" for p in self.step.session.problems(0))
        return (f"{ticked} !" if bad else ticked), ("grid--bad" if bad else None)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.typing = None
        super().watch_cursor_row(old, new)

    def _changed(self) -> None:
        self.refresh_row(self.cursor_row)
        self.step.edited()

    def action_tick(self) -> None:
        e = EVIDENCE[self.cursor_row]
        self.typing = None
        self.step.session.tick(e, e not in self.step.session.draft.evidence)
        self._changed()

    def action_untick(self) -> None:
        self.typing = None
        self.step.session.tick(EVIDENCE[self.cursor_row], False)
        self._changed()

    def action_erase(self) -> None:
        e = EVIDENCE[self.cursor_row]
        text = self.step.session.draft.evidence.get(e)
        if text is None:
            return
        self.typing = self.cursor_row
        if text[:-1]:
            self.step.session.set_evidence_date(e, text[:-1])
        else:
            self.step.session.tick(e, False)
        self._changed()

    def on_key(self, event: events.Key) -> None:
        if event.character is None or event.character not in self.DATE_KEYS:
            return
        event.stop()
        e = EVIDENCE[self.cursor_row]
        before = self.step.session.draft.evidence.get(e, "") if self.typing == self.cursor_row else ""
        self.typing = self.cursor_row
        self.cursor_col = 2
        self.step.session.set_evidence_date(e, before + event.character)
        self._changed()


class NoteLine(Widget, can_focus=True):
    """A dimension's note as an unfocused Input draws it; focused, it becomes that Input.

    Four Inputs cost the wizard's opening a fifth of its work (each is styled, laid out and
    painted with its cursor, selection and placeholder parts): the note's Input is mounted
    the first time the note is focused (tab from its dimension, or a click), in its place.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"note-line--placeholder"}

    def __init__(self, step: "OrganizationStep", dimension: OrgDimension) -> None:
        super().__init__(id=f"noteline-{dimension.value}", classes="dim-note")
        self.step = step
        self.dimension = dimension
        self.input: Input | None = None
        self._forwarded = False

    def render_line(self, y: int) -> Strip:
        # As Input.render_line draws an unfocused Input (the same segments: the same look).
        width = self.content_region.width
        if y != 0:
            return Strip.blank(width, self.rich_style)
        console, options = self.app.console, self.app.console_options
        value = safe_line(self.step.session.draft.org_notes.get(self.dimension, ""))
        if not value:
            text = Text(self.step._placeholder(self.dimension), justify="left", end="")
            text.stylize(self.get_component_rich_style("note-line--placeholder"))
            return Strip(console.render(text, options.update_width(width + 1))).apply_style(self.rich_style)
        text = Text(value, no_wrap=True, overflow="ignore", end="")
        strip = Strip(console.render(text, options.update_width(text.cell_len + 1)))
        return strip.crop(0, width + 1).extend_cell_length(width + 1).apply_style(self.rich_style)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return 1

    async def on_focus(self) -> None:
        await self.step.open_note(self)

    def on_key(self, event: events.Key) -> None:
        # Keys that reached the line (typed with the tab that focused it, in one burst) belong
        # to its Input, as if typed there: after its focus (which selects its text) if it has
        # it, else with its text selected as that focus would have.
        note = self.input
        if note is None or not (event.is_printable or event.key in ("backspace", "delete")):
            return
        event.stop()
        event.prevent_default()
        if not self._forwarded and self.screen.focused is not note:
            note.select_all()
        self._forwarded = True
        note.post_message(events.Key(event.key, event.character))


class OrganizationStep(Step):
    index = 0

    def compose(self) -> ComposeResult:
        # Composed with their words and values: the step needs no relabelling once mounted
        # (each change after mounting would restyle and repaint it during the wizard's opening).
        with VerticalScroll(id="org-scroll", classes="step-scroll", can_focus=False):
            yield Static(Content(self.tr("assess.org.heading")), id="org-heading", classes="step-heading")
            for dim in OrgDimension:
                yield DimensionChoice(self, dim)
                yield NoteLine(self, dim)  # an Input once focused
            yield EvidenceGrid(self)
        yield LiveLine(Content(self.org_line(self.session.org_result())), id="org-live", classes="live")

    def _placeholder(self, dim: OrgDimension) -> str:
        return f"{self.tr('assess.org.note')} · {dim.label(self.lang)}"

    async def open_note(self, line: NoteLine) -> None:
        """The note's Input in place of its line, focused if the line still is."""
        if line.input is not None:
            return
        dim = line.dimension
        note = Input(safe_line(self.session.draft.org_notes.get(dim, "")), placeholder=self._placeholder(dim),
                     id=f"note-{dim.value}", classes="dim-note")
        line.input = note
        await line.parent.mount(note, after=line)  # type: ignore[union-attr]
        if self.screen.focused is line:
            self.screen.set_focus(note, scroll_visible=False)
        line.display = False  # kept (not removed): keys queued for it still reach the Input

    def _notes(self) -> list[Input]:
        return [line.input for line in self.query(NoteLine) if line.input is not None]

    def reload(self) -> None:
        data = self.session.draft
        with self.prevent(Input.Changed):
            for note in self._notes():
                note.value = safe_line(data.org_notes.get(OrgDimension(note.id.removeprefix("note-")), ""))  # type: ignore[union-attr]
        self.query_one(EvidenceGrid).refresh()
        for w in self.query(DimensionChoice):
            w.refresh()
        self.relabel()

    def relabel(self) -> None:
        self.query_one("#org-heading", Static).update(Content(self.tr("assess.org.heading")))
        for line in self.query(NoteLine):
            line.refresh()
            if line.input is not None:
                line.input.placeholder = self._placeholder(line.dimension)
        self.query_one(EvidenceGrid).refresh()
        for w in self.query(DimensionChoice):
            w.refresh()
        self.refresh_live()

    def refresh_live(self) -> None:
        self.query_one("#org-live", LiveLine).show(self.org_line(self.session.org_result()))

    def first_field(self) -> Widget:
        return self.query_one(DimensionChoice)

    def guide_subject(self) -> OrgDimension | None:
        focused = self.screen.focused
        if isinstance(focused, DimensionChoice):
            return focused.dimension
        if isinstance(focused, NoteLine):
            return focused.dimension
        if isinstance(focused, Input) and focused.id and focused.id.startswith("note-"):
            return OrgDimension(focused.id.removeprefix("note-"))
        return None

    def show_problems(self, problems: list[Problem]) -> None:
        fields = {p.field for p in problems}
        for dim in OrgDimension:
            self.query_one(f"#dim-{dim.value}").set_class(f"org.{dim.value}" in fields, "-invalid")
        grid = self.query_one(EvidenceGrid)
        grid.refresh()
        if problems:
            name = problems[0].field
            if name.startswith("org."):
                self.query_one(f"#dim-{name.removeprefix('org.')}").focus()
            else:
                grid.cursor_row = EVIDENCE.index(Evidence(name.removeprefix("evidence.")))
                grid.cursor_col = 2
                grid.focus()

    # -- edits -------------------------------------------------------------------------
    @on(Input.Changed, ".dim-note")
    def _note(self, event: Input.Changed) -> None:
        dim = OrgDimension(event.input.id.removeprefix("note-"))  # type: ignore[union-attr]
        if event.value == self.session.draft.org_notes.get(dim, ""):
            return  # an Input reports its first value when mounted: not an edit
        self.session.set_org_note(dim, event.value)
        self.edited()
