"""Domain tests: pure functions and models, no store, no UI, no clock (TODAY is fixed)."""

from __future__ import annotations

import sys
from pathlib import Path

# The builders live next to the tests as a plain module (usable outside fixtures, e.g. in
# hypothesis strategies and parametrize lists); keep it importable whatever the import mode.
_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
