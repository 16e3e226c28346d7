"""The planner's suggested activities: one why-line each, a cursor, `enter` plans the
highlighted one (the screen opens the activity form filled in from it)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kamtui.domain.rules.suggest import Suggestion


class SuggestionList(OptionList):
    """Posts OptionList.OptionSelected (its option id: the suggestion's position)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Plan it", id="suggest_plan"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.suggestions: list[Suggestion] = []

    def show(self, suggestions: list[Suggestion], lines: list[str], empty: str) -> None:
        """One option per suggestion (its why-line), or one disabled line saying there is none."""
        keep = self.highlighted
        self.suggestions = list(suggestions)
        self.clear_options()
        if suggestions:
            self.add_options([Option(Content(line), id=str(i)) for i, line in enumerate(lines)])
            self.highlighted = min(keep or 0, len(suggestions) - 1)
        else:
            self.add_option(Option(Content(empty), disabled=True))
        self.can_focus = bool(suggestions)

    @property
    def current(self) -> Suggestion | None:
        if not self.suggestions or self.highlighted is None:
            return None
        return self.suggestions[self.highlighted] if self.highlighted < len(self.suggestions) else None
