"""The rating guides are complete, bilingual and phrased as questions."""

from __future__ import annotations

import re

from kamtui.domain.enums import Indicator, OrgDimension
from kamtui.domain.guides import DESCRIPTORS, QUESTIONS, SCALE5, descriptor, questions

CJK = re.compile("[\u4e00-\u9fff]")


def test_every_dimension_value_has_a_descriptor_in_both_languages():
    assert set(DESCRIPTORS) == set(OrgDimension)
    for dim, values in DESCRIPTORS.items():
        assert sorted(values) == [1, 2, 3, 4]
        for en, zh in values.values():
            assert en and not CJK.search(en) and CJK.search(zh)
    assert sorted(SCALE5) == [1, 2, 3, 4, 5]
    assert descriptor(OrgDimension.alliance, 3, "zh") == DESCRIPTORS[OrgDimension.alliance][3][1]


def test_every_dimension_and_indicator_has_a_few_questions():
    assert set(QUESTIONS) == set(OrgDimension) | set(Indicator)
    for subject, pairs in QUESTIONS.items():
        assert 3 <= len(pairs) <= 5
        for en, zh in pairs:
            assert en.endswith("?") and zh.endswith("？") and CJK.search(zh)
    assert questions(Indicator.information_access, "zh")[0] == QUESTIONS[Indicator.information_access][0][1]
