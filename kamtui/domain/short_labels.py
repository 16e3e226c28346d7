"""Short names of the organization dimensions, evidence items and department indicators, for
lines with little room: the next step, the suggestions' why-lines, the completion dialog,
`kamtui report --next`. The full names stay the enums' own labels."""

from __future__ import annotations

from kamtui.domain.enums import Evidence, Indicator, Lang, OrgDimension

_SHORT: dict[OrgDimension | Evidence | Indicator, tuple[str, str]] = {
    OrgDimension.communication: ("Communication", "沟通"),
    OrgDimension.business_fit: ("Business fit", "业务匹配"),
    OrgDimension.alliance: ("Corporate alliance", "企业联合"),
    OrgDimension.identification: ("Identification", "认同"),
    Evidence.cxo_visits: ("CXO visits", "高层互访"),
    Evidence.exec_workshops: ("Executive workshops", "高层研讨会"),
    Evidence.key_products: ("Key products in", "关键产品进入"),
    Evidence.framework_contract: ("Framework contract", "框架合同"),
    Evidence.strategic_agreement: ("Strategic agreement", "战略合作协议"),
    Evidence.exec_annual_meeting: ("Executive annual meeting", "高层年会"),
    Evidence.sponsor_groups: ("Sponsor groups", "Sponsor 工作组"),
    Indicator.key_moment_support: ("Key-moment support", "关键时间支撑"),
    Indicator.negative_containment: ("Negatives contained", "负面不扩散"),
    Indicator.information_access: ("Information access", "信息获取"),
    Indicator.activity_participation: ("Participation", "活动参与度"),
}


def short_label(item: OrgDimension | Evidence | Indicator, lang: Lang = "en") -> str:
    en, zh = _SHORT[item]
    return zh if lang == "zh" else en
