"""validation.problems(): every error as (field path, message a person can act on), worded by
our catalogue in English and 中文, never in pydantic's English."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from domain_factories import ACCOUNT, TODAY
from kamtui.domain.models import (
    Account, Activity, Assessment, Department, LayerTarget, Person, PersonLink, PitfallDismissal,
)
from kamtui.domain.plan import AccountPlan
from kamtui.domain.validation import loc_path, problems, summary


def error(model, **kw) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        model(**kw)
    return info.value


def test_loc_path_joins_names_and_indexes():
    assert loc_path(()) == ""
    assert loc_path(("name",)) == "name"
    assert loc_path(("people", 0, "name")) == "people[0].name"
    assert loc_path(("activities", 3, "target_person_ids", 1)) == "activities[3].target_person_ids[1]"


def test_field_error_names_the_field():
    assert problems(error(Person, account_id=ACCOUNT, name="X", influence="2")) == [
        ("influence", "must be a whole number")]
    [(_, message)] = problems(error(Person, account_id=ACCOUNT, name="X", influence="2"))
    assert message.code == "value.not_whole_number" and message.text("zh") == "必须是整数"


def test_length_error_names_the_field():
    [(path, msg)] = problems(error(Person, account_id=ACCOUNT, name="n" * 201))
    assert path == "name" and msg == "at most 200 characters" and msg.text("zh") == "最多 200 个字符"


def test_model_validator_error_is_moved_onto_its_field():
    """A model-level error written as 'field: message' is reported on that field."""
    assert problems(error(Activity, account_id=ACCOUNT, type="gift", scope="point",
                          layer="key")) == [
        ("target_person_ids", "a point activity targets at least one person")]


@pytest.mark.parametrize(("model", "kw", "path"), [
    (Activity, dict(account_id=ACCOUNT, type="business_exchange", scope="line", layer="extensive"),
     "target_department_id"),
    (Department, dict(id="d1", account_id=ACCOUNT, name="D", parent_id="d1"), "parent_id"),
    (Person, dict(id="p1", account_id=ACCOUNT, name="X", reports_to_id="p1"), "reports_to_id"),
    (PersonLink, dict(account_id=ACCOUNT, from_id="a", to_id="a", kind="opposes"), "to_id"),
    (LayerTarget, dict(account_id=ACCOUNT, layer="organization", index=1.0), "index"),
    (LayerTarget, dict(account_id=ACCOUNT, layer="key", level="partner"), "level"),
])
def test_every_model_validator_names_a_field(model, kw, path):
    [(p, msg)] = problems(error(model, **kw))
    assert p == path
    assert not msg.startswith("Value error") and ":" not in msg.split(" ")[0]


def test_field_validator_message_loses_the_value_error_prefix():
    assert problems(error(PitfallDismissal, account_id=ACCOUNT, key="x", reason="",
                          dismissed_on=TODAY)) == [
        ("reason", "give a reason for dismissing the pitfall")]
    assert problems(error(Assessment, account_id=ACCOUNT, assessed_on=TODAY,
                          people=[{"person_id": "p"}, {"person_id": "p"}])) == [
        ("people", "a person is rated twice")]


def test_nested_model_validator_error_keeps_its_position():
    exc = error(AccountPlan, account={"name": "A"}, activities=[
        {"account_id": ACCOUNT, "type": "training", "scope": "surface", "layer": "extensive"},
        {"account_id": ACCOUNT, "type": "gift", "scope": "point", "layer": "key"},
    ])
    assert problems(exc) == [("activities[1].target_person_ids",
                              "a point activity targets at least one person")]


def test_extra_keys_read_unknown_key():
    assert problems(error(Account, name="A", colour="red")) == [("colour", "unknown key")]


def test_missing_required_field():
    assert problems(error(Person, name="X")) == [("account_id", "required")]


def test_every_error_is_reported():
    exc = error(Person, account_id=ACCOUNT, name="", influence=9, attitude="huh", extra=1)
    assert sorted(p for p, _ in problems(exc)) == ["attitude", "extra", "influence", "name"]


def test_prefix_names_the_record():
    exc = error(Person, account_id=ACCOUNT, name="")
    assert problems(exc, prefix="people[2]") == [("people[2].name", "must not be empty")]


def test_prefix_on_a_record_level_error():
    exc = error(AccountPlan, account={"name": "A"}, people="nope")
    assert problems(exc, prefix="plan")[0][0] == "plan.people"


def test_summary_is_one_line():
    exc = error(Person, account_id=ACCOUNT, name="", influence="2")
    assert summary(exc) == "name: must not be empty; influence: must be a whole number"


@pytest.mark.parametrize(("model", "kw", "en", "zh"), [
    (Person, dict(account_id=ACCOUNT, name="X", attitude="huh"),
     "must be one of advocate, accepting, commodity, threat, unknown",
     "必须是以下之一：advocate、accepting、commodity、threat、unknown"),
    (Person, dict(account_id=ACCOUNT, name="X", influence=9), "must be 5 or less", "必须不大于 5"),
    (Person, dict(account_id=ACCOUNT, name="X", influence=0), "must be 1 or more", "必须不小于 1"),
    (Person, dict(id="bad id!", account_id=ACCOUNT, name="X"), "may hold only letters, digits, _ and -",
     "只能包含字母、数字、_ 和 -"),
    (Department, dict(id="d1", account_id=ACCOUNT, name="D", parent_id="d1"),
     "a department cannot be its own parent", "部门不能是自己的上级"),
])
def test_pydantic_and_our_checks_are_said_in_both_languages(model, kw, en, zh):
    [(_, message)] = problems(error(model, **kw))
    assert (message, message.text("zh")) == (en, zh)
