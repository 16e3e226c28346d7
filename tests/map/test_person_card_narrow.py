"""The card's facts at a narrow width (walk-through defect: the department pane at 80 columns
folded "Executive Committee" into "Executiv / e / Committe / e")."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style

from kamtui.ui.widgets.person_card import Facts


def _lines(facts: Facts, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(facts)
    return [line.rstrip() for line in console.export_text().splitlines()]


PAIRS = [("Under", "Executive Committee"), ("Decision role", "Decision maker"), ("Business line", "Retail")]


def test_a_value_goes_under_its_label_when_beside_would_break_its_words():
    lines = _lines(Facts(PAIRS, Style()), 22)  # beside the 13-cell labels: 8 cells
    assert lines[:2] == ["Under", "  Executive Committee"]
    assert lines[-1] == "Business line Retail"  # a value whose words fit stays beside
    words = {w for line in lines for w in line.split()}
    assert {"Executive", "Committee", "Decision", "maker", "Retail"} <= words  # no word cut in two


def test_wide_enough_values_stay_beside_their_labels():
    lines = _lines(Facts(PAIRS, Style()), 60)
    assert lines[0] == "Under         Executive Committee"
    assert lines[1] == "Decision role Decision maker"
