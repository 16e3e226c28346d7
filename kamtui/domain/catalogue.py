"""The development-activity catalogue of method.md §5: type → default scope, layer served."""

from __future__ import annotations

from dataclasses import dataclass

from kamtui.domain.enums import (
    ComplianceCategory, Evidence, Indicator, Labeled, Layer, OrgDimension, Scope, _labels,
)


class ActivityType(Labeled):
    # point
    company_visit = "company_visit"
    reference_visit = "reference_visit"
    exhibition = "exhibition"
    leisure_trip = "leisure_trip"
    gift = "gift"
    entertainment = "entertainment"
    sports = "sports"
    overseas_visit = "overseas_visit"
    personal_visit = "personal_visit"
    professional_support = "professional_support"
    # line
    special_study_tour = "special_study_tour"
    business_exchange = "business_exchange"
    onsite_meeting = "onsite_meeting"
    department_social = "department_social"
    # surface
    annual_service_conference = "annual_service_conference"
    technical_competition = "technical_competition"
    training = "training"
    sports_event = "sports_event"
    large_party = "large_party"
    chinese_culture_event = "chinese_culture_event"
    local_feature_event = "local_feature_event"
    # organization
    cxo_visit = "cxo_visit"
    exec_workshop = "exec_workshop"
    exec_annual_meeting = "exec_annual_meeting"
    management_seminar = "management_seminar"
    sponsor_group_meeting = "sponsor_group_meeting"
    strategic_agreement_signing = "strategic_agreement_signing"

    @property
    def spec(self) -> "CatalogueEntry":
        return CATALOGUE[self]


_labels(ActivityType, {
    "company_visit": ("Company visit", "公司考察"),
    "reference_visit": ("Reference-site visit", "样板点参观"),
    "exhibition": ("Exhibition", "展览会"),
    "leisure_trip": ("Leisure trip", "休假旅游"),
    "gift": ("Gift", "礼物"),
    "entertainment": ("Entertainment", "娱乐"),
    "sports": ("Sports", "运动"),
    "overseas_visit": ("Overseas visit", "出国考察"),
    "personal_visit": ("Personal visit", "个人交往"),
    "professional_support": ("Professional support", "专业支持"),
    "special_study_tour": ("Special study tour", "专项考察"),
    "business_exchange": ("Business exchange", "业务交流"),
    "onsite_meeting": ("On-site meeting", "现场会"),
    "department_social": ("Department social", "部门联谊"),
    "annual_service_conference": ("Annual service conference", "服务年会"),
    "technical_competition": ("Technical competition", "技术竞赛"),
    "training": ("Training", "培训"),
    "sports_event": ("Sports event", "体育活动"),
    "large_party": ("Large party", "大型活动"),
    "chinese_culture_event": ("Chinese culture event", "中国文化活动"),
    "local_feature_event": ("Local-feature event", "本地特色活动"),
    "cxo_visit": ("CXO mutual visit", "高层互访"),
    "exec_workshop": ("Executive workshop", "高层业务研讨会"),
    "exec_annual_meeting": ("Executive annual meeting", "高层管理团队年会"),
    "management_seminar": ("Management seminar", "管理研讨"),
    "sponsor_group_meeting": ("Sponsor working-group meeting", "工作组例会"),
    "strategic_agreement_signing": ("Strategic agreement signing", "战略协议签署"),
})


@dataclass(frozen=True)
class CatalogueEntry:
    scope: Scope
    layer: Layer
    compliance: ComplianceCategory | None = None
    needs_level: int | None = None  # the rung of the needs ladder it usually serves


