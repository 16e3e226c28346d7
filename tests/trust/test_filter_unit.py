"""The one output filter (kamtui.safe_text) and the places that lean on it: what it removes,
what it leaves exactly as it was, JSON and TOML that keep everything as escapes, the input
cleaner's use of the same classes, and the screen as Textual paints it (Pilot)."""

from __future__ import annotations

import asyncio
import json
import tomllib

import pytest
import tomli_w
from filter_hostile import HOSTILE, HOSTILE_USER, leaks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamtui import safe_text
from kamtui.domain.base import clean_line, clean_text

UNSAFE_CHARS = ("\x00\x07\x08\x0b\x0c\r\x1b\x7f\x80\x85\x9b\x9f\u061c\u200b\u200c\u200d\u200e\u200f"
                "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067"
                "\u2068\u2069\u206a\u206f\ufeff")
# any text, with the unsafe characters (and tabs, newlines) much more likely than by chance
anything = st.text(st.one_of(st.characters(), st.sampled_from(UNSAFE_CHARS + "\t\n")), max_size=80)
# what people type: letters of any script (CJK too), digits, punctuation, symbols, spaces
printable = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs"),
                                  exclude_characters="\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029"
                                                     "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062"
                                                     "\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"),
                    max_size=80)


def test_every_character_the_issue_names_is_unsafe():
    for ch in UNSAFE_CHARS:
        assert not safe_text.is_safe(ch), f"U+{ord(ch):04X}"
        assert safe_text.text("a" + ch + "b") in ("ab", "a\nb")  # CR: a line break, not an overwrite


@given(anything)
def test_nothing_unsafe_survives(s: str):
    assert leaks(safe_text.text(s)) == []
    line = safe_text.line(s)
    assert leaks(line) == [] and "\n" not in line and "\t" not in line


@given(printable)
def test_printable_text_is_left_exactly_as_it_is(s: str):
    assert safe_text.text(s) == s and safe_text.line(s) == s
    assert safe_text.text(s + "\n\t" + s) == s + "\n\t" + s  # a note keeps its lines and tabs


def test_cjk_and_markup_like_text_is_untouched():
    for s in ("华东大客户部 · 设备管理部", "ACME [EU]", "Q3 [/] notes", "→ ✓ ● ◐ ▲ ⚑ ★ 👍", "Ünïcödé façade"):
        assert safe_text.text(s) == s == safe_text.line(s)


@given(anything)
def test_the_filter_is_idempotent(s: str):
    once = safe_text.text(s)
    assert safe_text.text(once) == once
    assert safe_text.line(safe_text.line(s)) == safe_text.line(s)


@given(st.recursive(st.one_of(anything, st.integers(), st.none()),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(anything, inner, max_size=4),
                    max_leaves=12))
def test_json_keeps_everything_as_escapes(value):
    text = safe_text.json_dumps(value, sort_keys=True)
    assert leaks(text) == []
    assert json.loads(text) == value  # lossless


# tomli-w itself writes CRLF inside a multi-line string as LF (kamtui's notes never hold CR: the
# input cleaner makes it a newline), and TOML has no escape for a lone surrogate
_toml_char = st.characters(exclude_categories=("Cs",), exclude_characters="\r")


@given(st.dictionaries(st.sampled_from(["name", "notes", "who"]),
                       st.text(st.one_of(_toml_char, st.sampled_from(UNSAFE_CHARS.replace("\r", ""))),
                               max_size=60), min_size=1))
def test_toml_keeps_everything_as_escapes(table):
    """As kamtui.services.plans.format.document writes a plan: tomli-w, then the escapes."""
    text = safe_text.escaped(tomli_w.dumps(table, multiline_strings=True))
    assert leaks(text.replace("\n", "")) == []
    assert tomllib.loads(text) == table


@given(anything)
def test_the_input_cleaner_uses_the_same_classes(s: str):
    assert clean_text(s) == safe_text.text(s).strip()
    assert clean_line(s) == safe_text.line(s).strip()
    assert leaks(clean_text(s)) == [] and leaks(clean_line(s)) == []


