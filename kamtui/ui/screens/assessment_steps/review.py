"""Step 4: the three layers against the previous snapshot, pitfalls, targets, date; ctrl+s saves."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from kamtui import formatting as fmt
from kamtui.domain.enums import Layer, OrgLevel
from kamtui.domain.rules.pitfalls import Pitfall
from kamtui.services.assessments import FigureMove, Problem, RatingMove, figure_moves
from kamtui.ui.screens.assessment_steps.base import ARROW, Edited, Lines, Step, value_text
from kamtui.ui.screens.assessment_steps.grid import Column, CellGrid, fit
from kamtui.ui.screens.assessment_steps.strings import tr
from kamtui.ui.screens.form import FormDialog, FormField
from kamtui.ui.text import safe_line

MOVED_LINES = 12


class PitfallGrid(CellGrid):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "dismiss_pitfall", "Dismiss", id="assess_dismiss"),
    ]

    def __init__(self, step: "ReviewStep") -> None:
        super().__init__([Column("state", 12, editable=False), Column("title", 0)], id="pitfall-grid")
        self.step = step
        self.pitfalls: list[Pitfall] = []

    @property
    def row_count(self) -> int:
        return len(self.pitfalls)

    show_header = False
    row_cursor = True

    def cell(self, row: int, col: int) -> tuple[str, str | None]:
        p = self.pitfalls[row]
        lang = self.app.lang  # type: ignore[attr-defined]
        if col == 0:
            return (tr("assess.pit.open", lang), "grid--bad") if p.open else (
                tr("assess.pit.dismissed", lang), "grid--muted")
        return f"{p.key.label(lang)} — {p.detail(lang)}", None

    def action_dismiss_pitfall(self) -> None:
        if self.pitfalls and self.pitfalls[self.cursor_row].open:
            self.step.dismiss(self.pitfalls[self.cursor_row])


class LevelChoice(Widget, can_focus=True):
    """The organisation target: 1–4 picks a level, 0 clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Level", key_display="0–4", id="assess_level"),
        Binding("2", "pick(2)", show=False),
        Binding("3", "pick(3)", show=False),
        Binding("4", "pick(4)", show=False),
        Binding("0,backspace,delete", "pick(0)", show=False),
        Binding("right", "nudge(1)", show=False),
        Binding("left", "nudge(-1)", show=False),
    ]

    def __init__(self, step: "ReviewStep") -> None:
        super().__init__(id="target-organization-level")
        self.step = step

    def render(self) -> Content:
        lang = self.app.lang  # type: ignore[attr-defined]
        level = self.step.session.data.targets.get(Layer.organization)
        chosen = level.level if level else None
        text = f"◀ {chosen.rank} {chosen.label(lang)} ▶" if chosen else tr("assess.review.nolevel", lang)
        return Content(fit(text, self.content_region.width or 20))

    def action_pick(self, rank: int) -> None:
        self.step.session.set_target(Layer.organization, level=OrgLevel.of_rank(rank) if rank else None)
        self.refresh()
        self.step.edited()

    def action_nudge(self, delta: int) -> None:
        entry = self.step.session.data.targets.get(Layer.organization)
        rank = entry.level.rank if entry and entry.level else 0
        self.action_pick(min(max(rank + delta, 1), 4))


