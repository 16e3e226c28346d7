"""Mermaid and DOT text of each view: structure, every name quoted safely, and the `x` dialog."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from map_helpers import TELECOM, TODAY, account_id, make, open_map

from kamtui.services import map_export as mx
from kamtui.services import people as people_service
from kamtui.services import map_data as md
from kamtui.services.context import Context
from kamtui.ui.screens.form import FormDialog

VIEWS = ("organization", "chain", "grid", "coverage")
NASTY = ['He said "hi"', "#1 <b>bold</b> & co", "a|b `tick` \\ back", "[red]x[/red]", "end", "x --> y; z",
         "%% comment", "}; digraph evil {", "陆\\n振宇"]
MERMAID_NODE = re.compile(r'^\s*[pdm]\d+(?:\["|\("|\(\["|\{\{")(.*?)(?:"\]|"\)|"\]\)|"\}\})$')
DOT_LABEL = re.compile(r'label="((?:[^"\\]|\\.)*)"')


def ctx_for(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


@pytest.fixture
def nasty(demo_ws):
    ctx = ctx_for(demo_ws)
    aid = account_id(ctx, TELECOM)
    dept = people_service.add_department(ctx, {"account_id": aid, "name": 'Dept "Q" <x>', "business_line": "a|b"})
    boss = None
    for i, name in enumerate(NASTY):
        boss = people_service.add_person(ctx, {
            "account_id": aid, "name": name, "title": 'T"itle', "department_id": dept.id,
            "role": "decision_maker" if i % 2 else "influencer", "influence": 5 - i % 5,
            "reports_to_id": boss.id if boss else None})
    return ctx, md.load(ctx, aid)


@pytest.mark.parametrize("view", VIEWS)
def test_mermaid_structure_and_quoting(nasty, view):
    _, data = nasty
    text = mx.mermaid(data, view, "en")
    lines = text.splitlines()
    assert lines[:4] == ["---", f'title: "{mx.mermaid_text(data.account.name)} · {mx.view_title(view, "en")}"',
                         "---", "flowchart TD"]
    nodes = [l for l in lines if MERMAID_NODE.match(l)]
    assert len(nodes) >= len(NASTY)
    for line in nodes:
        label = MERMAID_NODE.match(line).group(1)
        assert '"' not in label and "<b>" not in label and "|" not in label and "`" not in label
    assert sum(l.startswith("  subgraph ") for l in lines) == sum(l == "  end" for l in lines)
    # every nasty name is there, escaped (all of them are key people: every view has them)
    for name in NASTY:
        assert mx.mermaid_text(name) in text
    assert "#quot;hi#quot;" in text and "#35;1 #lt;b#gt;bold#lt;/b#gt; #amp; co" in text
    # edges only between declared nodes
    declared = {re.match(r"\s*(\w+)", l).group(1) for l in nodes}
    for a, b in re.findall(r"^\s*(\w+) -\.?->(?:\|\"[^\"]*\"\|)? (\w+)$", text, re.M):
        assert a in declared and b in declared


@pytest.mark.parametrize("view", VIEWS)
def test_dot_structure_and_quoting(nasty, view, tmp_path):
    _, data = nasty
    text = mx.dot(data, view, "zh")
    assert text.startswith("digraph map {\n") and text.rstrip().endswith("}")
    labels = [bytes(m, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
              for m in DOT_LABEL.findall(text)]
    joined = "\n".join(labels)
    for name in NASTY:
        assert name in joined
    # nothing outside the labels holds user text
    outside = DOT_LABEL.sub('label=""', text)
    assert "evil" not in outside and "<b>" not in outside
    if shutil.which("dot"):
        out = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60)
        assert out.returncode == 0, out.stderr.decode()


def test_views_hold_the_right_people(demo_ws):
    ctx = ctx_for(demo_ws)
    data = md.load(ctx, account_id(ctx, TELECOM))
    org = mx.mermaid(data, "organization", "en")
    assert org.count("(\"") == 19 and org.count('["') == 7  # people, departments
    assert 'd' in org and "-.->|\"reports to\"|" in org  # cross-department reports-to
    chain = mx.mermaid(data, "chain", "zh")
    assert 'subgraph g1["决策者"]' in chain and "-.->|\"反对\"|" in chain
    grid = mx.dot(data, "grid", "en")
    assert 'label="influence 4 · !! Threat";' in grid
    cov = mx.mermaid(data, "coverage", "en")
    assert cov.count("only one of us knows") == 9 and "classDef flagged" in cov
    assert "董文博" not in cov  # an evaluator is not a key person


def test_file_names_and_formats(demo_ws, tmp_path):
    ctx = ctx_for(demo_ws)
    data = md.load(ctx, account_id(ctx, TELECOM))
    assert mx.filename(data, "chain") == "华信移动上海-chain.mmd"
    data.account.short_name = "ACME [EU] / x"
    assert mx.filename(data, "grid", ".dot") == "ACME-EU-x-grid.dot"
    path, size = mx.export(data, "grid", tmp_path / "g.dot")
    assert path.read_text(encoding="utf-8").startswith("digraph") and size == path.stat().st_size
    from kamtui.errors import InputError

    with pytest.raises(InputError):
        mx.export(data, "grid", tmp_path / "g.png")
    with pytest.raises(InputError):
        mx.export(data, "grid", tmp_path / "missing" / "g.mmd")


async def test_x_writes_the_current_view_and_says_where(demo_ws, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(app, pilot, TELECOM)
        await pilot.press("v", "x")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-path").value == "华信移动上海-chain.mmd"
        await pilot.press("ctrl+s")
        await pilot.pause()
        written = tmp_path / "华信移动上海-chain.mmd"
        assert written.read_text(encoding="utf-8").startswith("---\ntitle:")
        size = written.stat().st_size
        # the workspace's permission bits, whatever the umask
        assert written.stat().st_mode & 0o777 == demo_ws.path.stat().st_mode & 0o777
        assert any(str(n.message) == f"Wrote 华信移动上海-chain.mmd ({size:,} bytes)" for n in app._notifications)
        # a .dot name writes DOT; an unknown extension is refused in the form
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#field-path").value = "map.png"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and not (tmp_path / "map.png").exists()
        assert app.screen.query_one("#row-path").has_class("-invalid")
        app.screen.query_one("#field-path").value = str(tmp_path / "out.dot")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (tmp_path / "out.dot").read_text(encoding="utf-8").startswith("digraph map {")
