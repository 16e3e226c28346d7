"""Bulk work over whole workspaces: pause the cyclic garbage collector meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """An import or export allocates millions of objects that all live until it ends; the
    collector would scan them again and again (≈ 15 % of an import of the `large` workspace)
    and find nothing to free. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
