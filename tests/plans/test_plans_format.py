"""The file format's rules (key order, absence, names) and the Markdown brief."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from kamtui.domain.models import Account, Activity, Person, Policy, Settings
from kamtui.services.demo_content import DEMO_TODAY, demo_team
from kamtui.services.plans import export
from kamtui.services.plans import format as fmt
from kamtui.services.plans.brief import brief, md


@pytest.mark.parametrize("model", list(fmt.KEYS), ids=lambda m: m.__name__)
def test_every_model_field_has_its_place_in_the_file(model):
    written = set(fmt.KEYS[model]) | set(fmt.IMPLIED.get(model, ()))
    kept_in_the_workspace = set(fmt.NOT_WRITTEN) & set(model.model_fields)
    assert written | kept_in_the_workspace == set(model.model_fields)
    assert not written & set(fmt.NOT_WRITTEN)
    assert len(fmt.KEYS[model]) == len(set(fmt.KEYS[model]))


@pytest.mark.parametrize("model", list(fmt.KEYS), ids=lambda m: m.__name__)
def test_a_missing_key_means_empty_and_that_is_the_default(model):
    for name, default in fmt.OMITTABLE[model].items():
        assert default in (None, "", False, [], {})
        assert fmt._default(model, name) == default


def test_the_policy_is_written_whole_even_when_it_sets_no_threshold():
    text = export.workspace_toml(Settings(policy=Policy(thresholds={})), [])
    assert "[settings.policy.thresholds]" in text
    import tomllib

    assert Settings.model_validate(tomllib.loads(text)["settings"]).policy.thresholds == {}


def test_record_leaves_out_empty_defaults_and_keeps_numbers():
    p = Person(id="p1", account_id="a1", name="王强")
    assert fmt.record(p) == {"id": "p1", "name": "王强", "influence": 3, "attitude": "unknown"}
    a = Activity(id="x", account_id="a1", type="training", scope="surface", layer="extensive")
    assert fmt.record(a)["cost"] == 0.0 and "archived" not in fmt.record(a)


def test_file_names_are_readable_stable_and_safe():
    a = Account(id="0123456789abcdef", name="A/B: C*D?", short_name="")
    assert fmt.file_name(a) == "a-b-c-d.0123456789abcdef.toml"
    assert fmt.file_name(Account(id="9576e1595a3e", name="x", short_name="华信移动上海")) == "华信移动上海.9576e1595a3e.toml"
    assert fmt.file_name(Account(id="abcdef012345", name="..."), ".md") == "account.abcdef012345.md"


def test_exporting_one_account_is_quick():
    _, _, plans = demo_team()
    plan = max(plans, key=lambda p: len(p.people) + len(p.activities))
    started = time.perf_counter()
    for _ in range(10):
        export.plan_toml(plan, include_private=True)
    assert (time.perf_counter() - started) / 10 < 0.05


# --- the brief ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def team():
    return demo_team()


def test_brief_has_the_three_layers_short_boards_pitfalls_people_and_next_steps(team):
    settings, members, plans = team
    plan = next(p for p in plans if p.account.short_name == "Harbourline")
    text = brief(plan, settings.policy, DEMO_TODAY, member_names={m.id: m.name for m in members})
    assert text.startswith("# Harbourline Bank (China) Co., Ltd.\n")
    assert "| Organization relationship | Strategic supplier | Strategic supplier | 2027-03-31 |" in text
    assert "- **Extensive relationship**: Information Security · Information access (1)" in text
    assert "Daniel Ng (threat with high influence)" in text
    assert "**Hidden decision chain not explored**" in text
    assert "Planned (overdue)" in text
    assert "Aims for the regional Group CTO role" not in text  # career needs: private


def test_brief_in_chinese(team):
    settings, members, plans = team
    text = brief(plans[0], settings.policy, DEMO_TODAY, lang="zh")
    assert "## 三层客户关系" in text and "## 短木板" in text and "## 关键人物" in text


def test_brief_includes_career_needs_only_when_private_is_asked_for(team):
    settings, members, plans = team
    plan = next(p for p in plans if p.account.short_name == "Harbourline")
    assert "Aims for the regional Group CTO role" in brief(plan, settings.policy, DEMO_TODAY, include_private=True)


def test_user_text_cannot_become_markdown():
    evil = "| cell | [link](javascript:alert(1)) <script>x</script> *bold* _it_ `code` # h ~~s~~ &amp;"
    out = md(evil)
    assert "|" not in out.replace("\\|", "")
    for raw in ("[link]", "<script>", "*bold*", "_it_", "`code`", "~~s~~"):
        assert raw not in out
    assert "\\&amp;" in out  # an entity stays text
    assert re.sub(r"\\(.)", r"\1", out) == evil


def test_brief_of_a_bare_account(team):
    settings, _, _ = team
    from kamtui.domain.plan import AccountPlan

    text = brief(AccountPlan(account=Account(id="a1", name="Empty | Co *")), settings.policy,
                 dt.date(2026, 1, 1))
    assert text.startswith("# Empty \\| Co \\*\n")
    assert "No assessment yet." in text
