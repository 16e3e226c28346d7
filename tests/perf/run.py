"""The benchmark suite: `python tests/perf/run.py [--sizes large,xl] [--only NAME] [-n 9]`.

Not part of the default test run. Prints a table and writes tests/perf/results.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import HERE, Result, print_table, save_json  # noqa: E402
import ops  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="large,xl", help="comma-separated: small, large, xl")
    parser.add_argument("--only", action="append", help="run only these operations (repeatable)")
    parser.add_argument("-n", type=int, default=9, help="alternating pairs per operation (≥ 9)")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    results: list[Result] = []
    for name, sizes_for, fn in ops.OPERATIONS:
        if args.only and name not in args.only:
            continue
        for size in sizes_for:
            if size not in sizes:
                continue
            print(f"… {name} ({size})", file=sys.stderr, flush=True)
            got = fn(size, args.n)
            results.extend(got if isinstance(got, list) else [got])
    print_table(results)
    save_json(results, args.json)
    print(f"results: {args.json}")
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
