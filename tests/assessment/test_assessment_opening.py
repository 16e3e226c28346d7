"""Opening the wizard paints what it shows and then nothing more (the perf suite's open-screen
targets, issue 15): the first field is focused before the first frame, the footer repaints
only when its keys change, and the step is not scrolled to a guessed place."""

from __future__ import annotations

from assess_helpers import BANK, app_for, widget_text
from kamtui.ui.screens.assessment import AssessmentScreen
from kamtui.ui.screens.assessment_steps.organization import DimensionChoice, OrganizationStep
from kamtui.ui.widgets.footer import KamFooter


def _count_refreshes(widget) -> list[int]:
    calls = [0]
    original = widget.refresh

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    widget.refresh = counted  # type: ignore[method-assign]
    return calls


async def test_the_wizard_opens_focused_at_the_top_with_its_step_as_a_child(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AssessmentScreen(BANK))
        screen = app.screen
        # focused while mounting, not a frame later
        assert isinstance(screen.focused, DimensionChoice)
        await pilot.pause()
        assert screen.query_one("#org-scroll").scroll_y == 0  # the heading stays in view
        assert isinstance(screen.query_one("#step-0").parent, AssessmentScreen)
        assert screen.query_one("#org-scroll").show_vertical_scrollbar
        # later steps are built when reached, and only the current one shows
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert screen.query_one("#step-1").display and not screen.query_one(OrganizationStep).display
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert screen.query_one(OrganizationStep).display and not screen.query_one("#step-1").display
        assert isinstance(screen.focused, DimensionChoice)


async def test_the_footer_repaints_only_when_its_keys_change(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AssessmentScreen(BANK))
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one(KamFooter)
        assert "1–4 Pick" in widget_text(footer)
        calls = _count_refreshes(footer)
        screen.refresh_bindings()  # what Textual sends after every focus change
        await pilot.pause()
        assert calls[0] == 0
        await pilot.press("down")  # the next dimension: the same keys
        await pilot.pause()
        assert calls[0] == 0
        await pilot.press("tab")  # its note: no picking there
        await pilot.pause()
        assert calls[0] >= 1
        assert "Pick" not in widget_text(footer)


async def test_a_note_is_a_line_until_focused_then_an_input_in_its_place(demo_ws):
    from textual import events
    from textual.widgets import Input

    from kamtui.domain.enums import OrgDimension
    from kamtui.ui.screens.assessment_steps.organization import NoteLine

    app = app_for(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AssessmentScreen(BANK))
        await pilot.pause()
        screen = app.screen
        first = OrgDimension("communication")
        note = screen.session.draft.org_notes[first]
        assert not screen.query(Input)  # no Input until a note is focused
        line = screen.query_one(f"#noteline-{first.value}", NoteLine)
        assert widget_text(line).strip() == note
        await pilot.press("tab")
        field = screen.query_one(f"#note-{first.value}", Input)
        assert screen.focused is field and not line.display and field.value == note
        # focused, the Input selects its text (Textual's Input, as before): typing replaces it
        await pilot.press("end", "!")
        await pilot.pause()
        assert field.value == note + "!" and screen.session.draft.org_notes[first] == note + "!"
        # keys that reach the line while its Input is being mounted go to the Input
        line.post_message(events.Key("exclamation_mark", "!"))
        await pilot.pause()
        assert field.value == note + "!!"
        # the Input takes the line's place in the focus order: shift+tab, tab come back to it
        await pilot.press("shift+tab")
        assert isinstance(screen.focused, DimensionChoice)
        await pilot.press("tab")
        assert screen.focused is field
        # one Input per note, made once
        assert len(screen.query(Input)) == 1


async def test_keys_in_one_burst_after_a_tab_land_in_the_note_as_typed_one_by_one(demo_ws):
    """A tab moves the focus as the app takes it (kamtui.ui.app): the keys after it reach the
    note's line before its Input exists; they go to the Input as if typed there."""
    from textual import events

    from kamtui.domain.enums import OrgDimension

    keys = [("4", "4"), ("tab", None), ("a", "a"), ("b", "b"), ("tab", None), ("3", "3")]
    results = []
    for burst in (False, True):
        app = app_for(demo_ws)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.push_screen(AssessmentScreen(BANK))
            await pilot.pause()
            if burst:
                for key, ch in keys:
                    app.post_message(events.Key(key, ch))
            else:
                await pilot.press(*(k for k, _ in keys))
            await pilot.pause()
            await pilot.pause()
            draft = app.screen.session.draft
            results.append((draft.org_notes.get(OrgDimension("communication")),
                            draft.org.get(OrgDimension("communication")), draft.org.get(OrgDimension("business_fit"))))
    assert results[0] == ("ab", 4, 3), results[0]  # a note reached by tab has its text selected
    assert results[1] == results[0]
