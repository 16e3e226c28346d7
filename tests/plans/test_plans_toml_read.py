"""toml-rs reads what tomllib reads, as tomllib reads it: the same values of the same types in
the same order, and refuses what tomllib refuses; tomllib reads alone where toml-rs is missing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_strategies import plans, workspaces
from toml_strategies import documents

from kamtui.services.plans import export, import_, toml_read
from kamtui.services.plans import format as fmt
from kamtui.services.plans.parse import nesting_depth

PROPS = settings(max_examples=150, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(autouse=True)
def _fresh_lookup():
    """Each test finds toml-rs (or not) for itself, and leaves the lookup as it found it."""
    lookup = toml_read.fast_loads
    lookup.cache_clear()
    yield
    lookup.cache_clear()


def typed(v):
    """A parsed document as comparable data: key order, each value's type, an offset's type and
    size (two datetimes at the same instant with different offsets are equal in Python), -0.0
    and nan as written."""
    if isinstance(v, dict):
        return [(k, typed(x)) for k, x in v.items()]
    if isinstance(v, list):
        return [typed(x) for x in v]
    if isinstance(v, float):
        return ("float", repr(v))
    if isinstance(v, (dt.datetime, dt.time)):
        tz = v.tzinfo
        return (type(v).__name__, v.isoformat(), type(tz).__name__, tz.utcoffset(None) if tz else None)
    return (type(v).__name__, v)


def fast(text: str):
    loads = toml_read.fast_loads()
    assert loads is not None, "toml-rs is a dependency: it should be installed here"
    return loads(text)


def same_as_tomllib(text: str) -> None:
    assert typed(fast(text)) == typed(tomllib.loads(text))


# --- what kamtui writes ------------------------------------------------------------------------

@PROPS
@given(plans(), st.booleans())
def test_any_plan_file_reads_the_same(plan, private):
    same_as_tomllib(export.plan_toml(plan, include_private=private))


@PROPS
@given(workspaces())
def test_any_workspace_file_reads_the_same(workspace):
    same_as_tomllib(export.workspace_toml(*workspace))


def test_the_demo_files_read_the_same(demo_ws, ctx_of, tmp_path):
    ctx = ctx_of(demo_ws)
    written = export.export_accounts(ctx, export.all_account_ids(ctx), tmp_path, include_private=True,
                                     with_workspace=True)
    assert len(written) == 5
    for w in written:
        same_as_tomllib(w.path.read_text(encoding="utf-8"))


# --- any TOML --------------------------------------------------------------------------------

@PROPS
@given(documents())
def test_any_document_reads_the_same_and_its_nesting_is_never_undercounted(doc):
    text, depth = doc
    same_as_tomllib(text)
    assert nesting_depth(text) >= depth


CHANGES = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(list("\"'\\[]{}=.,#\n\r \t:-+_eExo0179TZz\x00\x7f中"))
                             | st.just("")), min_size=1, max_size=3)


@PROPS
@given(documents(), CHANGES)
def test_a_spoilt_document_is_refused_or_read_as_tomllib_does(doc, changes):
    text = doc[0]
    for pos, ch in changes:  # replace, insert or delete a character where TOML is touchy
        pos %= max(len(text), 1)
        text = text[:pos] + ch + text[pos + (ch == "" or pos % 2):]
    try:
        want = typed(tomllib.loads(text))
    except tomllib.TOMLDecodeError:
        want = None
    try:
        got = typed(fast(text))
    except Exception:  # noqa: BLE001 (any refusal: toml_read.loads then asks tomllib)
        got = None
    assert got == want
    try:
        through = typed(toml_read.loads(text, nesting_depth(text)))
    except tomllib.TOMLDecodeError:
        through = None
    assert through == want


@pytest.mark.parametrize("text", [
    # offsets: a datetime.timezone, not a tzinfo class of the parser's own
    "a = 1979-05-27T07:32:00-08:00\nb = 1979-05-27T07:32:00Z\nc = 1979-05-27 07:32:00.999999+05:30",
    "a = 1979-05-27T07:32:00\nb = 1979-05-27t00:32:00.123456789\nc = 1979-05-27\nd = 07:32:00.5",
    "a = 9223372036854775807\nb = -9223372036854775808\nc = 0xDEAD_beef\nd = 0o755\ne = 0b1101",
    "a = inf\nb = -inf\nc = nan\nd = -0.0\ne = 1e1000\nf = 6.626e-34\ng = 1_000.5E+3",
    'a = """\r\nfirst\r\nsecond"""\r\nb = \'\'\'\r\nkept \\n as is\r\n\'\'\'\r\n',  # CRLFs in strings become LFs
    'a = """\\\n    folded \\\n\n   together"""\nb = "tab\\t quote\\" \\u00e9 \\U0001F600 \\\\"',
    'k = "中文 한글 😀 👩\u200d💻"\n"中文键" = \'測試\'\n["表"."x y"]\n[["数组"]]\nv = 1\n[[\'数组\']]\nv = 2',
    "a = {x = 1, y = {z = [1, 'b', 2.0, [], {}]}}\nb = [[1, 2], [\"a\"], [{c = 1979-05-27}]]\nd.e.f = true",
])
def test_the_cases_that_set_toml_rs_apart(text):
    """Where another Rust-backed parser (rtoml 0.14) gives other values: tzinfo class, CRLF
    kept in strings, 1e1000 refused. toml-rs gives tomllib's."""
    same_as_tomllib(text)


