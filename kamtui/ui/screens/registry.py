"""The account screens behind the keys 2, 3 and 4, registered as each one exists.

A key whose screen is not registered is absent (hidden from the footer, help and palette).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

# name -> factory(account_id) ; names: "assessment" (2), "map" (3), "activities" (4)
ACCOUNT_SCREENS: dict[str, Callable[[str], Screen]] = {}


def register(name: str, factory: Callable[[str], Screen]) -> None:
    ACCOUNT_SCREENS[name] = factory


def load() -> None:
    """Import the screen modules that exist; each registers itself."""
    import importlib

    for module in ("assessment", "stakeholder_map", "planner"):
        try:
            importlib.import_module(f"kamtui.ui.screens.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kamtui.ui.screens.{module}":
                raise
