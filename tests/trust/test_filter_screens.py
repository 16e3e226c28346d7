"""Every screen of the real app (Pilot) on a workspace another program filled with terminal
controls, bidi overrides and invisible characters, KAMTUI_USER hostile too: what the screen
paints carries none of them, while the hostile records are on screen (their visible rest,
"]52;c;UFdORUQ=…", shows that each surface did show them).

`painted` reads the compositor's strips: the very segments Textual turns into terminal output.
The walk goes on past a failing surface and names every one at the end.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from filter_hostile import CLEAN_USER, HOSTILE_USER, leaks
from filter_hostile import hostile_file  # noqa: F401 - a fixture

TODAY = dt.date(2026, 11, 26)
MARK = "]52"  # what is left of HOSTILE once filtered: a hostile record is shown here


def painted(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def region_text(app, selector: str) -> str:
    """What the screen shows inside one widget's region."""
    r = app.screen.query_one(selector).region
    strips = app.screen._compositor.render_strips()
    return "\n".join(strips[y].crop(r.x, r.right).text for y in range(r.y, min(r.bottom, len(strips))))


@pytest.fixture
def app(hostile_file: Path, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("KAMTUI_USER", HOSTILE_USER)  # the app takes its user from here, as kamtui does
    monkeypatch.chdir(tmp_path)
    from kamtui.services.workspaces import open_workspace
    from kamtui.ui.app import make_app

    ws, _ = open_workspace(hostile_file, verify=False)
    yield make_app(ws, today=TODAY, lang="en")
    ws.close()


async def test_no_screen_paints_a_control_bidi_or_invisible_character(app):
    failures: list[str] = []
    checked: list[str] = []

    def check(name: str, text: str, shown: bool = True) -> None:
        found = leaks(text)
        if found:
            failures.append(f"{name}: paints {found}")
        if shown and MARK not in text:
            failures.append(f"{name}: shows no hostile record")
        checked.append(name)

    async with app.run_test(size=(200, 60), notifications=True, tooltips=True) as pilot:
        async def at(name: str, *keys: str, shows: tuple[str, ...] = (), wait: float = 0.3,
                     until: str | None = None) -> None:
            """Press `keys`, wait for the screen class or widget `until`, check the whole screen
            and each widget of `shows` (which must show a hostile record)."""
            for key in keys:
                await pilot.press(key)
            await pilot.pause(wait)
            for _ in range(50):  # screens, views and steps are built in workers or when first shown
                if until is None or type(app.screen).__name__ == until or (
                        until.startswith("#") and app.screen.query(until)):
                    break
                await pilot.pause(0.1)
            await pilot.pause()
            lines = painted(app)
            check(name, "\n".join(lines[1:]))  # below the header (checked on its own)
            check(f"{name} (whole screen)", "\n".join(lines), shown=False)
            for selector in shows:
                check(f"{name} {selector}", region_text(app, selector))

        def value(name: str, selector: str) -> None:
            """A field whose text sits below the fold: its text as the widget shows it."""
            widget = app.screen.query_one(selector)
            check(f"{name} {selector}", getattr(widget, "text", None) or widget.value)

        await pilot.pause(0.5)
        await at("portfolio", until="PortfolioScreen", shows=("#header-team", "#header-where", "#portfolio-table"))
        check("header user", region_text(app, "#header-where").replace(CLEAN_USER, MARK))
        await at("portfolio filter", "slash", *"evil", wait=0.6, shows=("#portfolio-table",))
        await at("archive dialog", "escape", "escape", "d", wait=0.5, shows=("#confirm-title",))
        await at("overview", "n", "enter", wait=0.8, until="AccountOverviewScreen",
                 shows=("#ov-title", "#ov-key", "#ov-ext", "#ov-next"))  # opens on the next step
        await pilot.press("right_square_bracket")  # past the pitfalls (the demo's are not names)
        for section in ("activities", "competitors", "people", "departments"):
            await at(f"overview {section}", "right_square_bracket", shows=(f"#ov-{section}",))
        await at("account form", "E", wait=0.5, shows=("#form-fields",))
        await at("assessment history", "escape", "h", wait=0.8, until="AssessmentHistoryScreen",
                 shows=("#history-grid",))
        await at("history compare", "down", "enter", shows=("#diff-grid",))

        await at("map", "escape", "3", wait=1.0, until="StakeholderMapScreen",
                 shows=("#map-account", "#view-organization", "#map-card"))
        check("map pitfall tooltip", app.screen.query_one("#map-pitfalls").tooltip.plain, shown=False)
        await at("map person form", "down", "e", wait=0.5, shows=("#form-fields",))
        await pilot.press("escape")
        for view in ("chain", "grid", "coverage"):
            await at(f"map {view}", "v", wait=0.6, until=f"#view-{view}", shows=(f"#view-{view}",))

        await at("planner list", "4", wait=1.0, until="PlannerScreen",
                 shows=("#planner-title", "#planner-suggest", "#planner-list", "#planner-detail"))
        await at("planner timeline", "v", wait=0.6, until="#planner-timeline", shows=("#planner-timeline",))
        await at("activity form", "v", "e", wait=0.8, until="ActivityFormDialog", shows=("#activity-fields",))
        value("activity form", "#field-objective")
        value("activity form", "#field-short_board")

        await at("agenda", "escape", "o", wait=1.0, until="AgendaScreen", shows=("#agenda-table",))

        # the user's hostile draft is resumed; a colleague with a hostile login keeps one too
        await at("wizard organization", "1", "2", wait=1.5, until="AssessmentScreen")
        check("wizard colleague notice",
              next((line for line in painted(app) if "Also being assessed" in line), ""))
        # an unfocused note is a NoteLine, drawn line by line: its line as painted
        check("wizard organization #noteline-alliance", app.screen.query_one("#noteline-alliance").render_line(0).text)
        await at("wizard people", "ctrl+right", until="#people-grid", shows=("#people-grid", "#people-detail"))
        await at("wizard departments", "ctrl+right", until="#dept-grid", shows=("#dept-grid",))
        await at("wizard review", "ctrl+right", until="#review-note")
        value("wizard review", "#review-note")

        await pilot.press("escape")
        app.action_settings()
        await at("settings", wait=0.8, until="SettingsScreen", shows=("#settings-summary",))
        app.action_export_plan()
        await at("export dialog", wait=0.8, until="#plan-path")

    assert failures == [], "\n".join(failures)
    assert len(checked) >= 60
