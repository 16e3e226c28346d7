"""The method's vocabulary: every enum value is its method.md key and carries en/zh labels."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


class Labeled(StrEnum):
    """A StrEnum whose members know their English and Chinese labels."""

    __labels__: dict[str, tuple[str, str]]

    def label(self, lang: Lang = "en") -> str:
        en, zh = type(self).__labels__[self.value]
        return zh if lang == "zh" else en

    @property
    def rank(self) -> int:
        """1-based position in declaration order (ordered enums use it)."""
        return list(type(self)).index(self) + 1


def label(value: Labeled, lang: Lang = "en") -> str:
    """The label of an enum value in a language."""
    return value.label(lang)


def _labels(cls: type[Labeled], table: dict[str, tuple[str, str]]) -> type[Labeled]:
    missing = {m.value for m in cls} ^ set(table)
    assert not missing, f"{cls.__name__} labels out of step: {missing}"
    cls.__labels__ = table
    return cls


class OrgLevel(Labeled):
    vendor = "vendor"
    supplier = "supplier"
    strategic_supplier = "strategic_supplier"
    partner = "partner"

    @classmethod
    def of_rank(cls, rank: int) -> "OrgLevel":
        return list(cls)[rank - 1]


_labels(OrgLevel, {
    "vendor": ("Vendor", "小贩级"),
    "supplier": ("Supplier", "供应商"),
    "strategic_supplier": ("Strategic supplier", "战略级供应商"),
    "partner": ("Partner", "战略合作伙伴"),
})


class OrgDimension(Labeled):
    communication = "communication"
    business_fit = "business_fit"
    alliance = "alliance"
    identification = "identification"


_labels(OrgDimension, {
    "communication": ("Organisation & core-people communication", "双方组织及核心人员沟通"),
    "business_fit": ("Business fit", "业务的匹配性"),
    "alliance": ("Corporate alliance", "企业联合"),
    "identification": ("Organisation / culture / brand identification", "组织/文化/品牌的认同"),
})


class Evidence(Labeled):
    cxo_visits = "cxo_visits"
    exec_workshops = "exec_workshops"
    key_products = "key_products"
    framework_contract = "framework_contract"
    strategic_agreement = "strategic_agreement"
    exec_annual_meeting = "exec_annual_meeting"
    sponsor_groups = "sponsor_groups"


_labels(Evidence, {
    "cxo_visits": ("CXO mutual visits are routine", "高层互访"),
    "exec_workshops": ("Executive business workshops held", "高层业务研讨会"),
    "key_products": ("Key / multiple products entered", "关键产品、多产品进入"),
    "framework_contract": ("Framework contract", "框架合同"),
    "strategic_agreement": ("Strategic cooperation agreement", "战略合作协议"),
    "exec_annual_meeting": ("Annual executive-team meeting", "高层管理团队年会"),
    "sponsor_groups": ("Sponsor-led working groups meet regularly", "Sponsor 工作组例会"),
})


class Attitude(Labeled):
    advocate = "advocate"
    accepting = "accepting"
    commodity = "commodity"
    threat = "threat"
    unknown = "unknown"

    @property
    def value_score(self) -> int | None:
        return _ATTITUDE_VALUE[self.value]

    @property
    def symbol(self) -> str:
        return _ATTITUDE_SYMBOL[self.value]


_ATTITUDE_VALUE = {"advocate": 2, "accepting": 1, "commodity": 0, "threat": -2, "unknown": None}
_ATTITUDE_SYMBOL = {"advocate": "++", "accepting": "+", "commodity": "=", "threat": "!!", "unknown": "?"}
_labels(Attitude, {
    "advocate": ("Advocate", "重视"),
    "accepting": ("Accepting", "接受"),
    "commodity": ("Commodity", "商品"),
    "threat": ("Threat", "威胁"),
    "unknown": ("Unknown", "未知"),
})


class ChainRole(Labeled):
    decision_maker = "decision_maker"
    influencer = "influencer"
    evaluator = "evaluator"
    user = "user"
    gatekeeper = "gatekeeper"
    coach = "coach"


_labels(ChainRole, {
    "decision_maker": ("Decision maker", "决策者"),
    "influencer": ("Influencer", "影响者"),
    "evaluator": ("Evaluator", "评估者"),
    "user": ("User", "使用者"),
    "gatekeeper": ("Gatekeeper", "把关者"),
    "coach": ("Coach / sponsor", "教练/内线"),
})


class NeedsLevel(Labeled):
    """The needs ladder; rank 1..5 is the level number."""

    entertainment = "entertainment"
    overseas_visits = "overseas_visits"
    friendship = "friendship"
    professional = "professional"
    partnership = "partnership"


_labels(NeedsLevel, {
    "entertainment": ("Entertainment, gifts, sports", "娱乐、礼物、运动"),
    "overseas_visits": ("Overseas visits: training / research", "出国考察"),
    "friendship": ("Personal friendship", "个人交往"),
    "professional": ("Professional success", "专业化（提高个人业绩）"),
    "partnership": ("Partnership", "伙伴"),
})


class Indicator(Labeled):
    key_moment_support = "key_moment_support"
    negative_containment = "negative_containment"
    information_access = "information_access"
    activity_participation = "activity_participation"

    def short(self, lang: Lang = "en") -> str:
        """The label where a table column has little room (the portfolio, the report)."""
        en, zh = _INDICATOR_SHORT[self.value]
        return zh if lang == "zh" else en


_labels(Indicator, {
    "key_moment_support": ("Support at key moments", "关键时间支撑"),
    "negative_containment": ("Negative events do not spread", "负面事件不扩散"),
    "information_access": ("Information access", "信息获取"),
    "activity_participation": ("Participation in department activities", "部门活动参与度"),
})
_INDICATOR_SHORT = {
    "key_moment_support": ("Key moments", "关键支撑"),
    "negative_containment": ("Containment", "负面不扩散"),
    "information_access": ("Info access", "信息获取"),
    "activity_participation": ("Participation", "活动参与"),
}


class Layer(Labeled):
    organization = "organization"
    key = "key"
    extensive = "extensive"


_labels(Layer, {
    "organization": ("Organization relationship", "组织客户关系"),
    "key": ("Key decision-maker relationship", "关键客户关系"),
    "extensive": ("Extensive relationship", "普遍客户关系"),
})


class Scope(Labeled):
    point = "point"
    line = "line"
    surface = "surface"
    organization = "organization"


_labels(Scope, {
    "point": ("Point", "点"),
    "line": ("Line", "线"),
    "surface": ("Surface", "面"),
    "organization": ("Organization", "组织"),
})


class ActivityStatus(Labeled):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (ActivityStatus.planned, ActivityStatus.in_progress)


_labels(ActivityStatus, {
    "planned": ("Planned", "计划中"),
    "in_progress": ("In progress", "进行中"),
    "done": ("Done", "已完成"),
    "cancelled": ("Cancelled", "已取消"),
})


class LinkKind(Labeled):
    influences = "influences"
    opposes = "opposes"
    close_to = "close_to"


_labels(LinkKind, {
    "influences": ("Influences", "影响"),
    "opposes": ("Opposes", "反对"),
    "close_to": ("Close to", "亲近"),
})


class CompetitorPosition(Labeled):
    incumbent = "incumbent"
    strong = "strong"
    present = "present"
    weak = "weak"


_labels(CompetitorPosition, {
    "incumbent": ("Incumbent", "主导"),
    "strong": ("Strong", "强势"),
    "present": ("Present", "存在"),
    "weak": ("Weak", "弱势"),
})


class Tier(Labeled):
    strategic = "strategic"
    key = "key"
    standard = "standard"


_labels(Tier, {
    "strategic": ("Strategic", "战略"),
    "key": ("Key", "重点"),
    "standard": ("Standard", "一般"),
})


class ComplianceCategory(Labeled):
    gift = "gift"
    entertainment = "entertainment"
    leisure_trip = "leisure_trip"
    overseas_visit = "overseas_visit"


_labels(ComplianceCategory, {
    "gift": ("Gift", "礼物"),
    "entertainment": ("Entertainment", "娱乐"),
    "leisure_trip": ("Leisure trip", "休假旅游"),
    "overseas_visit": ("Overseas visit", "出国考察"),
})


class PitfallKey(Labeled):
    hidden_chain = "hidden_chain"
    competitors_ignored = "competitors_ignored"
    career_needs_ignored = "career_needs_ignored"
    shallow_relationships = "shallow_relationships"
    rising_stars_missed = "rising_stars_missed"
    compliance = "compliance"
    strategy_not_decoded = "strategy_not_decoded"
    no_exec_visit = "no_exec_visit"
    no_exec_channel = "no_exec_channel"
    sponsor_groups_missing = "sponsor_groups_missing"
    no_strategic_agreement = "no_strategic_agreement"

    @property
    def layer(self) -> Layer:
        return Layer.organization if self.value in _ORG_PITFALLS else Layer.key


_ORG_PITFALLS = {
    "strategy_not_decoded", "no_exec_visit", "no_exec_channel",
    "sponsor_groups_missing", "no_strategic_agreement",
}
_labels(PitfallKey, {
    "hidden_chain": ("Hidden decision chain not explored", "隐性决策链未挖掘"),
    "competitors_ignored": ("Competitors ignored", "忽视竞争对手"),
    "career_needs_ignored": ("Career needs ignored", "忽视职业发展需求"),
    "shallow_relationships": ("Shallow relationships", "关系停留在浅层"),
    "rising_stars_missed": ("Rising stars missed", "忽视明日之星"),
    "compliance": ("Compliance not secured", "拓展不合规"),
    "strategy_not_decoded": ("Customer strategy not decoded", "未解读客户战略"),
    "no_exec_visit": ("No executive visit in 6 months", "半年内无高层互访"),
    "no_exec_channel": ("No executive communication channel", "缺少高层沟通渠道"),
    "sponsor_groups_missing": ("Sponsor working groups missing or unstable", "Sponsor 工作组缺失或不稳定"),
    "no_strategic_agreement": ("No substantive strategic agreement", "缺少实质性战略协议"),
})