def test_errors_interface_strings_and_the_user_read_through_it(monkeypatch):
    from kamtui.errors import InputError, NotFoundError
    from kamtui.paths import current_user
    from kamtui.ui.i18n import t
    from kamtui.ui.widgets import portfolio_status  # noqa: F401 - registers "portfolio.count"

    from kamtui.messages import Message

    for lang in ("en", "zh"):
        assert leaks(NotFoundError("account.not_found", wanted=HOSTILE + "x").message(lang)) == []
        err = InputError(problems=[(HOSTILE + "name", Message("account.ambiguous", wanted=HOSTILE, names=[HOSTILE]))])
        assert leaks(err.message(lang)) == [] and leaks(err.problems[0][1].text(lang)) == []
        assert leaks(repr(err.problems)) == [] and err.problems[0][0].endswith("name")
    assert leaks(str(err)) == []
    said = t("msg.read_only", "en", why=HOSTILE + "why")
    assert leaks(said) == [] and said.endswith("why")
    assert t("portfolio.count", "en", n=1234) == "1234 accounts"  # figures stay figures
    assert t("portfolio.count", "en", n=1) == "1 account"
    monkeypatch.setenv("KAMTUI_USER", HOSTILE_USER)
    assert leaks(current_user()) == [] and current_user().startswith("evil")
    monkeypatch.setenv("KAMTUI_USER", "\x1b\u202e\u200b")  # nothing left: the login name instead
    assert current_user() and leaks(current_user()) == []


def _painted(s: str) -> str:
    """`s` shown by the UI's own helpers in a Static, a WindowTable cell and a
    prefilled Input, as Textual paints the screen."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    from kamtui.ui.text import fill, plain, safe_line
    from kamtui.ui.widgets.window_table import Column, WindowTable

    class Probe(App):
        def compose(self) -> ComposeResult:
            yield Static(plain(s))
            yield Static(fill("[b]$name[/b]", name=s))
            table = WindowTable([Column("name", "Name", 60)], cells=lambda row, key: row)
            table.set_rows([s])
            yield table
            yield Input(safe_line(s))

    async def run() -> str:
        app = Probe()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

    return asyncio.run(run())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_the_screen_paints_nothing_unsafe(s: str):
    assert leaks(_painted(s)) == []


@pytest.mark.parametrize("s", ["华东大客户部 Harbourline", "ACME [EU]", "Q3 [/] notes"])
def test_the_screen_paints_typed_text_verbatim(s: str):
    assert _painted(s).count(s) == 4


@pytest.mark.parametrize("raw, shown", [
    ("Rhein\x1b[2J\x1b]0;PWN\x07werk", "Rheinwerk"),  # clear screen, window title (BEL)
    ("a\x1b[31mred\x1b[0m", "ared"),  # colours
    ("x\x1b]52;c;aGk=\x1b\\y", "xy"),  # OSC 52 clipboard, ST-terminated
    ("a\x9b2Jb", "a2Jb"),  # a one-byte C1 CSI goes alone (more often a mis-decoded "›" than a sequence)
    ("x\x1b]0;rest of a name", "x]0;rest of a name"),  # no terminator: only the ESC goes, the rest was typed
    ("a\x1bb", "ab"),  # a lone ESC: the letter after it was typed
    ("keep [2J and ]0; as typed", "keep [2J and ]0; as typed"),  # no ESC: nothing is a sequence
])
def test_a_whole_escape_sequence_goes_not_only_its_escape(raw, shown):
    """Walk-through defect: an imported name kept "[2J]0;PWN" as text after its ESCs went."""
    assert safe_text.text(raw) == shown == safe_text.line(raw)
    assert clean_line(raw) == shown


@given(anything)
def test_filtering_twice_changes_nothing(s: str):
    once = safe_text.text(s)
    assert safe_text.text(once) == once and safe_text.is_safe(once)
