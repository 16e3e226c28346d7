"""The activity form's pickers: the activity type found as it is typed (English, 中文 or its
pinyin), and its targets as the scope asks: people (point), a department or business line
(line), or the whole account (surface, organization)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import Layer, Scope
from kamtui.domain.models import Activity
from kamtui.services import pinyin
from kamtui.services.activities import Planner
from kamtui.ui.screens.confirm import GuardedForm
from kamtui.ui.text import plain


def type_matches(term: str) -> list[ActivityType]:
    """Catalogue types whose English or Chinese label (or key) contains the term, or whose
    Chinese label's pinyin does (`bf` → 拜访)."""
    needle = term.strip().casefold()
    spelled = pinyin.needle(term)
    return [k for k in ActivityType
            if not needle or any(needle in s.casefold() for s in (k.label("en"), k.label("zh"), k.value))
            or pinyin.matches(k.label("zh"), spelled)]


class ActivityPickers(GuardedForm[Activity | None]):
    """The type and target fields of ActivityFormDialog, which lays them out."""

    planner: Planner
    kind: ActivityType | None
    chosen: list[str]  # the targeted people's ids

    def _suggest_board(self, layer: Layer | None = None) -> None:
        raise NotImplementedError

    # -- type picker ---------------------------------------------------------------
    def _fill_types(self, term: str) -> None:
        found = type_matches(term)
        box = self.query_one("#type-list", OptionList)
        box.set_options([Option(Content(f"{k.label('en')} · {k.label('zh')}"), id=k.value) for k in found])
        if found:
            box.highlighted = 0

    @on(Input.Changed, "#type-search")
    def _type_typed(self, event: Input.Changed) -> None:
        if self.kind is None or event.value != self.kind.label(self.lang):  # type: ignore[arg-type]
            self._fill_types(event.value)

    @on(Input.Submitted, "#type-search")
    def _type_entered(self, event: Input.Submitted) -> None:
        event.stop()
        box = self.query_one("#type-list", OptionList)
        option = box.highlighted_option
        if option is not None and option.id:
            self.choose_type(ActivityType(option.id))
            self.focus_next()

    @on(OptionList.OptionSelected, "#type-list")
    def _type_picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.choose_type(ActivityType(event.option.id))

    def choose_type(self, kind: ActivityType) -> None:
        """The type fills scope, layer and needs level (each stays editable)."""
        self.kind = kind
        spec = kind.spec
        self.query_one("#field-scope", Select).value = spec.scope
        self.query_one("#field-layer", Select).value = spec.layer
        needs = self.query_one("#field-needs_level", Select)
        needs.value = spec.needs_level if spec.needs_level else Select.NULL
        self._show_kind()
        self._show_targets(spec.scope)
        self._suggest_board(spec.layer)

    def _show_kind(self) -> None:
        lang, k = self.lang, self.kind
        chosen = self.query_one("#type-chosen", Static)
        if k is None:
            chosen.update(Content(self.tr("activity_form.type.none")))
        else:
            chosen.update(Content(self.tr("activity_form.type.chosen", type=k.label(lang), scope=k.spec.scope.label(lang),  # type: ignore[arg-type]
                                          layer=k.spec.layer.label(lang))))  # type: ignore[arg-type]

    # -- targets -------------------------------------------------------------------
    @on(Select.Changed, "#field-scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        self._show_targets(event.value)  # type: ignore[arg-type]

    def _show_targets(self, scope: Scope | Any) -> None:
        kind = {Scope.point: "point", Scope.line: "line"}.get(scope, "whole")
        self.query_one("#targets-people").display = kind == "point"
        self.query_one("#field-line").display = kind == "line"
        self.query_one("#targets-whole").display = kind == "whole"
        self.query_one("#label-targets", Label).update(Content(self.tr(f"activity_form.targets.{kind}")))

    def _fill_people(self, term: str) -> None:
        needle = term.strip().casefold()
        spelled = pinyin.needle(term)  # `zq` finds 周强 (keys computed once per name, cached)
        people = self.planner.people
        shown = [pid for pid in self.chosen if pid in people]
        for person in people.values():
            if len(shown) >= 60:
                break
            if person.id not in shown and not person.archived and (
                    not needle or needle in person.name.casefold() or pinyin.matches(person.name, spelled)):
                shown.append(person.id)
        box = self.query_one("#people-list", SelectionList)
        box.clear_options()
        box.add_options([Selection(plain(people[pid].name), pid, pid in self.chosen) for pid in shown])
        if shown:
            box.highlighted = 0
        self._show_chosen()

    def _show_chosen(self) -> None:
        names = ", ".join(self.planner.people[p].name for p in self.chosen if p in self.planner.people)
        self.query_one("#people-chosen", Static).update(
            Content(self.tr("activity_form.chosen", n=len(self.chosen), names=names or "—")))

    @on(Input.Changed, "#people-search")
    def _people_typed(self, event: Input.Changed) -> None:
        self._fill_people(event.value)

    @on(Input.Submitted, "#people-search")
    def _people_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#people-list").focus()

    @on(SelectionList.SelectionToggled, "#people-list")
    def _person_toggled(self, event: SelectionList.SelectionToggled) -> None:
        pid = event.selection.value
        if pid in self.chosen:
            self.chosen.remove(pid)
        else:
            self.chosen.append(pid)
        self._show_chosen()
