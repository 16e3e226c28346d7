"""Hypothesis strategies for whole account plans with awkward text everywhere.

A plain module (not fixtures) so the property tests can import it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from kamtui.domain.base import NAME_MAX, NOTE_MAX, clean_line, clean_text
from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, CompetitorPosition, ComplianceCategory, Evidence, Indicator,
    Layer, LinkKind, OrgDimension, OrgLevel, PitfallKey, Scope, Tier,
)
from kamtui.domain.models import (
    Account, Activity, Approval, Assessment, Competitor, Department, DepartmentRating,
    LayerTarget, OrgRating, Person, PersonLink, PersonRating, PitfallDismissal, Policy, Settings,
    TeamMember, Threshold,
)
from kamtui.domain.plan import AccountPlan

# CJK, emoji (with a ZWJ sequence), TOML's and Markdown's special characters, line breaks,
# control characters (which the models strip), and pieces that look like TOML syntax.
AWKWARD = list("aZ 中文測試한글\U0001F600\U0001F389[]{}\"'\\\n\r\t#=.,:-_|*<>&~`$") + [
    "\U0001F469\u200d\U0001F4BB", "\x1b[31m", "\x00", "\u202e", '"""', "'''", "\\u0041",
    "[[x]]", "a = 1", "\\\n", "\u2028", "\ufeff",
]
IDS = st.text(alphabet="abcdef0123456789", min_size=8, max_size=12)
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31))


def _tokens(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(AWKWARD), min_size=min_size, max_size=max_size).map("".join)


raw_text = st.one_of(
    _tokens(),
    st.text(max_size=30),
    st.just(""),
    _tokens(1, 5).map(lambda s: s * 5000),  # longer than any field: cut to the maximum
)


def _fit(limit: int, clean) -> st.SearchStrategy[str]:
    """Text as the models keep it (cleaned), cut to the maximal length."""
    return raw_text.map(lambda s: str(clean(s))[:limit].strip())


notes = _fit(NOTE_MAX, clean_text)
short = _fit(NAME_MAX, clean_line)
names = short.map(lambda s: s or "名")
maximal_name = st.text(alphabet=st.sampled_from(list("中😀[]\"'\\x")), min_size=NAME_MAX, max_size=NAME_MAX)


