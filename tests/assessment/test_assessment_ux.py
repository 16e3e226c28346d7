"""Small defects of the wizard found in use (issue 15): the review's mark of a short board that
moved to another department at the same value, and ↑/↓ on the organization step."""

from __future__ import annotations

from assess_helpers import BANK, app_for, dept_id, widget_text
from kamtui.domain.enums import Indicator
from kamtui.services.assessments import AssessmentSession, figure_moves
from kamtui.ui.screens.assessment import AssessmentScreen
from kamtui.ui.screens.assessment_steps.organization import DimensionChoice, EvidenceGrid
from kamtui.ui.screens.help import HelpDialog

SEC = dept_id("harbourline-cn", "sec")  # its information access (1) is the bank's short board
PROC = dept_id("harbourline-cn", "proc")


def _moved_board(session: AssessmentSession) -> None:
    """The short board leaves Information Security for Procurement, at the same value 1."""
    rows = {e.department_id: i for i, e in enumerate(session.data.departments)}
    session.rate_department(rows[PROC], Indicator.negative_containment, 1)
    session.rate_department(rows[SEC], Indicator.information_access, 3)


def test_a_short_board_in_another_department_is_not_the_same(ctx):
    s = AssessmentSession.start(ctx, BANK)
    _moved_board(s)
    before, after = s.previous_figures().short_board, s.figures().short_board
    assert before.department_id == SEC and after.department_id == PROC
    assert before.value == after.value == 1
    moves = {m.name: m for m in figure_moves(s.previous_figures(), s.figures())}
    assert moves["short_board"].direction is None  # changed, not comparable: "≠", never "="
    # back where it was: the same board, "="
    rows = {e.department_id: i for i, e in enumerate(s.data.departments)}
    s.rate_department(rows[PROC], Indicator.negative_containment, 2)
    s.rate_department(rows[SEC], Indicator.information_access, 1)
    same = {m.name: m for m in figure_moves(s.previous_figures(), s.figures())}["short_board"]
    assert s.figures().short_board.department_id == SEC and same.direction == 0


async def test_the_review_step_marks_the_moved_short_board(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AssessmentScreen(BANK))
        await pilot.pause()
        screen = app.screen
        _moved_board(screen.session)
        await screen.go(3)
        await pilot.pause()
        text = widget_text(screen.query_one("#layer-extensive"))
        line = next(x for x in text.splitlines() if "Procurement" in x)
        assert line.lstrip().startswith("≠"), line


async def test_up_and_down_move_between_the_dimensions(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AssessmentScreen(BANK))
        await pilot.pause()
        screen = app.screen
        dims = list(screen.query(DimensionChoice))
        assert screen.focused is dims[0]
        scrolled = screen.query_one("#org-scroll").scroll_y
        for expected in dims[1:]:
            await pilot.press("down")
            assert screen.focused is expected
        await pilot.press("down")
        assert isinstance(screen.focused, EvidenceGrid)
        await pilot.press("shift+tab")
        await pilot.press("shift+tab")
        assert screen.focused is dims[-1]
        for expected in reversed(dims[:-1]):
            await pilot.press("up")
            assert screen.focused is expected
        await pilot.press("up")  # the first stays first
        assert screen.focused is dims[0]
        assert screen.query_one("#org-scroll").scroll_y <= scrolled
        # the step's heading and ? say so
        assert "↑/↓ next dimension · tab its note" in widget_text(screen.query_one("#org-heading"))
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        rows = dict(app.screen.rows)
        assert "↑/↓" in rows and "dimension" in rows["↑/↓"] and "tab" in rows["↑/↓"]