_P, _L, _S, _O = Scope.point, Scope.line, Scope.surface, Scope.organization
_K, _E, _G = Layer.key, Layer.extensive, Layer.organization
T = ActivityType
CATALOGUE: dict[ActivityType, CatalogueEntry] = {
    T.company_visit: CatalogueEntry(_P, _K, needs_level=4),
    T.reference_visit: CatalogueEntry(_P, _K, needs_level=4),
    T.exhibition: CatalogueEntry(_P, _K, needs_level=4),
    T.leisure_trip: CatalogueEntry(_P, _K, ComplianceCategory.leisure_trip, 1),
    T.gift: CatalogueEntry(_P, _K, ComplianceCategory.gift, 1),
    T.entertainment: CatalogueEntry(_P, _K, ComplianceCategory.entertainment, 1),
    T.sports: CatalogueEntry(_P, _K, needs_level=1),
    T.overseas_visit: CatalogueEntry(_P, _K, ComplianceCategory.overseas_visit, 2),
    T.personal_visit: CatalogueEntry(_P, _K, needs_level=3),
    T.professional_support: CatalogueEntry(_P, _K, needs_level=4),
    T.special_study_tour: CatalogueEntry(_L, _E),
    T.business_exchange: CatalogueEntry(_L, _E),
    T.onsite_meeting: CatalogueEntry(_L, _E),
    T.department_social: CatalogueEntry(_L, _E),
    T.annual_service_conference: CatalogueEntry(_S, _E),
    T.technical_competition: CatalogueEntry(_S, _E),
    T.training: CatalogueEntry(_S, _E),
    T.sports_event: CatalogueEntry(_S, _E),
    T.large_party: CatalogueEntry(_S, _E),
    T.chinese_culture_event: CatalogueEntry(_S, _E),
    T.local_feature_event: CatalogueEntry(_S, _E),
    T.cxo_visit: CatalogueEntry(_O, _G),
    T.exec_workshop: CatalogueEntry(_O, _G),
    T.exec_annual_meeting: CatalogueEntry(_O, _G),
    T.management_seminar: CatalogueEntry(_O, _G),
    T.sponsor_group_meeting: CatalogueEntry(_O, _G),
    T.strategic_agreement_signing: CatalogueEntry(_O, _G),
}
del T
assert set(CATALOGUE) == set(ActivityType)


def types_for(layer: Layer | None = None, scope: Scope | None = None) -> list[ActivityType]:
    return [
        t for t, e in CATALOGUE.items()
        if (layer is None or e.layer == layer) and (scope is None or e.scope == scope)
    ]


# -- what a type works on (the suggestions and the re-rating of a finished activity) ------
# Organization-layer types: the dimension each raises and the evidence items it can show
# (method.md §1's level table: CXO visits, workshops, agreements, annual meetings, sponsors).
RAISES_DIMENSION: dict[ActivityType, OrgDimension] = {
    ActivityType.cxo_visit: OrgDimension.communication,
    ActivityType.exec_annual_meeting: OrgDimension.communication,
    ActivityType.exec_workshop: OrgDimension.business_fit,
    ActivityType.sponsor_group_meeting: OrgDimension.alliance,
    ActivityType.strategic_agreement_signing: OrgDimension.alliance,
    ActivityType.management_seminar: OrgDimension.identification,
}
SHOWS_EVIDENCE: dict[ActivityType, tuple[Evidence, ...]] = {
    ActivityType.cxo_visit: (Evidence.cxo_visits,),
    ActivityType.exec_workshop: (Evidence.exec_workshops, Evidence.key_products),
    ActivityType.exec_annual_meeting: (Evidence.exec_annual_meeting,),
    ActivityType.sponsor_group_meeting: (Evidence.sponsor_groups,),
    ActivityType.strategic_agreement_signing: (Evidence.framework_contract, Evidence.strategic_agreement),
    ActivityType.management_seminar: (),
}
# Line activities: the department indicator each works on (method.md §3).
RAISES_INDICATOR: dict[ActivityType, Indicator] = {
    ActivityType.special_study_tour: Indicator.key_moment_support,
    ActivityType.onsite_meeting: Indicator.negative_containment,
    ActivityType.business_exchange: Indicator.information_access,
    ActivityType.department_social: Indicator.activity_participation,
}
# The point activity that serves each rung of the needs ladder (method.md §2), the
# unregulated one where the rung has several; rung 5 (partnership) keeps helping them perform.
SERVES_RUNG: dict[int, ActivityType] = {
    1: ActivityType.sports, 2: ActivityType.overseas_visit, 3: ActivityType.personal_visit,
    4: ActivityType.professional_support, 5: ActivityType.professional_support,
}


def type_for_dimension(dimension: OrgDimension, to: int) -> ActivityType:
    """The organization activity that raises `dimension` to `to`: at the top of the scale the
    annual executive meeting and the strategic agreement, below it visits and sponsor groups."""
    if dimension == OrgDimension.communication:
        return ActivityType.exec_annual_meeting if to >= 4 else ActivityType.cxo_visit
    if dimension == OrgDimension.alliance:
        return ActivityType.strategic_agreement_signing if to >= 4 else ActivityType.sponsor_group_meeting
    return next(t for t, d in RAISES_DIMENSION.items() if d == dimension)


def type_for_evidence(evidence: Evidence) -> ActivityType:
    return next(t for t, shown in SHOWS_EVIDENCE.items() if evidence in shown)


def type_for_indicator(indicator: Indicator) -> ActivityType:
    return next(t for t, i in RAISES_INDICATOR.items() if i == indicator)