@st.composite
def plans(draw) -> AccountPlan:
    aid = draw(IDS)
    account = Account(id=aid, name=draw(st.one_of(names, maximal_name)), short_name=draw(short),
                      industry=draw(short), region=draw(short), tier=draw(st.sampled_from(list(Tier))),
                      strategy_notes=draw(notes), archived=draw(st.booleans()),
                      version=draw(st.integers(0, 5)))
    n_dept = draw(st.integers(0, 4))
    depts: list[Department] = []
    for i in range(n_dept):
        parent = draw(st.one_of(st.none(), st.sampled_from([d.id for d in depts]))) if depts else None
        depts.append(Department(id=f"d{i}{draw(IDS)}", account_id=aid, parent_id=parent, name=draw(names),
                                importance=draw(st.integers(1, 3)), business_line=draw(short),
                                archived=draw(st.booleans())))
    comps = [Competitor(id=f"c{i}{draw(IDS)}", account_id=aid, name=draw(names),
                        position=draw(st.sampled_from(list(CompetitorPosition))), notes=draw(notes))
             for i in range(draw(st.integers(0, 2)))]
    people: list[Person] = []
    for i in range(draw(st.integers(0, 5))):
        people.append(Person(
            id=f"p{i}{draw(IDS)}", account_id=aid, name=draw(names), title=draw(short),
            department_id=draw(st.sampled_from([None] + [d.id for d in depts])),
            reports_to_id=draw(st.sampled_from([None] + [p.id for p in people])),
            role=draw(st.one_of(st.none(), st.sampled_from(list(ChainRole)))),
            influence=draw(st.integers(1, 5)), attitude=draw(st.sampled_from(list(Attitude))),
            executive=draw(st.booleans()), hidden_decision_maker=draw(st.booleans()),
            rising_star=draw(st.booleans()), needs_level=draw(st.one_of(st.none(), st.integers(1, 5))),
            personal_needs=draw(notes), career_needs=draw(notes), private_notes=draw(notes),
            leaning_known=draw(st.booleans()),
            leaning_competitor_id=draw(st.sampled_from([None] + [c.id for c in comps])),
            last_contact=draw(st.one_of(st.none(), DATES)), version=draw(st.integers(0, 3)),
        ))
    links = []
    if len(people) >= 2:
        for i in range(draw(st.integers(0, 3))):
            a, b = draw(st.lists(st.sampled_from(people), min_size=2, max_size=2, unique_by=lambda p: p.id))
            links.append(PersonLink(id=f"l{i}{draw(IDS)}", account_id=aid, from_id=a.id, to_id=b.id,
                                    kind=draw(st.sampled_from(list(LinkKind)))))
    assessments = []
    for i in range(draw(st.integers(0, 2))):
        rated = draw(st.lists(st.sampled_from(people), unique_by=lambda p: p.id)) if people else []
        rated_d = draw(st.lists(st.sampled_from(depts), unique_by=lambda d: d.id)) if depts else []
        assessments.append(Assessment(
            id=f"a{i}{draw(IDS)}", account_id=aid, assessed_on=draw(DATES), recorded_by=draw(short),
            note=draw(notes),
            org={d: OrgRating(value=draw(st.integers(1, 4)), note=draw(notes))
                 for d in draw(st.lists(st.sampled_from(list(OrgDimension)), unique=True))},
            evidence={e: draw(DATES) for e in draw(st.lists(st.sampled_from(list(Evidence)), unique=True))},
            people=[PersonRating(person_id=p.id, attitude=draw(st.sampled_from(list(Attitude))),
                                 influence=draw(st.integers(1, 5)),
                                 needs_level=draw(st.one_of(st.none(), st.integers(1, 5))),
                                 role=draw(st.one_of(st.none(), st.sampled_from(list(ChainRole)))))
                    for p in rated],
            departments=[DepartmentRating(department_id=d.id, importance=draw(st.integers(1, 3)),
                                          ratings={k: draw(st.integers(1, 5)) for k in draw(
                                              st.lists(st.sampled_from(list(Indicator)), unique=True))})
                         for d in rated_d],
        ))
    targets = []
    for layer in draw(st.lists(st.sampled_from(list(Layer)), unique=True)):
        if layer == Layer.organization:
            targets.append(LayerTarget(account_id=aid, layer=layer,
                                       level=draw(st.one_of(st.none(), st.sampled_from(list(OrgLevel)))),
                                       due=draw(st.one_of(st.none(), DATES)), notes=draw(notes)))
        else:
            low = 0 if layer == Layer.extensive else -100
            index = draw(st.one_of(st.none(), st.floats(low, 100, allow_nan=False)))
            targets.append(LayerTarget(account_id=aid, layer=layer, index=index, notes=draw(notes)))
    activities = []
    for i in range(draw(st.integers(0, 4))):
        t = draw(st.sampled_from(list(ActivityType)))
        scope = t.spec.scope
        if scope == Scope.point and not people:
            scope = Scope.surface
        activities.append(Activity(
            id=f"x{i}{draw(IDS)}", account_id=aid, type=t, scope=scope, layer=t.spec.layer,
            target_person_ids=(draw(st.lists(st.sampled_from([p.id for p in people]), min_size=1, unique=True))
                               if scope == Scope.point else []),
            target_department_id=(draw(st.sampled_from([d.id for d in depts])) if depts and scope == Scope.line
                                  else None),
            target_business_line=draw(names) if scope == Scope.line else draw(short),
            short_board=draw(short), objective=draw(notes),
            planned_on=draw(st.one_of(st.none(), DATES)),
            status=draw(st.sampled_from(list(ActivityStatus))), outcome=draw(notes),
            cost=draw(st.one_of(st.just(0.0), st.floats(0, 1e12, allow_nan=False))),
            currency=draw(st.sampled_from(["CNY", "EUR", "USD"])),
            needs_level=draw(st.one_of(st.none(), st.integers(1, 5))),
            compliance_reviewed=draw(st.booleans()),
            approval=draw(st.one_of(st.none(), st.builds(Approval, approver=names, approved_on=DATES))),
        ))
    dismissals = [PitfallDismissal(account_id=aid, key=k.value, reason=draw(names), dismissed_by=draw(short),
                                   dismissed_on=draw(DATES))
                  for k in draw(st.lists(st.sampled_from(list(PitfallKey)), unique=True, max_size=3))]
    return AccountPlan(account=account, departments=depts, people=people, links=links, competitors=comps,
                       assessments=assessments, targets=targets, activities=activities,
                       dismissals=dismissals)


AMOUNTS = st.one_of(st.none(), st.just(0.0), st.floats(0, 1e12, allow_nan=False))


@st.composite
def workspaces(draw) -> tuple[Settings, list[TeamMember]]:
    """What `workspace.toml` holds: the team's settings (with the policy) and its members."""
    policy = Policy(currency=draw(st.sampled_from(["CNY", "EUR", "USD"])),
                    thresholds={c: Threshold(per_activity=draw(AMOUNTS), per_person_year=draw(AMOUNTS))
                                for c in draw(st.lists(st.sampled_from(list(ComplianceCategory)), unique=True))})
    settings = Settings(team_name=draw(names), default_lang=draw(st.sampled_from(["en", "zh"])), policy=policy,
                        version=draw(st.integers(0, 5)))
    members = [TeamMember(id=f"m{i}{draw(IDS)}", name=draw(names), title=draw(short), login=draw(short),
                          archived=draw(st.booleans()), version=draw(st.integers(0, 3)))
               for i in range(draw(st.integers(0, 4)))]
    return settings, members
