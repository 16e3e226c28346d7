"""Key decision-maker relationship: index, coverage, red flags (method.md §2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kamtui.domain.enums import Attitude, ChainRole


class RatedPerson(Protocol):
    @property
    def attitude(self) -> Attitude: ...
    @property
    def influence(self) -> int: ...
    @property
    def role(self) -> ChainRole | None: ...


# The people coverage counts: the decision chain's decision makers and influencers.
KEY_ROLES = frozenset({ChainRole.decision_maker, ChainRole.influencer})


def is_key(role: ChainRole | str | None) -> bool:
    """Whether a person of this chain role is a key person (a stored role value will do)."""
    return role in KEY_ROLES


def key_sums(people: Iterable[RatedPerson]) -> tuple[int, int]:
    """(Σ influence × value, Σ influence × 2) over people with a known attitude: the key
    index's numerator and denominator. Moving one person changes only the numerator, so the
    next step and the suggestions work out "one step up" from these sums without recounting."""
    num = den = 0
    for p in people:
        value = p.attitude.value_score
        if value is None:
            continue
        num += p.influence * value
        den += p.influence * 2
    return num, den


def index_of(num: float, den: int) -> float | None:
    return None if den == 0 else 100.0 * num / den


def key_index(people: Iterable[RatedPerson]) -> float | None:
    """100 × Σ(influence × value) / Σ(influence × 2) over people with a known attitude."""
    return index_of(*key_sums(people))


def coverage(people: Iterable[RatedPerson]) -> float | None:
    """Share of decision makers and influencers whose attitude is known; None (undefined, not
    0 %) when the account has none."""
    key = [p for p in people if is_key(p.role)]
    if not key:
        return None
    return sum(p.attitude != Attitude.unknown for p in key) / len(key)


@dataclass(frozen=True)
class RedFlag:
    index: int  # position in the input, so callers can map back to their person
    reason: str  # "threat_high_influence" | "unknown_decision_maker"


def red_flags(people: Iterable[RatedPerson]) -> list[RedFlag]:
    flags = []
    for i, p in enumerate(people):
        if p.attitude == Attitude.threat and p.influence >= 4:
            flags.append(RedFlag(i, "threat_high_influence"))
        elif p.role == ChainRole.decision_maker and p.attitude == Attitude.unknown:
            flags.append(RedFlag(i, "unknown_decision_maker"))
    return flags
