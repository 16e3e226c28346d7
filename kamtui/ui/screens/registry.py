"""The account screens behind the keys 2, 3 and 4, registered as each one exists.

A key whose screen is not registered is absent (hidden from the footer, help and palette).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

from textual.screen import Screen

# name -> factory(account_id) ; names: "assessment" (2), "map" (3), "activities" (4)
ACCOUNT_SCREENS: dict[str, Callable[[str], Screen]] = {}
# module -> the error that stopped it from loading (the app reports these, then runs without them)
FAILED: dict[str, str] = {}


def register(name: str, factory: Callable[[str], Screen]) -> None:
    ACCOUNT_SCREENS[name] = factory


def load() -> None:
    """Import the screen modules that exist; each registers itself.

    A module that exists but fails to import does not take the whole app down: its key stays
    absent, the failure is kept in FAILED and shown by the app, and a warning is issued.
    """
    import importlib

    for module in ("assessment", "stakeholder_map", "planner"):
        try:
            importlib.import_module(f"kamtui.ui.screens.{module}")
        except ModuleNotFoundError as exc:
            if exc.name == f"kamtui.ui.screens.{module}":
                continue
            _failed(module, exc)
        except Exception as exc:  # noqa: BLE001 - reported, not swallowed
            _failed(module, exc)


def _failed(module: str, exc: BaseException) -> None:
    FAILED[module] = f"{type(exc).__name__}: {exc}"
    warnings.warn(f"kamtui: screen module {module} failed to load: {FAILED[module]}", stacklevel=3)
