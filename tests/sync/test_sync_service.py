"""kamtui.services.sync without the UI: change detection, capture and rebased saves."""

from __future__ import annotations

import time

import pytest

from kamtui.domain.models import Account, Competitor, Settings
from kamtui.errors import ConflictError, InputError
from kamtui.services import accounts, people, sync
from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.store import team as store_team
from kamtui.store.tables import table_for
from kamtui.store.tables import identity

from sync_helpers import TODAY

HARBOUR = "45897612e6e154048ae20bcd4cc7b83d"
ACCENTURE = "711de48fe2235991911eca8df06fa7af"


@pytest.fixture
def two(open_ws):
    return Context(open_ws(), today=TODAY, user="anna"), Context(open_ws(), today=TODAY, user="bruno")


def test_data_version_moves_on_other_connections_commits_only(two):
    anna, bruno = two
    start = sync.data_version(anna)
    accounts.update(anna, accounts.get(anna, HARBOUR), {"region": "Pudong"})
    assert sync.data_version(anna) == start  # our own commit: the screen reloads it itself
    accounts.update(bruno, accounts.get(bruno, HARBOUR), {"region": "Puxi"})
    assert sync.data_version(anna) != start


def test_polling_is_cheap(two):
    anna, _ = two
    began = time.perf_counter()
    for _ in range(1000):
        sync.data_version(anna)
    assert (time.perf_counter() - began) / 1000 < 0.001  # well under a millisecond each


def test_identity_names_records_as_conflicts_do(two):
    anna, bruno = two
    stale = accounts.get(anna, HARBOUR)
    accounts.update(bruno, accounts.get(bruno, HARBOUR), {"region": "Puxi"})
    with pytest.raises(ConflictError) as caught:
        accounts.update(anna, stale, {"region": "Pudong"})
    assert identity(stale) == (caught.value.entity, caught.value.entity_id)
    assert identity(Settings()) == ("settings", "1")


def test_capture_learns_what_a_submit_would_save_and_saves_nothing(two):
    anna, _ = two
    stale = accounts.get(anna, HARBOUR)
    got = sync.capture(anna, lambda: accounts.update(anna, stale, {"region": "Pudong"}))
    assert got is not None and got["region"] == "Pudong" and "version" not in got
    assert accounts.get(anna, HARBOUR).region == stale.region
    assert sync.capture(anna, lambda: accounts.update(anna, stale, {"name": ""})) is None  # invalid
    assert sync.capture(anna, lambda: None) is None  # saves nothing at all
    # the context's own write is back
    accounts.update(anna, stale, {"region": "Pudong"})
    assert accounts.get(anna, HARBOUR).region == "Pudong"


def test_rebased_save_merges_onto_the_newer_version(two):
    anna, bruno = two
    stale = accounts.get(anna, HARBOUR)
    base = sync.record_values(stale)
    theirs = accounts.update(bruno, accounts.get(bruno, HARBOUR), {"industry": "Finance"})
    rebase = sync.Rebase("account", HARBOUR, stale.version, theirs.version, base, sync.record_values(theirs))
    with sync.rebased(anna, rebase):
        saved = accounts.update(anna, stale, {"region": "Pudong"})
    assert (saved.industry, saved.region, saved.version) == ("Finance", "Pudong", theirs.version + 1)
    # other records saved in the same block go through untouched
    other = accounts.get(anna, "3390f41627535805827f0616a141ef78")
    with sync.rebased(anna, rebase):
        assert accounts.update(anna, other, {"region": "Bavaria"}).version == other.version + 1


def test_rebased_save_conflicts_again_when_it_moved_once_more(two):
    anna, bruno = two
    stale = accounts.get(anna, HARBOUR)
    theirs = accounts.update(bruno, accounts.get(bruno, HARBOUR), {"industry": "Finance"})
    accounts.update(bruno, theirs, {"industry": "Insurance"})
    rebase = sync.Rebase("account", HARBOUR, stale.version, theirs.version, sync.record_values(stale),
                         sync.record_values(theirs))
    with sync.rebased(anna, rebase), pytest.raises(ConflictError) as caught:
        accounts.update(anna, stale, {"region": "Pudong"})
    assert caught.value.base_version == theirs.version
    assert caught.value.stored["industry"] == "Insurance"


def test_rebased_recreate_inserts_the_deleted_record_again(two):
    anna, bruno = two
    stale = table_for(Competitor).get(anna.db, ACCENTURE)
    people.remove_competitor(bruno, table_for(Competitor).get(bruno.db, ACCENTURE))
    with sync.rebased(anna, sync.Rebase("competitor", ACCENTURE, stale.version, None)):
        back = people.edit_competitor(anna, stale, {"notes": "still here"})
    assert back.version == 0
    assert table_for(Competitor).get(anna.db, ACCENTURE).notes == "still here"


def test_settings_rebase_through_save_settings(two):
    anna, bruno = two
    stale = settings_service.get(anna)
    theirs = settings_service.save(bruno, settings_service.get(bruno), {"team_name": "West"})
    rebase = sync.Rebase("settings", "1", stale.version, theirs.version, sync.record_values(stale),
                         sync.record_values(theirs))
    with sync.rebased(anna, rebase):
        saved = settings_service.save(anna, stale, {"default_lang": "zh"})
    assert (saved.team_name, saved.default_lang) == ("West", "zh")


def test_the_write_hook_is_removed_even_when_the_submit_fails(two):
    anna, _ = two
    stale = accounts.get(anna, HARBOUR)
    with pytest.raises(InputError), sync.rebased(anna, sync.Rebase("account", HARBOUR, 0, 0)):
        accounts.update(anna, stale, {"name": ""})
    assert "write" not in vars(anna)


def test_read_only_reason(open_ws, monkeypatch):
    assert sync.read_only_reason(Context(open_ws())) == ""
    ro = Context(open_ws(read_only=True))
    assert sync.read_only_reason(ro) == "asked"
    from kamtui.store import fileinfo

    monkeypatch.setattr(fileinfo, "writable", lambda path: False)
    assert sync.read_only_reason(ro) == "permission"
    assert isinstance(accounts.get(ro, HARBOUR), Account)


def test_every_kind_of_record_rebuilds_from_its_stored_values(open_ws):
    """A rebased save validates the merged values (JSON-like) back into the record's model."""
    from kamtui.store.tables import TABLES

    ws = open_ws()
    seen = 0
    for table in TABLES.values():
        for record in table.models(ws.db)[:20]:
            rebuilt = type(record).model_validate({**sync.record_values(record), "version": record.version})
            assert rebuilt == record
            seen += 1
    settings = store_team.settings(ws.db)
    assert Settings.model_validate({**sync.record_values(settings), "version": settings.version}) == settings
    assert seen > 50
