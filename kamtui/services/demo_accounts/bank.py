"""Demo account: an international bank's China entity (improving; no hidden decision maker)."""

from kamtui.domain.enums import Evidence as E, OrgLevel, Tier
from kamtui.services.demo_accounts.spec import (
    CO, D, DM, DONE, EV, GK, INC, INF, IN_PROGRESS, PLANNED, PRESENT, STRONG, US,
    AccountSpec, Act, Dept, P, Snapshot, T, Target, Tick,
)

SPEC = AccountSpec(
    key="harbourline-cn",
    name="Harbourline Bank (China) Co., Ltd.",
    short_name="Harbourline",
    industry="Banking 银行",
    region="Shanghai Lujiazui 上海陆家嘴",
    tier=Tier.key,
    owner="sarah",
    strategy=(
        "2026–2028 China plan: move 60% of workloads to an on-shore private cloud, cut the branch "
        "network by a fifth in favour of digital channels, and meet data-localisation rules.\n"
        "What they value: resilience evidence, regulator-ready security, a partner who can run "
        "operations in China. Our angle: private-cloud networking and zero-trust branch access."
    ),
    departments=(
        Dept("exco", None, "Executive Committee", 3, "Management", ("2122", "2323")),
        Dept("tech", "exco", "Technology & Operations", 3, "IT", ("3232", "3333")),
        Dept("infra", "tech", "Infrastructure & Cloud", 3, "Data centre", ("3333", "4434")),
        Dept("sec", "tech", "Information Security", 2, "Security", ("2111", "2212")),
        Dept("retail", "exco", "Retail & Wealth Management", 2, "Retail banking", ("2222", "2322")),
        Dept("proc", "exco", "Procurement", 2, "Sourcing", ("2212", "2222")),
        Dept("risk", "exco", "Risk & Compliance", 1, "Risk", ("-", "2221")),
    ),
    people=(
        P("ceo", "exco", "Richard Hale", "Chief Executive Officer, China", None, DM, 5, "=+", "exec", 4, "sarah", D(2026, 9, 2)),
        P("coo", "exco", "Margaret Lin", "Chief Operating Officer", "ceo", DM, 5, "?+", "exec", 3, "sarah", D(2026, 10, 7)),
        P("cfo", "exco", "Helen Zhou", "Chief Financial Officer", "ceo", INF, 4, "==", "exec", 2, "sarah", D(2026, 8, 19)),
        P("cro", "risk", "Paul Grant", "Chief Risk Officer", "ceo", INF, 3, "??", "exec", None, "sarah", None),
        P("ea", "exco", "Sophie Kwan", "Executive Assistant to the CEO", "ceo", GK, 2, "++", "", 1, "sarah", D(2026, 11, 19)),
        P("cio", "tech", "Thomas Becker", "Chief Information Officer", "coo", DM, 5, "+A", "exec", 4, "sarah", D(2026, 11, 14)),
        P("ops", "tech", "Mark Lee", "Head of Operations", "cio", US, 2, "==", "", 2, "zhao.qiang", D(2026, 10, 3)),
        P("infra", "infra", "Kevin Wu", "Head of Infrastructure & Cloud", "cio", DM, 4, "=+", "", 3, "chen.jing", D(2026, 11, 20)),
        P("archi", "infra", "Emily Zhang", "Lead Cloud Architect", "infra", EV, 3, "+A", "star", 4, "chen.jing", D(2026, 11, 23)),
        P("netlead", "infra", "Jason Li", "Network Engineering Manager", "infra", CO, 3, "AA", "", 3, "chen.jing", D(2026, 11, 25)),
        P("ciso", "sec", "Daniel Ng", "Chief Information Security Officer", "cio", DM, 4, "!!", "", 2, "sarah", D(2026, 9, 30)),
        P("secarch", "sec", "Priya Nair", "Security Architect", "ciso", EV, 2, "==", "", 2, "chen.jing", D(2026, 10, 16)),
        P("retail", "retail", "Olivia Martin", "Head of Retail & Wealth Management", "ceo", INF, 3, "?=", "", None, "demo", D(2026, 7, 22)),
        P("digital", "retail", "Ryan Tan", "Head of Digital Channels", "retail", US, 3, "=+", "", 3, "demo", D(2026, 11, 5)),
        P("proclead", "proc", "Sandra Wei", "Head of Procurement", "cfo", GK, 4, "==", "", 2, "sarah", D(2026, 10, 29)),
        P("buyer", "proc", "Michael Ho", "IT Category Manager", "proclead", GK, 2, "=+", "", 1, "demo", D(2026, 11, 12)),
        P("comp", "risk", "Laura Chen", "Head of Compliance", "cro", INF, 2, "?=", "", None, "sarah", D(2026, 9, 9)),
    ),
    competitors=(
        ("ibm", "IBM", INC, "Mainframe and managed infrastructure services since 2009"),
        ("cisco", "Cisco", STRONG, "Campus and data-centre network; the CISO's preferred security stack"),
        ("accenture", "Accenture", PRESENT, "Systems integrator for the core-banking transformation"),
    ),
    leanings={"ceo": None, "cio": None, "ciso": "cisco", "infra": None, "coo": "ibm"},
    texts={
        "cio": ("Cyclist; rides the Chongming island loop", "Aims for the regional Group CTO role in Hong Kong in 2027"),
        "archi": ("", "Wants to publish the private-cloud reference design at a regional summit"),
        "ciso": ("Long relationship with Cisco's security team from a previous bank", ""),
        "ceo": ("", "Group board measures him on cost-income ratio and digital adoption"),
    },
    links=(
        ("cio", "influences", "coo"),
        ("ciso", "opposes", "infra"),
        ("archi", "close_to", "netlead"),
        ("cfo", "influences", "proclead"),
    ),
    snapshots=(
        Snapshot(D(2026, 5, 12), "sarah", "First assessment after the account moved to our team", (
            (2, "Meetings only with the infrastructure team"), (2, "Branch Wi-Fi and SD-WAN in production"),
            (2, "Project-by-project tenders"), (1, "Seen as a low-cost challenger"))),
        Snapshot(D(2026, 9, 8), "sarah", "After the CEO visit", (
            (3, "CEO-level visit in September; quarterly CIO review"),
            (3, "Private-cloud network selected for the new data centre"),
            (2, "Framework contract still with procurement"),
            (3, "Bank cites us in its digital-transformation report"))),
    ),
    evidence=(
        Tick(E.key_products, D(2026, 6, 30)),
        Tick(E.exec_workshops, D(2026, 7, 20)),
        Tick(E.cxo_visits, D(2026, 9, 2)),
    ),
    targets=(
        Target(OrgLevel.strategic_supplier, D(2027, 3, 31), "Hold the level and close the framework contract"),
        Target(40.0, D(2027, 6, 30), "Neutralise the CISO; get Margaret Lin to advocate"),
        Target(60.0, D(2027, 9, 30), "Information Security is the short board"),
    ),
    activities=(
        Act("cxo-sep", T.cxo_visit, DONE, D(2026, 9, 2), "sarah",
            "Our Asia-Pacific president meets Richard Hale and Margaret Lin",
            outcome="Agreed a quarterly CIO review and a 2027 framework-contract timeline"),
        Act("workshop-jul", T.exec_workshop, DONE, D(2026, 7, 20), "sarah",
            "Executive workshop: cloud-native core-banking roadmap",
            outcome="Joint roadmap adopted by the CIO's leadership team"),
        Act("signing", T.strategic_agreement_signing, PLANNED, D(2027, 2, 25), "sarah",
            "Sign the three-year framework contract"),
        Act("dinner-cio", T.entertainment, DONE, D(2026, 10, 9), "sarah",
            "Dinner with Thomas Becker and Kevin Wu after the quarterly review",
            people=("cio", "infra"), cost=650.0, reviewed=True, outcome="CIO asked for a DR design review"),
        Act("gift-year-end", T.gift, PLANNED, D(2026, 12, 20), "demo",
            "Year-end gift hampers for the infrastructure team leads",
            people=("infra", "archi"), cost=1500.0),
        Act("exchange-sec", T.business_exchange, PLANNED, D(2026, 11, 10), "chen.jing",
            "Zero-trust architecture exchange with the security team", dept="sec",
            short_board="Information Security: information access"),
        Act("training-cloud", T.training, IN_PROGRESS, D(2026, 11, 30), "zhao.qiang",
            "Cloud-networking certification course for 40 bank engineers"),
        Act("support-emily", T.professional_support, DONE, D(2026, 10, 20), "chen.jing",
            "Co-write Emily Zhang's summit talk on private-cloud design", people=("archi",),
            outcome="Talk accepted for the Hong Kong FinTech summit"),
        Act("hq-visit", T.company_visit, PLANNED, D(2027, 1, 12), "sarah",
            "Margaret Lin and Helen Zhou visit our Shenzhen HQ and innovation lab",
            people=("coo", "cfo")),
    ),
)
