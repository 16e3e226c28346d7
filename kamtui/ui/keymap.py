"""Keys rebound in the config file: a `[keys]` table of binding ids and keys:

    [keys]
    copy = "c"             # the key that copies the selected name or row
    agenda = "ctrl+o"      # several keys: "ctrl+o,F2"

applied with Textual's keymap (`App.set_keymap`), which replaces a binding's keys wherever that
binding is declared. README lists the ids (`?` shows the keys they are on); an entry
that names no binding, or a key Textual cannot name, stops the start with one sentence that
says the file, the line and the entry.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
import unicodedata

from kamtui import paths
from kamtui.errors import KamtuiError

_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


def binding_ids() -> set[str]:
    """The id of every binding kamtui declares (its screens' modules are imported to see them)."""
    import kamtui.ui.screens
    import kamtui.ui.widgets
    from textual.dom import DOMNode

    for package in (kamtui.ui.screens, kamtui.ui.widgets):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
    import kamtui.ui.app  # noqa: F401 - the app's own keys

    ids: set[str] = set()
    todo = [DOMNode]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        for binding in cls.__dict__.get("BINDINGS", ()):
            found = getattr(binding, "id", None)
            if found:
                ids.add(found)
    return ids


def valid_key(key: str) -> bool:
    """Whether Textual can name `key` ("j", "G", "ctrl+o", "f2", "question_mark", "?")."""
    from textual.keys import Keys

    *mods, name = key.strip().split("+") if len(key.strip()) > 1 else [key.strip()]
    if not name or any(m not in _MODIFIERS for m in mods):
        return False
    if len(name) == 1 and name.isprintable():
        return True
    if name in {k.value for k in Keys} or re.fullmatch(r"f([1-9]|1[0-9]|2[0-4])", name):
        return True
    try:
        unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def _line(text: str, entry: str) -> int:
    """The line of `entry = …` in the `[keys]` table of `text` (0 when not found)."""
    inside = False
    pattern = re.compile(rf"""^\s*(?:{re.escape(entry)}|"{re.escape(entry)}"|'{re.escape(entry)}')\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") in ("[keys]",)
            continue
        if inside and pattern.match(line):
            return number
    return 0


def from_config() -> dict[str, str]:
    """The `[keys]` table of the config file, checked: {binding id: keys}."""
    table = paths.config().get("keys")
    if not table:
        return {}
    path = paths.config_file()
    text = path.read_text(encoding="utf-8")  # read already by config(): it is UTF-8 TOML
    if not isinstance(table, dict):
        raise KamtuiError("config.keys_not_table", path=path)
    known = binding_ids()
    out: dict[str, str] = {}
    for entry, value in table.items():
        line = _line(text, entry)
        if entry not in known:
            near = difflib.get_close_matches(entry, sorted(known), n=1, cutoff=0.6)
            if near:
                raise KamtuiError("config.key_unknown_near", path=path, line=line, entry=entry, near=near[0])
            raise KamtuiError("config.key_unknown", path=path, line=line, entry=entry)
        keys = value.split(",") if isinstance(value, str) else []
        if not keys or not all(valid_key(k) for k in keys):
            raise KamtuiError("config.key_invalid", path=path, line=line, entry=entry, value=str(value))
        out[entry] = ",".join(k.strip() for k in keys)
    return out