class ReviewStep(Step):
    index = 3

    def compose(self) -> ComposeResult:
        data = self.session.data
        with VerticalScroll(id="review-scroll", classes="step-scroll", can_focus=False):
            with Horizontal(classes="review-row"):
                yield Static("", id="review-date-label", classes="field-label")
                yield Input(safe_line(data.assessed_on), id="review-date", classes="date-input")
                yield Static("", id="review-note-label", classes="field-label")
                yield Input(safe_line(data.note), id="review-note")
            yield Static("", id="review-against", classes="step-heading")
            with Horizontal(id="review-layers"):
                for layer in Layer:
                    yield Lines(id=f"layer-{layer.value}", classes="layer-panel")
            yield Static("", id="review-moved-heading", classes="step-heading")
            yield Lines(id="review-moved")
            yield Static("", id="review-pitfalls-heading", classes="step-heading")
            yield PitfallGrid(self)
            yield Lines(id="pitfall-detail", classes="detail")
            yield Static("", id="review-targets-heading", classes="step-heading")
            for layer in Layer:
                entry = data.targets.get(layer)
                with Horizontal(classes="review-row target-row"):
                    yield Static("", id=f"target-{layer.value}-label", classes="target-label")
                    yield Static("", id=f"target-{layer.value}-what", classes="field-label")
                    if layer == Layer.organization:
                        yield LevelChoice(self)
                    else:
                        yield Input(safe_line(entry.index) if entry else "", id=f"target-{layer.value}-index",
                                    classes="index-input")
                    yield Static("", id=f"target-{layer.value}-by", classes="field-label")
                    yield Input(safe_line(entry.due) if entry else "", id=f"target-{layer.value}-due",
                                placeholder="YYYY-MM-DD", classes="date-input")

    def on_mount(self) -> None:
        self.relabel()

    @property
    def pitfall_grid(self) -> PitfallGrid:
        return self.query_one(PitfallGrid)

    def reload(self) -> None:
        data = self.session.data
        with self.prevent(Input.Changed):
            self.query_one("#review-date", Input).value = safe_line(data.assessed_on)
            self.query_one("#review-note", Input).value = safe_line(data.note)
            for layer in (Layer.key, Layer.extensive):
                entry = data.targets.get(layer)
                self.query_one(f"#target-{layer.value}-index", Input).value = safe_line(entry.index) if entry else ""
            for layer in Layer:
                entry = data.targets.get(layer)
                self.query_one(f"#target-{layer.value}-due", Input).value = safe_line(entry.due) if entry else ""
        self.relabel()

    def relabel(self) -> None:
        def put(wid: str, key: str) -> None:
            self.query_one(wid, Static).update(Content(self.tr(key)))

        put("#review-date-label", "assess.review.date")
        put("#review-note-label", "assess.review.note")
        put("#review-moved-heading", "assess.review.moved")
        put("#review-pitfalls-heading", "assess.review.pitfalls")
        put("#review-targets-heading", "assess.review.targets")
        for layer in Layer:
            self.query_one(f"#target-{layer.value}-label", Static).update(Content(layer.label(self.lang)))
            put(f"#target-{layer.value}-what",
                "assess.review.target_level" if layer == Layer.organization else "assess.review.target_index")
            put(f"#target-{layer.value}-by", "assess.review.due")
        self.query_one(LevelChoice).refresh()
        self.refresh_live()

    def first_field(self) -> Widget:
        return self.query_one("#review-date", Input)

    # -- the figures -------------------------------------------------------------------
    def refresh_live(self) -> None:
        s = self.session
        prev = s.previous
        self.query_one("#review-against", Static).update(Content(
            self.tr("assess.review.against", date=prev.assessed_on.isoformat()) if prev
            else self.tr("assess.review.first")))
        figs = figure_moves(s.previous_figures(), s.figures())
        moves = s.moves(include_same=True)
        for layer in Layer:
            self.query_one(f"#layer-{layer.value}", Lines).set_lines(
                self._layer_lines(layer, figs, moves, prev is not None))
        moved = [m for m in moves if m.kind != "org" and m.before != m.after]
        lines = [(self._move_text(m), _tone(m.direction)) for m in moved[:MOVED_LINES]]
        if len(moved) > MOVED_LINES:
            lines.append((f"… +{len(moved) - MOVED_LINES}", "muted"))
        self.query_one("#review-moved", Lines).set_lines(
            lines or [(self.tr("assess.review.nothing_moved"), "muted")])
        grid = self.pitfall_grid
        grid.pitfalls = s.pitfalls()
        grid.refresh_rows()
        self._pitfall_detail()

    def _layer_lines(self, layer: Layer, figs: list[FigureMove], moves: list[RatingMove],
                     has_prev: bool) -> list[tuple[str, str | None]]:
        lang = self.lang
        lines: list[tuple[str, str | None]] = [(self.tr(f"assess.layer.{layer.value}"), "title")]
        for f in figs:
            if f.layer != layer:
                continue
            value = fmt.percent(f.after) if f.name == "coverage" else value_text(f.after, lang)
            arrow = f"{ARROW[f.direction]} " if has_prev else ""
            lines.append((f"{arrow}{self.tr(f'assess.fig.{f.name}')}: {value}", None))
        if layer == Layer.organization:
            for m in (m for m in moves if m.kind == "org"):
                arrow = f"{ARROW[m.direction]} " if has_prev else ""
                was = f" ({value_text(m.before, lang)})" if has_prev and m.before != m.after else ""
                name = self.tr(f"assess.dim.{m.dimension.value}")  # type: ignore[union-attr]
                tone = _tone(m.direction) if has_prev else None
                lines.append((f"{arrow}{name}: {value_text(m.after, lang)}{was}", tone))
        elif has_prev:
            kind, what = (("attitude", "assess.review.attitudes") if layer == Layer.key
                          else ("indicator", "assess.review.indicators"))
            ds = [m.direction for m in moves if m.kind == kind]
            lines.append((self.tr("assess.review.count", what=self.tr(what), up=ds.count(1), down=ds.count(-1),
                                  same=ds.count(0), other=ds.count(None)), "muted"))
        return lines

    def _move_text(self, m: RatingMove) -> str:
        lang = self.lang
        if m.kind == "attitude":
            subject = m.person
        else:
            subject = f"{m.department} · {m.indicator.label(lang)}"  # type: ignore[union-attr]
        return f"{ARROW[m.direction]} {subject}: {value_text(m.before, lang)} → {value_text(m.after, lang)}"

    @on(CellGrid.CursorMoved, "#pitfall-grid")
    def _pitfall_detail(self) -> None:
        grid = self.pitfall_grid
        lines: list[tuple[str, str | None]] = []
        if not grid.pitfalls:
            lines.append((self.tr("assess.review.no_pitfalls"), "good"))
        else:
            p = grid.pitfalls[min(grid.cursor_row, len(grid.pitfalls) - 1)]
            lines.append((f"{p.key.layer.label(self.lang)}: {p.detail(self.lang)}", None))
            if p.data:
                lines.append((self.tr("assess.pit.data", data=", ".join(p.data)), "muted"))
            if p.dismissal:
                d = p.dismissal
                lines.append((self.tr("assess.pit.why", who=d.dismissed_by or "?", on=d.dismissed_on.isoformat(),
                                      reason=d.reason), "muted"))
        self.query_one("#pitfall-detail", Lines).set_lines(lines)

    def dismiss(self, pitfall: Pitfall) -> None:
        key = pitfall.key.value

        def submit(data: dict[str, Any]) -> bool:
            self.session.dismiss(key, data.get("reason") or "")
            return True

        def done(result: bool | None) -> None:
            if result:
                self.refresh_live()
                self.pitfall_grid.focus()
                self.post_message(Edited())

        title = Content(self.tr("assess.dismiss.title", pitfall=pitfall.key.label(self.lang)))
        label = (tr("assess.dismiss.reason", "en"), tr("assess.dismiss.reason", "zh"))
        field = FormField("reason", label, kind="note", required=True)
        self.app.push_screen(FormDialog(title, [field], submit), done)

    # -- inputs ------------------------------------------------------------------------
    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        wid = event.input.id or ""
        data = self.session.data
        event.stop()
        if wid in ("review-date", "review-note"):
            name = "assessed_on" if wid == "review-date" else "note"
            if getattr(data, name) == event.value:
                return  # an Input reports its first value when mounted: not an edit
            self.session.set_text(name, event.value)
        elif wid.startswith("target-"):
            _, layer, what = wid.split("-")
            entry = data.targets.get(Layer(layer))
            if (getattr(entry, what) if entry else "") == event.value:
                return
            self.session.set_target(Layer(layer), **{what: event.value})
        else:
            return
        fields = {p.field for p in self.session.problems(self.index)}
        event.input.set_class(_field_of(wid) in fields, "-invalid")
        self.post_message(Edited())

    def show_problems(self, problems: list[Problem]) -> None:
        fields = {p.field for p in problems}
        for inp in self.query(Input):
            inp.set_class(_field_of(inp.id or "") in fields, "-invalid")
        bad = [inp for inp in self.query(Input) if inp.has_class("-invalid")]
        if bad:
            bad[0].focus()


def _field_of(widget_id: str) -> str:
    if widget_id == "review-date":
        return "assessed_on"
    if widget_id.startswith("target-"):
        _, layer, what = widget_id.split("-")
        return f"target.{layer}.{what}"
    return widget_id


def _tone(direction: int | None) -> str | None:
    return {1: "good", -1: "bad", None: "warn"}.get(direction)
