"""services.team on a workspace whose Q4 figures were worked out by hand (teamview_seed)."""

from __future__ import annotations

import pytest

from kamtui.domain.enums import OrgLevel, Tier
from kamtui.domain.team import Execution, Period
from kamtui.services import team, team_report
from kamtui.services.context import Context

from teamview_seed import D, TODAY, seed


@pytest.fixture
def seeded(ws):
    ids = seed(ws)
    return Context(ws, today=TODAY, user="tester"), ids


def test_each_account_over_the_quarter(seeded):
    ctx, ids = seeded
    by_name = {a.name: a for a in team.figures(ctx)}
    rising = by_name["Rising"]
    assert (rising.level_start, rising.level_end, rising.level_change, rising.level_moves) == (
        OrgLevel.supplier, OrgLevel.supplier, "same", 2)
    assert (rising.flags_opened, rising.flags_cleared) == (0, 1)  # the unknown DM became known
    assert rising.key_delta is None  # nobody of known attitude at the start: no key index then
    assert rising.execution == Execution(planned=5, on_time=1, late=1, overdue=1, upcoming=1, cancelled=1,
                                         undated=1)
    assert rising.execution.share_on_time == pytest.approx(1 / 3)
    assert rising.awaiting_approval == 1
    assert by_name["Fresh"].level_change == "new" and by_name["Fresh"].start is None
    assert by_name["Climber"].level_change == "up"
    assert by_name["Orphan [b]x[/b]"].level_change == "none" and by_name["Orphan [b]x[/b]"].owner == ""


def test_grouped_by_owner_then_the_team(seeded):
    ctx, _ = seeded
    r = team.report(ctx, "owner")
    assert r.period == Period(D(2026, 10, 1), D(2026, 12, 31))
    assert [(g.key, g.accounts) for g in r.groups] == [("Ann", 2), ("Bob", 1), ("", 1)]
    assert (r.total.ups, r.total.downs, r.total.new) == (["Climber"], [], ["Fresh"])
    assert r.total.levels_start == {OrgLevel.supplier: 1, None: 2, OrgLevel.vendor: 1}
    assert r.total.awaiting_approval == 1
    assert [a.name for a in r.accounts_of("Ann")] == ["Fresh", "Rising"]


def test_a_period_before_any_assessment_has_no_levels(seeded):
    ctx, _ = seeded
    r = team.report(ctx, "level", Period(D(2026, 1, 1), D(2026, 3, 31)))
    assert [g.key for g in r.groups] == [""] and r.total.levels_end == {None: 4}
    assert r.total.execution.planned == 0 and r.total.execution.undated == 1


def test_grouped_by_tier_and_filtered(seeded):
    ctx, _ = seeded
    r = team.report(ctx, "tier")
    assert [(g.key, g.accounts) for g in r.groups] == [("1:strategic", 2), ("2:key", 1), ("3:standard", 1)]
    only = team.report(ctx, "owner", tier=Tier.strategic)
    assert sorted(a.name for a in only.accounts) == ["Climber", "Rising"]


def test_history_is_every_assessment_oldest_first(seeded):
    ctx, ids = seeded
    assert [(p.on, p.org_level) for p in team.history(ctx, ids["rising"])] == [
        (D(2026, 8, 10), OrgLevel.supplier), (D(2026, 10, 20), OrgLevel.strategic_supplier),
        (D(2026, 12, 5), OrgLevel.supplier)]


def test_tier_criteria_saved_and_audited(seeded):
    ctx, _ = seeded
    team.save_tier_criteria(ctx, {Tier.strategic: ("A\x1b[31m", "Revenue > 10M; exec sponsor")})
    crit = team.tier_criteria(ctx)
    assert crit[Tier.strategic] == ("A", "Revenue > 10M; exec sponsor") and crit[Tier.key] == ("", "")
    assert team.tier_name(Tier.strategic, crit, "zh") == "A · 战略"
    who = ctx.db.execute("SELECT who, action FROM audit WHERE entity = 'tier_criteria'").fetchall()
    assert [tuple(r) for r in who] == [("tester", "create")]


def test_csv_and_json_have_the_documented_columns(seeded):
    import csv
    import io
    import json

    ctx, _ = seeded
    r = team.report(ctx, "owner")
    rows = list(csv.DictReader(io.StringIO(team_report.as_csv(r))))
    assert tuple(rows[0]) == team_report.COLUMNS
    assert [x["group"] for x in rows] == ["Ann", "Bob", "(no owner)", "Whole team"]
    assert rows[0]["done_late"] == "1" and rows[0]["share_on_time"] == "0.333"
    data = json.loads(team_report.as_json(r, "zh"))
    assert data[2]["group"] == "（无负责人）" and data[-1]["level_ups"] == 1 and data[-1]["coverage"] == 1.0
    md = team_report.as_markdown(r, "Team *x*")
    assert "# Team review · Team \\*x\\*" in md and "**Moved up** (1): Climber" in md
