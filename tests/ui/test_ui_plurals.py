"""The interface's words with a count: "1 account", "2 accounts"; 中文 with its measure word."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import kamtui.ui.app  # noqa: F401 - registers the app's words
import kamtui.ui.screens
import kamtui.ui.widgets
from kamtui.messages import _PLURAL
from kamtui.ui import i18n
from kamtui.ui.i18n import t
from kamtui.ui.text import fill

for _pkg in (kamtui.ui.screens, kamtui.ui.widgets):  # every screen's and widget's register({...})
    for _module in pkgutil.walk_packages(_pkg.__path__, _pkg.__name__ + "."):
        importlib.import_module(_module.name)

COUNTED = sorted(k for k, (en, _) in i18n._STRINGS.items() if _PLURAL.search(en))
# English words that count something, said after a {figure} (or $figure): each needs a plural form
COUNT_NOUN = re.compile(r"[{$](\w+)\}? (?:\w+ )?(accounts|people|persons|files|records|events|bytes|weeks|problems|"
                        r"conflicts|departments|activities|assessments|competitors)\b")


def test_no_word_that_counts_is_left_in_the_plural_whatever_the_count():
    left = {k: en for k, (en, _) in i18n._STRINGS.items()
            if any(f"{{{m.group(1)}|" not in en for m in COUNT_NOUN.finditer(_PLURAL.sub("", en)))}
    assert left == {}
    assert "file(s)" not in " ".join(en for en, _ in i18n._STRINGS.values())


@pytest.mark.parametrize("key", COUNTED)
def test_counted_words_take_the_singular_for_one(key):
    en, zh = i18n._STRINGS[key]
    counted = {m.group(1) for m in _PLURAL.finditer(en)}
    names = set(re.findall(r"[{$](\w+)", _PLURAL.sub("", en))) | counted
    for count in (0, 1, 2):
        values = {n: count if n in counted else "x" for n in names}
        for lang in ("en", "zh"):
            said = (fill(t(key, lang), **values).plain if "$" in en else t(key, lang, **values))
            assert "|" not in said and "{" not in said, said
        if "$" not in en:
            assert "个" in zh or "人" in zh or "条" in zh or "项" in zh or "位" in zh or "次" in zh or "周" in zh \
                or "字节" in zh or "处" in zh, zh
    assert t("portfolio.count", "en", n=1) == "1 account" and t("portfolio.count", "en", n=0) == "0 accounts"
