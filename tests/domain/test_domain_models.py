"""Model hygiene: text cleaning, lengths, strict numbers, closed vocabularies, no extra keys."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from domain_factories import ACCOUNT, TODAY, activity, person
from kamtui.domain.base import NAME_MAX, NOTE_MAX, clean_line, clean_text
from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, Evidence, Indicator, Layer, OrgDimension, OrgLevel, Scope,
)
from kamtui.domain.models import (
    Account, Activity, Approval, Assessment, Competitor, Department, DepartmentRating, LayerTarget,
    OrgRating, Person, PersonLink, PersonRating, PitfallDismissal, Policy, Settings, TeamMember,
    Threshold,
)
from kamtui.domain.plan import AccountPlan
from kamtui.domain.validation import problems

CONTROLS = {
    "ESC": "\x1b",
    "BEL": "\x07",
    "NUL": "\x00",
    "BS": "\x08",
    "VT": "\x0b",
    "FF": "\x0c",
    "US": "\x1f",
    "DEL": "\x7f",
    "C1-PAD": "\x80",
    "NEL": "\x85",
    "CSI": "\x9b",
    "APC": "\x9f",
    "LRE": "\u202a",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "PDI": "\u2069",
}


def paths(exc: ValidationError) -> list[str]:
    return [p for p, _ in problems(exc)]


def rejects(model, field: str, **kw) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        model(**kw)
    probs = problems(info.value)
    assert field in [p for p, _ in probs], probs
    return probs


# --- control characters ------------------------------------------------------------------

@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
def test_control_characters_are_stripped_from_names(char):
    p = person(f"Li{char} Wei{char}")
    assert p.name == "Li Wei"


@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
def test_control_characters_are_stripped_from_notes(char):
    p = person("X", career_needs=f"wants{char} a{char}\tpromotion\n{char}soon")
    assert p.career_needs == "wants a\tpromotion\nsoon"


def test_a_terminal_escape_sequence_goes_whole():
    p = person("\x1b[31mRed\x1b[0m\x07")
    assert "\x1b" not in p.name and "\x07" not in p.name
    assert p.name == "Red"  # not "[31mRed[0m": the sequence's rest is no text anybody typed


def test_bidi_override_cannot_reorder_a_name():
    assert person("evil\u202egpj.exe").name == "evilgpj.exe"
    assert person("\u2066isolate\u2069d").name == "isolated"


def test_ordinary_unicode_is_kept():
    assert person("王 伟 — Zoë ☕").name == "王 伟 — Zoë ☕"
    assert person("X", private_notes="办公室：北京\n电话 010").private_notes == "办公室：北京\n电话 010"


def test_notes_keep_tabs_and_newlines_and_normalise_carriage_returns():
    a = Account(name="Acme", strategy_notes="line one\r\n\tindented\rthree\n\nfive")
    assert a.strategy_notes == "line one\n\tindented\nthree\n\nfive"


def test_names_fold_tabs_and_newlines_into_a_space():
    assert person("Li\tWei").name == "Li Wei"
    assert person("Li\n\nWei").name == "Li Wei"
    assert person("Li\r\nWei").name == "Li Wei"
    assert Account(name="A", industry="Tele\tcom\nOps").industry == "Tele com Ops"


def test_text_is_trimmed():
    assert person("   Li Wei \n\t ").name == "Li Wei"
    assert Account(name="A", strategy_notes="\n\n  plan  \n").strategy_notes == "plan"
    assert Account(name="A", strategy_notes="\u202e \x1b ").strategy_notes == ""


def test_clean_functions_leave_non_strings_to_the_type_check():
    assert clean_text(5) == 5 and clean_line(None) is None
    with pytest.raises(ValidationError):
        person(12345)


def test_cleaning_applies_on_assignment_too():
    p = person("Li")
    p.name = "\x1b]0;title\x07Wang"
    assert p.name == "Wang"
    p.career_needs = "a\x85b"
    assert p.career_needs == "ab"


def test_cleaning_applies_in_nested_models():
    plan = AccountPlan(account={"name": "Acme\x1b", "strategy_notes": "x\u202ey"})
    assert plan.account.name == "Acme" and plan.account.strategy_notes == "xy"


# --- lengths and blanks ------------------------------------------------------------------------

def test_name_length_limit():
    assert NAME_MAX == 200
    assert len(person("n" * 200).name) == 200
    probs = rejects(Person, "name", account_id=ACCOUNT, name="n" * 201)
    assert "200" in probs[0][1]


def test_name_length_counts_after_cleaning():
    assert len(person("  " + "n" * 200 + "\x1b\x07  ").name) == 200


def test_multibyte_names_count_characters():
    assert len(person("伟" * 200).name) == 200
    with pytest.raises(ValidationError):
        person("伟" * 201)


def test_note_length_limit():
    assert NOTE_MAX == 10_000
    assert len(person("X", career_needs="n" * 10_000).career_needs) == 10_000
    rejects(Person, "career_needs", account_id=ACCOUNT, name="X", career_needs="n" * 10_001)
    rejects(Account, "strategy_notes", name="A", strategy_notes="n" * 10_001)


@pytest.mark.parametrize("name", ["", "   ", "\t\n", "\x1b\x07", "\u202e"])
def test_empty_name_is_rejected(name):
    probs = rejects(Person, "name", account_id=ACCOUNT, name=name)
    assert probs == [("name", "must not be empty")]


@pytest.mark.parametrize("model,kw", [
    (Account, {}), (Department, {"account_id": ACCOUNT}), (Competitor, {"account_id": ACCOUNT}),
    (TeamMember, {}),
])
def test_every_named_thing_needs_a_name(model, kw):
    rejects(model, "name", name=" ", **kw)


def test_short_text_may_be_empty_but_not_long():
    assert Account(name="A", industry="").industry == ""
    rejects(Account, "industry", name="A", industry="i" * 201)


def test_dismissal_needs_a_reason():
    probs = rejects(PitfallDismissal, "reason", account_id=ACCOUNT, key="hidden_chain",
                    reason=" \x1b ", dismissed_on=TODAY)
    assert probs == [("reason", "give a reason for dismissing the pitfall")]


# --- strict numbers --------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["2", 2.0, True, None, "two"])
def test_org_rating_is_a_strict_int(bad):
    rejects(OrgRating, "value", value=bad)


@pytest.mark.parametrize("bad", ["2", 2.5, True])
def test_influence_is_a_strict_int(bad):
    rejects(Person, "influence", account_id=ACCOUNT, name="X", influence=bad)
    rejects(PersonRating, "influence", person_id="p", influence=bad)


@pytest.mark.parametrize("bad", ["2", 3.0, False])
def test_needs_level_and_importance_are_strict_ints(bad):
    rejects(Person, "needs_level", account_id=ACCOUNT, name="X", needs_level=bad)
    rejects(Department, "importance", account_id=ACCOUNT, name="D", importance=bad)


def test_indicator_rating_is_a_strict_int():
    with pytest.raises(ValidationError) as info:
        DepartmentRating(department_id="d", ratings={"information_access": "2"})
    assert paths(info.value) == ["ratings.information_access"]


@pytest.mark.parametrize(("model", "field", "kw", "lo", "hi"), [
    (OrgRating, "value", {}, 1, 4),
    (PersonRating, "influence", {"person_id": "p"}, 1, 5),
    (PersonRating, "needs_level", {"person_id": "p"}, 1, 5),
    (Department, "importance", {"account_id": ACCOUNT, "name": "D"}, 1, 3),
])
def test_rating_ranges(model, field, kw, lo, hi):
    for ok in (lo, hi):
        assert getattr(model(**kw, **{field: ok}), field) == ok
    for bad in (lo - 1, hi + 1):
        rejects(model, field, **kw, **{field: bad})


def test_cost_must_be_a_non_negative_number():
    rejects(Activity, "cost", account_id=ACCOUNT, type="training", scope="surface",
            layer="extensive", cost=-1.0)
    rejects(Activity, "cost", account_id=ACCOUNT, type="training", scope="surface",
            layer="extensive", cost="100")


def test_currency_is_three_capital_letters():
    assert Policy(currency="EUR").currency == "EUR"
    for bad in ("eur", "EURO", "E1R", ""):
        rejects(Policy, "currency", currency=bad)


def test_strictness_holds_on_assignment():
    p = person("X")
    with pytest.raises(ValidationError):
        p.influence = "4"
    with pytest.raises(ValidationError):
        p.influence = 6
    assert p.influence == 3


# --- closed vocabularies ---------------------------------------------------------------------

@pytest.mark.parametrize(("model", "kw", "field"), [
    (Person, {"account_id": ACCOUNT, "name": "X", "attitude": "friendly"}, "attitude"),
    (Person, {"account_id": ACCOUNT, "name": "X", "role": "boss"}, "role"),
    (Person, {"account_id": ACCOUNT, "name": "X", "attitude": "Advocate"}, "attitude"),
    (Activity, {"account_id": ACCOUNT, "type": "bribe", "scope": "surface", "layer": "key"},
     "type"),
    (Activity, {"account_id": ACCOUNT, "type": "training", "scope": "galaxy", "layer": "key"},
     "scope"),
    (Activity, {"account_id": ACCOUNT, "type": "training", "scope": "surface", "layer": "key",
                "status": "finished"}, "status"),
    (LayerTarget, {"account_id": ACCOUNT, "layer": "organization", "level": "king"}, "level"),
    (Account, {"name": "A", "tier": "platinum"}, "tier"),
])
def test_unknown_enum_values_are_rejected(model, kw, field):
    rejects(model, field, **kw)


def test_known_enum_keys_are_accepted_as_strings():
    p = person("X", attitude="advocate", role="decision_maker")
    assert p.attitude is Attitude.advocate and p.role is ChainRole.decision_maker


def test_unknown_dictionary_keys_are_rejected():
    with pytest.raises(ValidationError) as info:
        Assessment(account_id=ACCOUNT, assessed_on=TODAY, org={"charisma": {"value": 2}})
    assert paths(info.value)[0].startswith("org.charisma")
    with pytest.raises(ValidationError):
        Assessment(account_id=ACCOUNT, assessed_on=TODAY, evidence={"handshake": TODAY})
    with pytest.raises(ValidationError):
        DepartmentRating(department_id="d", ratings={"morale": 3})
    with pytest.raises(ValidationError):
        Policy(thresholds={"bribes": {"per_activity": 1.0}})


def test_assessment_round_trips_its_vocabulary():
    a = Assessment(
        account_id=ACCOUNT, assessed_on=TODAY,
        org={d.value: {"value": 3} for d in OrgDimension},
        evidence={"framework_contract": TODAY},
        departments=[{"department_id": "d", "ratings": {i.value: 4 for i in Indicator}}],
    )
    again = Assessment.model_validate(a.model_dump(mode="json"))
    assert again == a
    assert set(again.org) == set(OrgDimension) and Evidence.framework_contract in again.evidence


# --- extra keys ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("model", "kw"), [
    (Account, {"name": "A"}),
    (Person, {"account_id": ACCOUNT, "name": "X"}),
    (OrgRating, {"value": 2}),
    (PersonRating, {"person_id": "p"}),
    (Threshold, {}),
    (Policy, {}),
    (Settings, {}),
    (Approval, {"approver": "A", "approved_on": TODAY}),
    (LayerTarget, {"account_id": ACCOUNT, "layer": "key"}),
])
def test_extra_keys_are_rejected(model, kw):
    assert model.model_config["extra"] == "forbid"
    probs = rejects(model, "salary", **kw, salary=1)
    assert ("salary", "unknown key") in probs


def test_extra_keys_are_rejected_in_nested_records():
    with pytest.raises(ValidationError) as info:
        AccountPlan(account={"name": "A"}, people=[{"account_id": ACCOUNT, "name": "X",
                                                   "shoe_size": 42}])
    assert problems(info.value) == [("people[0].shoe_size", "unknown key")]


# --- model-level consistency ------------------------------------------------------------------

def test_point_activity_needs_a_person():
    probs = rejects(Activity, "target_person_ids", account_id=ACCOUNT, type="gift",
                    scope="point", layer="key")
    assert probs == [("target_person_ids", "a point activity targets at least one person")]


def test_line_activity_needs_a_department_or_business_line():
    rejects(Activity, "target_department_id", account_id=ACCOUNT, type="business_exchange",
            scope="line", layer="extensive")
    assert Activity(account_id=ACCOUNT, type="business_exchange", scope="line", layer="extensive",
                    target_business_line="5G core").target_business_line == "5G core"


def test_surface_and_organization_activities_need_no_target():
    for scope in (Scope.surface, Scope.organization):
        assert Activity(account_id=ACCOUNT, type="training", scope=scope, layer="extensive")


def test_a_person_is_targeted_once():
    rejects(Activity, "target_person_ids", account_id=ACCOUNT, type="gift", scope="point",
            layer="key", target_person_ids=["p1", "p1"])


def test_self_references_are_rejected():
    rejects(Department, "parent_id", id="d1", account_id=ACCOUNT, name="D", parent_id="d1")
    rejects(Person, "reports_to_id", id="p1", account_id=ACCOUNT, name="X", reports_to_id="p1")
    rejects(PersonLink, "to_id", account_id=ACCOUNT, from_id="p1", to_id="p1", kind="influences")


def test_naming_a_competitor_marks_the_leaning_known():
    assert person("X", leaning_competitor_id="c1").leaning_known
    assert not person("X").leaning_known


def test_assessment_rates_each_person_and_department_once():
    rejects(Assessment, "people", account_id=ACCOUNT, assessed_on=TODAY,
            people=[{"person_id": "p"}, {"person_id": "p"}])
    rejects(Assessment, "departments", account_id=ACCOUNT, assessed_on=TODAY,
            departments=[{"department_id": "d"}, {"department_id": "d"}])


@pytest.mark.parametrize(("kw", "field"), [
    ({"layer": "organization", "index": 50.0}, "index"),
    ({"layer": "key", "level": "partner"}, "level"),
    ({"layer": "extensive", "index": -5.0}, "index"),
    ({"layer": "key", "index": 100.5}, "index"),
])
def test_layer_target_fits_its_layer(kw, field):
    rejects(LayerTarget, field, account_id=ACCOUNT, **kw)


def test_layer_target_valid_shapes():
    assert LayerTarget(account_id=ACCOUNT, layer=Layer.organization,
                       level=OrgLevel.partner).level is OrgLevel.partner
    assert LayerTarget(account_id=ACCOUNT, layer=Layer.key, index=-20.0).index == -20.0
    assert LayerTarget(account_id=ACCOUNT, layer=Layer.extensive, index=80.0).index == 80.0


def test_ids_are_safe_tokens():
    assert Person(account_id=ACCOUNT, name="X").id.isalnum()
    rejects(Person, "id", id="p 1", account_id=ACCOUNT, name="X")
    rejects(Person, "account_id", account_id="", name="X")
    rejects(Person, "id", id="x" * 65, account_id=ACCOUNT, name="X")


def test_overdue_is_an_open_activity_past_its_date():
    past = activity(ActivityType.training, planned_on=TODAY - dt.timedelta(days=1))
    assert past.is_overdue(TODAY)
    assert not past.model_copy(update={"status": ActivityStatus.done}).is_overdue(TODAY)
    assert not past.model_copy(update={"status": ActivityStatus.cancelled}).is_overdue(TODAY)
    assert past.model_copy(update={"status": ActivityStatus.in_progress}).is_overdue(TODAY)
    assert not activity(ActivityType.training, planned_on=TODAY).is_overdue(TODAY)
    assert not activity(ActivityType.training).is_overdue(TODAY)


def test_a_target_index_of_minus_zero_is_zero():
    """SQLite stores -0.0 as 0.0: the model does too, so a plan file round-trips byte for byte."""
    import math

    from kamtui.domain.enums import Layer
    from kamtui.domain.models import LayerTarget

    t = LayerTarget(account_id="a" * 32, layer=Layer.key, index=-0.0)
    assert t.index == 0.0 and math.copysign(1, t.index) == 1
