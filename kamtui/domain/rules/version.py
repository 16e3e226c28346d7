"""Which rules computed a cached figure.

Every workspace caches each account's figures (`account_summary`), computed inside the write
that changed the account. A release that changes a rule feeding them (org level, key index,
coverage, red flags, extensive index, short board, pitfalls, dated facts, the count awaiting
approval) bumps RULES_VERSION:
opening a workspace whose cached figures carry another version recomputes them, so no screen
shows a figure made by rules this program no longer has.
"""

RULES_VERSION = 4  # 2: coverage is undefined without decision makers or influencers; "now" key figures
# 3: each account's next step (rules/next_step.py) is cached beside its figures
# 4: activities awaiting approval and each assessment's figures (the team view, m009)