@pytest.mark.parametrize("text", [
    "a = 07:32",  # TOML 1.1 only: no seconds
    "a = {x = 1,\n y = 2}",  # TOML 1.1 only: line break in an inline table
    "a = {x = 1,}",  # TOML 1.1 only: trailing comma in an inline table
    'a = "\\e"',  # TOML 1.1 only: \e and \x escapes
    'a = "\\x41"',
    "a = 1\na = 2",
    "a = 2023-02-29",
    "a = 1990-12-31T23:59:60Z",  # toml-rs raises ValueError here, not its TOMLDecodeError
    'a = "x\ny"',
    "a = 1 # \x7f",
    "a = 1\rb = 2",
    "[a]\nb.c = 1\n[a.b]\nd = 2",
    "\ufeffa = 1",  # parse.load_document drops a BOM first, as tomllib refuses it
])
def test_what_tomllib_refuses_is_refused_with_tomllib_words(text):
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(tomllib.TOMLDecodeError) as got:
        toml_read.loads(text, nesting_depth(text))
    assert str(got.value) == str(expected.value)


# --- where toml-rs is missing, or must not be used ------------------------------------------

def test_without_toml_rs_tomllib_reads_everything(demo_ws, empty_ws, ctx_of, tmp_path, monkeypatch):
    ctx = ctx_of(demo_ws)
    export.export_accounts(ctx, export.all_account_ids(ctx), tmp_path / "plans", include_private=True,
                           with_workspace=True)
    with_rs = type(empty_ws).create(tmp_path / "with-rs.sqlite", team_name="Empty team")
    assert toml_read.fast_loads() is not None
    expected = import_.import_path(ctx_of(with_rs), tmp_path / "plans")

    monkeypatch.setitem(sys.modules, "toml_rs", None)  # `import toml_rs` now raises ImportError
    toml_read.fast_loads.cache_clear()
    assert toml_read.fast_loads() is None
    used: list[str] = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: used.append(text) or real(text))
    assert import_.import_path(ctx_of(empty_ws), tmp_path / "plans") == expected
    assert len(used) == 5
    for table in ("account", "person", "activity", "account_summary"):
        q = f"SELECT * FROM {table} ORDER BY 1"
        assert empty_ws.db.execute(q).fetchall() == with_rs.db.execute(q).fetchall()
    with_rs.close()


def test_text_nested_deeper_than_toml_rs_may_see_goes_to_tomllib(monkeypatch):
    monkeypatch.setattr(toml_read, "fast_loads", lambda: pytest.fail("toml-rs was handed deep text"))
    deep = "a = " + "[" * (toml_read.FAST_MAX_DEPTH + 1) + "]" * (toml_read.FAST_MAX_DEPTH + 1)
    assert toml_read.loads(deep, nesting_depth(deep)) == tomllib.loads(deep)


def test_toml_rs_reads_the_deepest_file_kamtui_accepts_on_a_small_thread_stack(tmp_path):
    """toml-rs recurses on the C stack, ≈ 2 KiB a level: at the format's limit it fits in the
    smallest stack a thread gets (musl's 128 KiB; ≈ 65 inline tables overflow it). A crash
    kills the process, hence a child."""
    assert toml_read.FAST_MAX_DEPTH <= fmt.MAX_DEPTH
    half = fmt.MAX_DEPTH // 2
    texts = ["a = " + "[" * fmt.MAX_DEPTH + "]" * fmt.MAX_DEPTH,
             "a = " + "{b = " * fmt.MAX_DEPTH + "1" + "}" * fmt.MAX_DEPTH,
             "a = " + "[{b = " * half + "1" + "}]" * half]
    for text in texts:
        assert nesting_depth(text) == fmt.MAX_DEPTH
    script = textwrap.dedent("""
        import sys, threading
        from kamtui.services.plans import toml_read
        loads = toml_read.fast_loads()
        results = []
        threading.stack_size(128 * 1024)
        for text in sys.stdin.read().split("\\0"):
            t = threading.Thread(target=lambda: results.append(loads(text)))
            t.start()
            t.join()
        print(len(results))
    """)
    done = subprocess.run([sys.executable, "-c", script], input="\0".join(texts), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"
