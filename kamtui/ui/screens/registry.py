"""The account screens behind the keys 2, 3 and 4: declared once, here, by module and class.

`ACCOUNT_SCREENS` is the one registration path (the screen modules do not register themselves):
each name points at "module:Class" under kamtui.ui.screens, imported when first needed. The
screens and what they pull in (forms, the activity catalogue, icalendar…) cost about as much
start-up time as the rest of the app, so the app's `AccountScreens` imports nothing at first;
the app calls `preload()` in a worker once the keyboard has been quiet for a while after the
first screen has its data, so the first press of 2/3/4 does not wait either; a key pressed
sooner imports on the spot.

What was imported and what failed belongs to the app (`KamtuiApp.account_screens`), not to this
module. A module that fails to import does not take the app down: its key disappears (hidden
from the footer, help and palette), the error is kept in `failed` and shown, and a warning is
issued.
"""

from __future__ import annotations

import importlib
import threading
import warnings
from collections.abc import Callable, Mapping
from types import MappingProxyType

from textual.screen import Screen

Factory = Callable[[str], Screen]  # account id -> the screen

# name -> "module:Class" (the class takes the account id). Names: "assessment" (2), "map" (3),
# "activities" (4); the app's bindings and palette commands use the same names.
ACCOUNT_SCREENS: Mapping[str, str] = MappingProxyType({
    "assessment": "assessment:AssessmentScreen",
    "map": "stakeholder_map:StakeholderMapScreen",
    "activities": "planner:PlannerScreen",
})


class AccountScreens:
    """One app's account screens. `declared` maps a name to "module:Class" (imported when
    needed) or to a factory (a stand-in in tests); it is read, never changed."""

    def __init__(self, declared: Mapping[str, str | Factory]):
        self.declared = declared
        self.loaded: dict[str, Factory] = {}  # name -> the imported screen class
        self.failed: dict[str, str] = {}  # module -> the error that stopped it from loading
        self._importing = threading.Lock()  # preload (a worker) and a key may ask at once

    def __contains__(self, name: object) -> bool:
        """Whether the key for `name` is offered: declared, and its module did not fail."""
        if not isinstance(name, str) or name not in self.declared:
            return False
        target = self.declared[name]
        return not isinstance(target, str) or _split(target)[0] not in self.failed

    def pending(self) -> list[str]:
        """The declared screens whose module is not imported yet (and has not failed)."""
        return [name for name, target in self.declared.items()
                if isinstance(target, str) and name not in self.loaded and name in self]

    def preload(self) -> list[str]:
        """Import the modules still pending; the names of those that failed (now in `failed`)."""
        return [name for name in self.pending() if self.factory(name) is None]

    def factory(self, name: str) -> Factory | None:
        """The screen for `name`, its module imported if need be; None when it is not declared
        or its module failed (the failure is then in `failed`, and warned about once)."""
        target = self.declared.get(name)
        if target is None or not isinstance(target, str):
            return target
        with self._importing:
            if name not in self.loaded and name in self:
                try:
                    self.loaded[name] = resolve(target)
                except Exception as exc:  # noqa: BLE001 - reported, not swallowed
                    module = _split(target)[0]
                    self.failed[module] = f"{type(exc).__name__}: {exc}"
                    warnings.warn(f"kamtui: screen module {module} failed to load: {self.failed[module]}",
                                  stacklevel=3)
            return self.loaded.get(name)

    def open(self, name: str, account_id: str) -> Screen:
        """The screen for `name` on the account; ImportError when its module failed to load."""
        factory = self.factory(name)
        if factory is None:
            raise ImportError(self.failed.get(_split(str(self.declared.get(name, "")))[0], name))
        return factory(account_id)


def resolve(target: str) -> type[Screen]:
    """The Screen class "module:Class" names under kamtui.ui.screens (imports the module)."""
    module, cls_name = _split(target)
    loaded = importlib.import_module(f"kamtui.ui.screens.{module}")
    cls = getattr(loaded, cls_name, None)
    if not (isinstance(cls, type) and issubclass(cls, Screen)):
        raise ImportError(f"kamtui.ui.screens.{module} has no screen class {cls_name}")
    return cls


def _split(target: str) -> tuple[str, str]:
    module, _, cls_name = target.partition(":")
    return module, cls_name
