"""Store tests: real files in tmp_path; worker processes come from store_workers (spawn)."""

import sys
from pathlib import Path

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)  # store_workers, for the tests and for spawned children
