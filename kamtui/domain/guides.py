"""Words that help a person rate: descriptors per value and guiding questions (en, zh).

Pure data, written for kamtui from the level table of method.md (not quoted from the
article). Keys are the enum values, so a renamed member fails the completeness test.
"""

from __future__ import annotations

from kamtui.domain.enums import Indicator, OrgDimension

Text2 = tuple[str, str]  # (English, 中文)

# What a rating of 1–4 looks like on each organisation dimension: value N reads like level N
# (1 vendor, 2 supplier, 3 strategic supplier, 4 partner).
DESCRIPTORS: dict[OrgDimension, dict[int, Text2]] = {
    OrgDimension.communication: {
        1: ("We meet only buyers and a sales contact, around bids",
            "只在投标前后接触采购和对口联系人"),
        2: ("Regular contact with users and buyers; little above them",
            "与使用部门、采购日常往来，很少触及更高层"),
        3: ("Executives of both sides visit each other routinely and hold workshops",
            "双方高层定期互访，并举办业务研讨会"),
        4: ("The executive teams meet every year and share their strategy",
            "双方高管团队每年会晤，彼此分享战略"),
    },
    OrgDimension.business_fit: {
        1: ("We are one name on a bidder list; our offer is interchangeable",
            "我们只是投标名单上的一家，方案可被随意替换"),
        2: ("Our products are listed and bought, mostly on price",
            "产品已入围并被采购，主要靠价格取胜"),
        3: ("Key products and several product lines are in; we shape their roadmap",
            "关键产品和多条产品线已进入，并参与其技术路线规划"),
        4: ("We hold a core place where they create their value",
            "在客户创造价值的核心领域占据关键位置"),
    },
    OrgDimension.alliance: {
        1: ("Nothing binds us beyond single orders",
            "除单笔订单外没有任何约定"),
        2: ("Standard supply contracts; every deal is competed",
            "签有标准供货合同，每单都要竞争"),
        3: ("A framework contract with a standing executive dialogue",
            "签有框架合同，并有固定的高层对话"),
        4: ("A strategic cooperation agreement with shared goals and sponsors",
            "签有战略合作协议，有共同目标和双方 Sponsor"),
    },
    OrgDimension.identification: {
        1: ("They see us as an occasional seller",
            "客户把我们当作偶尔来往的卖家"),
        2: ("They know our brand and count us among capable suppliers",
            "客户了解我们的品牌，视为合格供应商之一"),
        3: ("They trust our brand and bring us into their planning",
            "客户信任我们的品牌，请我们参与规划"),
        4: ("They see us as part of their success and share our values",
            "客户视我们为其成功的一部分，认同我们的理念"),
    },
}

# The 1–5 scale of the department indicators, in general words.
SCALE5: dict[int, Text2] = {
    1: ("never / not at all", "从不 / 完全没有"),
    2: ("rarely, and only when pushed", "很少，且要我们推动"),
    3: ("sometimes", "有时"),
    4: ("usually, without being asked", "通常会，无需我们开口"),
    5: ("always, and they take the lead", "总是，并且主动为之"),
}

# A few questions per rating that help pick the value.
QUESTIONS: dict[OrgDimension | Indicator, tuple[Text2, ...]] = {
    OrgDimension.communication: (
        ("Who is the most senior person on their side you could call this week?",
         "本周您能直接打电话给对方级别最高的人是谁？"),
        ("When did an executive of ours last meet one of theirs, and who asked for it?",
         "我方高层最近一次与对方高层见面是什么时候？由谁发起？"),
        ("Do both sides hold workshops on their roadmap, delivery or site issues?",
         "双方是否就路线图、交付或现场问题举办研讨会？"),
        ("Is there a yearly meeting of both executive teams?",
         "双方高管团队是否每年有一次会晤？"),
    ),
    OrgDimension.business_fit: (
        ("Would they notice at once if our products disappeared from their network?",
         "如果我们的产品从他们的系统中消失，他们会马上察觉吗？"),
        ("Do we win on price, or on what only we can do for them?",
         "我们赢单靠价格，还是靠只有我们能做到的价值？"),
        ("How many of our product lines do they run, and are the key ones among them?",
         "他们使用了我们几条产品线？关键产品在其中吗？"),
        ("Do we take part in planning where their business earns its money?",
         "我们是否参与了其核心盈利业务的规划？"),
    ),
    OrgDimension.alliance: (
        ("What is the strongest agreement we have signed with them?",
         "我们与对方签过的最高层级的协议是什么？"),
        ("Is there a framework contract, and does it come with regular executive talks?",
         "是否有框架合同？是否配有定期的高层对话？"),
        ("Do named sponsors on both sides own shared goals?",
         "双方是否有明确的 Sponsor 共同负责目标？"),
    ),
    OrgDimension.identification: (
        ("How do their people describe us to others: a seller, a supplier, a partner?",
         "对方员工向别人介绍我们时，说我们是卖家、供应商还是伙伴？"),
        ("Do they invite us to internal events or planning days unprompted?",
         "他们会主动邀请我们参加内部活动或规划会吗？"),
        ("Do they use our brand or joint results in their own communication?",
         "他们是否在自己的宣传中提及我们的品牌或合作成果？"),
    ),
    Indicator.key_moment_support: (
        ("In the last tender or crisis, did this department speak up for us?",
         "在最近一次招标或危机中，这个部门是否替我们说过话？"),
        ("Would they warn us before a decision that goes against us?",
         "在做出不利于我们的决定前，他们会提前告诉我们吗？"),
        ("Have they ever changed a schedule or a rule to help us deliver?",
         "他们是否曾为帮助我们交付而调整计划或规则？"),
    ),
    Indicator.negative_containment: (
        ("When something of ours failed, did the news stay inside this department?",
         "我们出问题时，消息是否只停留在这个部门内部？"),
        ("Do they bring complaints to us first, before their management?",
         "他们有意见时，会先找我们而不是先报告领导吗？"),
        ("Has a past incident here been held against us later?",
         "过去在这里发生的问题，后来是否被拿来针对我们？"),
    ),
    Indicator.information_access: (
        ("Do we learn of their plans and budgets before the tender is out?",
         "我们能否在招标发布之前了解他们的计划和预算？"),
        ("Who here would tell us what a competitor is offering?",
         "这里有谁会告诉我们竞争对手的报价或方案？"),
        ("How often do we hear news from this department before others do?",
         "我们多经常比别人先听到这个部门的消息？"),
    ),
    Indicator.activity_participation: (
        ("Were we invited to their last team event, training or celebration?",
         "他们上一次团队活动、培训或庆祝，有没有邀请我们？"),
        ("Do their people come when we invite them?",
         "我们邀请时，他们的人会来参加吗？"),
        ("Do they take part in our user events or competitions?",
         "他们是否参加我们的用户活动或技术竞赛？"),
    ),
}


def descriptor(dimension: OrgDimension, value: int, lang: str = "en") -> str:
    en, zh = DESCRIPTORS[dimension][value]
    return zh if lang == "zh" else en


def questions(subject: OrgDimension | Indicator, lang: str = "en") -> list[str]:
    return [zh if lang == "zh" else en for en, zh in QUESTIONS[subject]]
