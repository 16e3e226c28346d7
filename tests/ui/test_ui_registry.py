"""The account screens of keys 2/3/4: declared once (registry.ACCOUNT_SCREENS), resolved per app."""

from __future__ import annotations

import inspect
import re
import warnings

import pytest
from textual.screen import Screen

from kamtui.ui.app import KamtuiApp
from kamtui.ui.i18n import has
from kamtui.ui.screens import registry


@pytest.mark.parametrize("name", sorted(registry.ACCOUNT_SCREENS))
def test_every_declared_screen_resolves_to_a_screen_taking_the_account(name):
    cls = registry.resolve(registry.ACCOUNT_SCREENS[name])  # imports the module, as the key does
    assert issubclass(cls, Screen)
    assert list(inspect.signature(cls).parameters)[:1] == ["account_id"]
    assert registry.AccountScreens(registry.ACCOUNT_SCREENS).factory(name) is cls


@pytest.mark.parametrize("typo", ["stakeholder_map:StakeholdrMapScreen", "stakeholdr_map:StakeholderMapScreen",
                                  "stakeholder_map:MapEdits", "stakeholder_map"])
def test_a_typo_in_a_declaration_fails_to_resolve_and_hides_only_its_key(typo):
    with pytest.raises(ImportError):
        registry.resolve(typo)
    screens = registry.AccountScreens({"map": typo, "activities": "planner:PlannerScreen"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert screens.preload() == ["map"]
    assert "map" not in screens and "activities" in screens
    assert screens.failed and caught
    with pytest.raises(ImportError):
        screens.open("map", "some-account")


def test_every_declared_screen_has_its_key_and_palette_words_and_every_key_names_one():
    keyed = {m.group(1) for b in KamtuiApp.BINDINGS
             if (m := re.fullmatch(r"account_screen\('(\w+)'\)", b.action))}
    assert keyed == set(registry.ACCOUNT_SCREENS)
    for name in registry.ACCOUNT_SCREENS:
        assert has(f"cmd.{name}") and has(f"help.{name}") and has(f"key.{name}")


def test_the_declaration_is_read_only_and_what_loaded_belongs_to_each_app(demo_ws, make, monkeypatch):
    with pytest.raises(TypeError):
        registry.ACCOUNT_SCREENS["map"] = "planner:PlannerScreen"  # type: ignore[index]
    monkeypatch.setattr(KamtuiApp, "ACCOUNT_SCREENS", registry.ACCOUNT_SCREENS)
    first, second = make(demo_ws), make(demo_ws)
    assert first.account_screens is not second.account_screens
    first.account_screens.failed["planner"] = "ImportError: boom"
    assert "activities" not in first.account_screens and "activities" in second.account_screens
    assert second.account_screens.pending() == ["assessment", "map", "activities"]
