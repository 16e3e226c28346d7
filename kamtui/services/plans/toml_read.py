"""TOML text to Python values: the Rust-backed `toml-rs` where its wheel is installed, stdlib
`tomllib` where it is not, with the same values, types and errors either way.

Why: `tomllib` is pure Python and was most of an import's time (≈ 10 s for the 46 MiB of the
`large` workspace's plans, here); `toml-rs` reads them in 0.056× that time (`rtoml` 0.10×). Why
`toml-rs` rather than `rtoml` (both maintained, both with wheels for Linux glibc and musl,
macOS and Windows on x86-64 and ARM): it can be held to TOML 1.0.0, the version `tomllib`
implements, and then gives exactly `tomllib`'s values on every case of the toml-test suite
(datetimes with a `datetime.timezone`, CRLF line ends folded in multi-line strings, `1e1000`
as inf), while `rtoml` reads TOML 1.1 (it accepts files `tomllib` refuses), gives offsets its
own tzinfo class and keeps CRLFs in strings. tests/plans/test_plans_toml_read.py holds it to that.

Errors: anything `toml-rs` refuses is read again by `tomllib`, whose message (with its line
and column) is the one the user sees; should it accept the text after all, its values are used.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from typing import Any

# `toml-rs` recurses on the C stack for each nested array or inline table and dies (SIGSEGV,
# no exception) past ≈ 4,000 levels on an 8 MiB stack, ≈ 65 on a 128 KiB one (musl's threads;
# measured with 0.4.3): it only sees text whose nesting is known to be at most this; deeper
# text goes to `tomllib`, which raises RecursionError. The plan format allows 50 (format.MAX_DEPTH).
FAST_MAX_DEPTH = 50


@functools.cache
def fast_loads() -> Callable[[str], dict[str, Any]] | None:
    """`toml-rs`'s loads held to TOML 1.0.0, or None where it is not installed. Imported on first
    use, not with kamtui: only an import needs it."""
    try:
        import toml_rs
    except ImportError:
        return None
    return functools.partial(toml_rs.loads, toml_version="1.0.0")


def loads(text: str, depth: int) -> dict[str, Any]:
    """`tomllib.loads(text)`: the same dict, or the same TOMLDecodeError / RecursionError.

    `depth` is at least how deep arrays and inline tables nest in `text` (`parse.nesting_depth`).
    """
    # (toml-rs reads a leading BOM, which tomllib refuses: on the one case found where they differ)
    fast = fast_loads() if depth <= FAST_MAX_DEPTH and not text.startswith("\ufeff") else None
    if fast is not None:
        try:
            return fast(text)
        except Exception:  # noqa: BLE001 (its TOMLDecodeError, or a ValueError for 23:59:60): tomllib words it
            pass
    return tomllib.loads(text)
