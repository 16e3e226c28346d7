"""The account screens behind the keys 2, 3 and 4.

`load()` registers each one by module name without importing it: the three screens and what
they pull in (forms, the activity catalogue, icalendar…) cost about as much start-up time as
the rest of the app. The app calls `preload()` in a worker once the keyboard has been quiet for
a while after the first screen has its data, so the first press of 2/3/4 does not wait either;
a key pressed sooner imports on the spot.

A module that fails to import does not take the app down: its key disappears (hidden from the
footer, help and palette), the error is kept in FAILED and shown, and a warning is issued.
"""

from __future__ import annotations

import importlib
import threading
import warnings
from collections.abc import Callable

from textual.screen import Screen

# name -> factory(account_id) ; names: "assessment" (2), "map" (3), "activities" (4)
ACCOUNT_SCREENS: dict[str, Callable[[str], Screen]] = {}
# module -> the error that stopped it from loading (the app reports these, then runs without them)
FAILED: dict[str, str] = {}
# name -> (module under kamtui.ui.screens, class taking the account id)
MODULES: dict[str, tuple[str, str]] = {
    "assessment": ("assessment", "AssessmentScreen"),
    "map": ("stakeholder_map", "StakeholderMapScreen"),
    "activities": ("planner", "PlannerScreen"),
}
_IMPORTING = threading.Lock()  # preload (a worker) and a key press may ask at the same time


class _Lazy:
    """Stands for a screen until its module is imported (which registers the real factory)."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, account_id: str) -> Screen:
        if not _import(self.name):
            raise ImportError(FAILED[MODULES[self.name][0]])
        return ACCOUNT_SCREENS[self.name](account_id)


def register(name: str, factory: Callable[[str], Screen]) -> None:
    ACCOUNT_SCREENS[name] = factory


def load() -> None:
    """Register every account screen by name; nothing is imported yet."""
    for name in MODULES:
        ACCOUNT_SCREENS.setdefault(name, _Lazy(name))


def pending() -> list[str]:
    """The registered screens whose module is not imported yet."""
    return [name for name, factory in ACCOUNT_SCREENS.items() if isinstance(factory, _Lazy)]


def preload() -> list[str]:
    """Import the modules still pending; the names of those that failed (now in FAILED)."""
    return [name for name in pending() if not _import(name)]


def _import(name: str) -> bool:
    module = MODULES[name][0]
    with _IMPORTING:
        if module in FAILED:
            return False
        try:
            loaded = importlib.import_module(f"kamtui.ui.screens.{module}")
        except Exception as exc:  # noqa: BLE001 - reported, not swallowed
            _failed(module, exc)
            if isinstance(ACCOUNT_SCREENS.get(name), _Lazy):
                del ACCOUNT_SCREENS[name]
            return False
        # Importing registers the real factory; a module imported before load() did so then.
        if isinstance(ACCOUNT_SCREENS.get(name), _Lazy):
            ACCOUNT_SCREENS[name] = getattr(loaded, MODULES[name][1])
        return True


def _failed(module: str, exc: BaseException) -> None:
    FAILED[module] = f"{type(exc).__name__}: {exc}"
    warnings.warn(f"kamtui: screen module {module} failed to load: {FAILED[module]}", stacklevel=3)
