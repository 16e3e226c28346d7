"""The bilingual vocabulary: every Labeled enum is labelled, and labels follow method.md."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

import kamtui.domain.catalogue  # noqa: F401  (registers ActivityType as a Labeled subclass)
from kamtui.domain import enums
from kamtui.domain.catalogue import CATALOGUE, ActivityType, types_for
from kamtui.domain.enums import (
    LANGS, ActivityStatus, Attitude, ChainRole, ComplianceCategory, Evidence, Indicator, Labeled,
    Layer, NeedsLevel, OrgDimension, OrgLevel, PitfallKey, Scope, label,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def all_labeled() -> list[type[Labeled]]:
    out, todo = [], list(Labeled.__subclasses__())
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(out, key=lambda c: c.__name__)


LABELED = all_labeled()


def norm(text: str) -> str:
    """Compare English labels loosely: case, hyphens and spacing around slashes."""
    text = text.lower().replace("-", " ").replace("&", "and")
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"\s+", " ", text).strip()


def test_every_vocabulary_enum_is_found():
    names = {c.__name__ for c in LABELED}
    assert names >= {"OrgLevel", "OrgDimension", "Evidence", "Attitude", "ChainRole", "NeedsLevel",
                     "Indicator", "Layer", "Scope", "ActivityStatus", "LinkKind",
                     "CompetitorPosition", "Tier", "ComplianceCategory", "PitfallKey",
                     "ActivityType"}


@pytest.mark.parametrize("cls", LABELED, ids=lambda c: c.__name__)
def test_every_member_has_an_english_and_a_chinese_label(cls):
    assert set(cls.__labels__) == {m.value for m in cls}
    for member in cls:
        en, zh = member.label("en"), member.label("zh")
        assert en.strip() and zh.strip(), member
        assert en == en.strip() and zh == zh.strip(), member
        assert not CJK.search(en), (member, en)
        assert CJK.search(zh), (member, zh)
        assert member.label() == en == label(member) == label(member, "en")
        assert label(member, "zh") == zh


@pytest.mark.parametrize("cls", LABELED, ids=lambda c: c.__name__)
@pytest.mark.parametrize("lang", LANGS)
def test_labels_are_distinct_within_an_enum(cls, lang):
    labels = [m.label(lang) for m in cls]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("cls", LABELED, ids=lambda c: c.__name__)
def test_values_are_snake_case_keys(cls):
    for member in cls:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", member.value)
        assert member.value == member.name


def test_labels_out_of_step_are_caught_at_import():
    class Broken(StrEnum):  # not a Labeled subclass: leave the real registry alone
        a = "a"
        b = "b"

    with pytest.raises(AssertionError):
        enums._labels(Broken, {"a": ("A", "甲")})
    with pytest.raises(AssertionError):
        enums._labels(Broken, {"a": ("A", "甲"), "b": ("B", "乙"), "c": ("C", "丙")})


# --- method.md's vocabulary --------------------------------------------------------------

METHOD = {
    OrgLevel: {
        "vendor": ("Vendor", "小贩级"),
        "supplier": ("Supplier", "供应商"),
        "strategic_supplier": ("Strategic supplier", "战略级供应商"),
        "partner": ("Partner", "战略合作伙伴"),
    },
    OrgDimension: {
        "communication": ("Organisation & core-people communication", "双方组织及核心人员沟通"),
        "business_fit": ("Business fit", "业务的匹配性"),
        "alliance": ("Corporate alliance", "企业联合"),
        "identification": ("Organisation / culture / brand identification", "组织/文化/品牌的认同"),
    },
    Evidence: {
        "cxo_visits": ("CXO mutual visits are routine", "高层互访"),
        "exec_workshops": ("executive business workshops held", "高层业务研讨会"),
        "key_products": ("key / multiple products entered", "关键产品、多产品进入"),
        "framework_contract": ("framework contract", "框架合同"),
        "strategic_agreement": ("strategic cooperation agreement", "战略合作协议"),
        "exec_annual_meeting": ("annual executive-team meeting", "高层管理团队年会"),
        "sponsor_groups": ("sponsor-led working groups meet regularly", "Sponsor 工作组例会"),
    },
    Attitude: {
        "advocate": ("Advocate", "重视"),
        "accepting": ("Accepting", "接受"),
        "commodity": ("Commodity", "商品"),
        "threat": ("Threat", "威胁"),
        "unknown": ("Unknown", "未知"),
    },
    ChainRole: {
        "decision_maker": ("decision maker", "决策者"),
        "influencer": ("influencer", "影响者"),
        "evaluator": ("evaluator", "评估者"),
        "user": ("user", "使用者"),
        "gatekeeper": ("gatekeeper", "把关者"),
        "coach": ("coach/sponsor", "教练/内线"),
    },
    Indicator: {
        "key_moment_support": ("Support at key moments", "关键时间支撑"),
        "negative_containment": ("Negative events do not spread", "负面事件不扩散"),
        "information_access": ("Information access", "信息获取"),
        "activity_participation": ("Participation in department activities", "部门活动参与度"),
    },
    Scope: {
        "point": ("Point", "点"),
        "line": ("Line", "线"),
        "surface": ("Surface", "面"),
    },
    Layer: {
        "organization": ("Organization Relationship", "组织客户关系"),
        "key": ("Key-Decision-Maker Relationship", "关键客户关系"),
        "extensive": ("Extensive Relationship", "普遍客户关系"),
    },
    ComplianceCategory: {
        "gift": ("gift", "礼物"),
        "entertainment": ("entertainment", "娱乐"),
        "leisure_trip": ("leisure trip", "休假旅游"),
        "overseas_visit": ("overseas visit", "出国考察"),
    },
}


@pytest.mark.parametrize("cls", list(METHOD), ids=lambda c: c.__name__)
def test_labels_match_method_md(cls):
    table = METHOD[cls]
    assert set(table) <= {m.value for m in cls}
    for key, (en, zh) in table.items():
        member = cls(key)
        assert member.label("zh") == zh, member
        assert norm(member.label("en")) == norm(en), member


def test_scope_has_the_three_method_scopes_and_the_organization_section():
    assert [s.value for s in Scope] == ["point", "line", "surface", "organization"]


def test_needs_ladder_follows_method_md():
    ladder = [
        ("entertainment, gifts, sports", "娱乐、礼物、运动"),
        ("overseas visits: training / research", "出国考察"),
        ("personal friendship (family, sports coaching)", "个人交往"),
        ("professional success: help them perform", "专业化（提高个人业绩）"),
        ("partnership", "伙伴"),
    ]
    assert len(NeedsLevel) == 5
    for rank, (member, (en, zh)) in enumerate(zip(NeedsLevel, ladder), start=1):
        assert member.rank == rank
        assert member.label("zh") == zh
        assert norm(en).startswith(norm(member.label("en"))), member


def test_activity_statuses_follow_method_md():
    assert [norm(s.label("en")) for s in ActivityStatus] == [
        "planned", "in progress", "done", "cancelled"]
    assert [s.is_open for s in ActivityStatus] == [True, True, False, False]


def test_pitfall_labels_name_the_method_pitfalls():
    assert len(PitfallKey) == 11
    assert norm(PitfallKey.hidden_chain.label()) == "hidden decision chain not explored"
    assert norm(PitfallKey.no_strategic_agreement.label()) == "no substantive strategic agreement"
    assert PitfallKey.hidden_chain.label("zh").startswith("隐性决策链")


# --- ordered enums -------------------------------------------------------------------------------

def test_org_levels_are_ordered_and_ranked():
    assert [lv.rank for lv in OrgLevel] == [1, 2, 3, 4]
    assert [OrgLevel.of_rank(r) for r in (1, 2, 3, 4)] == list(OrgLevel)
    assert OrgLevel.of_rank(3) is OrgLevel.strategic_supplier


def test_attitude_values_and_symbols():
    assert {a.value: a.value_score for a in Attitude} == {
        "advocate": 2, "accepting": 1, "commodity": 0, "threat": -2, "unknown": None}
    symbols = [a.symbol for a in Attitude]
    assert all(symbols) and len(set(symbols)) == len(symbols)


def test_enums_are_strings_of_their_key():
    assert Attitude.advocate == "advocate"
    assert f"{OrgLevel.partner}" == "partner"


# --- the activity catalogue (method.md §5) --------------------------------------------------

CATALOGUE_MD = {
    Scope.point: [("company visit", "公司考察"), ("reference-site visit", "样板点参观"),
                  ("exhibition", "展览会"), ("leisure trip", "休假旅游"), ("gift", "礼物"),
                  ("entertainment", "娱乐"), ("sports", "运动"), ("overseas visit", "出国考察"),
                  ("personal visit", "个人交往"), ("professional support", "专业支持")],
    Scope.line: [("special study tour", "专项考察"), ("business exchange", "业务交流"),
                 ("on-site meeting", "现场会"), ("department social", "部门联谊")],
    Scope.surface: [("annual service conference", "服务年会"), ("technical competition", "技术竞赛"),
                    ("training", "培训"), ("sports event", "体育活动"), ("large party", "大型活动"),
                    ("Chinese culture event", "中国文化活动"),
                    ("local-feature event", "本地特色活动")],
    Scope.organization: [("CXO mutual visit", "高层互访"), ("executive workshop", "高层业务研讨会"),
                         ("executive annual meeting", "高层管理团队年会"),
                         ("management seminar", "管理研讨"),
                         ("sponsor working-group meeting", "工作组例会"),
                         ("strategic agreement signing", "战略协议签署")],
}


def test_catalogue_matches_method_md():
    by_scope = {scope: [(norm(t.label("en")), t.label("zh")) for t in types_for(scope=scope)]
                for scope in Scope}
    expected = {scope: [(norm(en), zh) for en, zh in rows] for scope, rows in CATALOGUE_MD.items()}
    assert by_scope == expected
    assert len(ActivityType) == sum(len(rows) for rows in CATALOGUE_MD.values())


def test_catalogue_layers():
    for t, entry in CATALOGUE.items():
        expected = {Scope.point: Layer.key, Scope.line: Layer.extensive,
                    Scope.surface: Layer.extensive, Scope.organization: Layer.organization}
        assert entry.layer is expected[entry.scope], t
        assert t.spec is entry


def test_catalogue_regulated_types_are_the_policy_categories():
    regulated = {t: e.compliance for t, e in CATALOGUE.items() if e.compliance}
    assert {t.value: c.value for t, c in regulated.items()} == {
        "gift": "gift", "entertainment": "entertainment", "leisure_trip": "leisure_trip",
        "overseas_visit": "overseas_visit"}


def test_catalogue_needs_levels_are_on_the_ladder():
    for t, e in CATALOGUE.items():
        assert e.needs_level is None or 1 <= e.needs_level <= 5
        assert (e.needs_level is not None) == (e.scope is Scope.point), t


def test_types_for_filters():
    assert types_for() == list(ActivityType)
    assert set(types_for(layer=Layer.organization)) == set(types_for(scope=Scope.organization))
    assert types_for(layer=Layer.key, scope=Scope.surface) == []
