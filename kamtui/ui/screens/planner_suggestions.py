"""The planner's suggested activities (mixed into PlannerScreen): the list under the
monitoring lines, the detail of the highlighted one while the list has the focus, and
`enter`, which opens the activity form filled in from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList, Static

from kamtui.ui.screens import activity_forms as forms
from kamtui.ui.screens.base import translate_bindings
from kamtui.ui.widgets import suggestion_text
from kamtui.ui.widgets.suggestion_list import SuggestionList

if TYPE_CHECKING:
    from kamtui.services.activities import Planner


class SuggestionsMixin:
    """Needs the screen's `planner`, `lang`, `tr`, `query_one`, `app`, `_saved`."""

    planner: "Planner | None"

    def render_suggestions(self) -> None:
        p = self.planner
        assert p is not None
        found = p.suggestions()
        names = self._names()
        box = self.query_one(SuggestionList)  # type: ignore[attr-defined]
        box.show(found, [suggestion_text.why_line(s, names, self.lang) for s in found],  # type: ignore[attr-defined]
                 self.tr("planner.suggest.none" if p.next_step else "planner.suggest.unassessed"))  # type: ignore[attr-defined]
        box.set_class(bool(found), "-attention")
        translate_bindings(box, self.lang)  # type: ignore[attr-defined]  # its enter: "Plan it"

    def _names(self) -> suggestion_text.Names:
        p = self.planner
        assert p is not None
        return suggestion_text.Names(p.names,
                                     {d.id: d.name for d in p.departments})

    def suggestion_detail(self, detail: Static) -> bool:
        """Show the highlighted suggestion's detail while the suggestions have the focus."""
        box = self.query_one(SuggestionList)  # type: ignore[attr-defined]
        if not (box.has_focus and box.current is not None and self.planner is not None):
            return False
        step = self.planner.next_step
        self._detail_text = None  # type: ignore[attr-defined]  # the row's detail is drawn again after
        detail.update(Content(suggestion_text.detail(box.current, self._names(), self.lang,  # type: ignore[attr-defined]
                                                     step.org.level if step and step.org else None)))
        detail.set_class(True, "-suggestion")
        detail.set_class(False, "-overdue")
        detail.set_class(False, "-attention")
        return True

    def action_suggestions(self) -> None:
        box = self.query_one(SuggestionList)  # type: ignore[attr-defined]
        if box.can_focus:
            box.focus()

    def action_plan_suggestion(self) -> None:
        """The activity form, filled in from the highlighted suggestion (every field editable)."""
        s = self.query_one(SuggestionList).current  # type: ignore[attr-defined]
        if s is None or self.planner is None:
            return
        prefill = suggestion_text.Prefill.of(s, self._names(), self.lang)  # type: ignore[attr-defined]
        self.app.push_screen(forms.ActivityFormDialog(self.planner, None, prefill=prefill),  # type: ignore[attr-defined]
                             self._saved)  # type: ignore[attr-defined]

    # Handlers by name (a mixin's @on handlers are not collected).
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "planner-suggest":
            event.stop()
            self.action_plan_suggestion()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "planner-suggest":
            self.render_detail()  # type: ignore[attr-defined]

    def on_descendant_focus(self) -> None:
        self.render_detail()  # type: ignore[attr-defined]
