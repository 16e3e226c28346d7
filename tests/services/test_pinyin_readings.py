"""Names' pinyin readings kept in the user's cache: a later process finds a name by pinyin
without loading pypinyin, with exactly the keys pypinyin gives; a cache another pypinyin made,
or a damaged one, is not trusted."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

NAMES = ["华信移动通信集团上海有限公司", "重庆银行", "王强", "长城汽车 Q3 项目", "行长办公室"]

PROBE = r"""
import json, sys
from kamtui.services import pinyin
names = json.loads(sys.argv[1])
keys = pinyin.keys({str(i): [n] for i, n in enumerate(names)})
print(json.dumps({"keys": keys, "pypinyin": "pypinyin" in sys.modules,
                  "wq": pinyin.matches("王强", pinyin.needle("wq")),
                  "wangqiang": pinyin.matches("王强", pinyin.needle("wangqiang"))}))
"""


def probe(names: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(names)], capture_output=True, text=True,
                          timeout=120, env=os.environ.copy())
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def cache_file():
    from kamtui.services.pinyin_readings import cache_file

    return cache_file()


def test_a_second_process_finds_names_by_pinyin_without_loading_pypinyin():
    first = probe(NAMES)
    assert first["pypinyin"] and first["wq"] and first["wangqiang"]
    assert stat.S_IMODE(cache_file().stat().st_mode) == 0o600  # the names are the user's data
    second = probe(NAMES)
    assert not second["pypinyin"]
    assert second["keys"] == first["keys"] and second["wq"] and second["wangqiang"]
    # a name not read before: pypinyin loads for it, and the others keep their keys
    third = probe(NAMES + ["李娜"])
    assert third["pypinyin"] and {k: v for k, v in third["keys"].items() if k != "5"} == first["keys"]


def test_cached_readings_are_pypinyins_own():
    from pypinyin import lazy_pinyin

    probe(NAMES)
    kept = json.loads(cache_file().read_text(encoding="utf-8"))["readings"]
    for name in NAMES:
        spelled = [w for part in lazy_pinyin(name) for w in pinyin_words(part)]
        assert kept[name].split() == spelled, name
    assert kept["重庆银行"] == "chong qing yin hang"  # the phrase's reading, not 重 zhong


def pinyin_words(part: str) -> list[str]:
    import re

    return re.findall(r"[0-9a-z]+", part.casefold())


@pytest.mark.parametrize("content", ["{not json", json.dumps({"stamp": "another pypinyin",
                                                              "readings": {"王强": "zhang san"}})])
def test_a_damaged_cache_or_one_another_pypinyin_made_is_not_used(content):
    path = cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    out = probe(["王强"])
    assert out["pypinyin"] and out["wq"] and out["wangqiang"]
    assert json.loads(path.read_text(encoding="utf-8"))["readings"] == {"王强": "wang qiang"}


def test_an_unwritable_cache_folder_costs_only_the_load(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    out = probe(["王强"])
    assert out["wq"] and out["wangqiang"]
