"""Where an export goes: left on disk in a terminal, also sent to the browser in a web tab."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from kamtui.ui.delivery import deliver, deliver_folder


class Tab:
    """What kamtui.ui.delivery asks of the app: whether it runs in a browser, and Textual's
    two delivery calls (recorded with what they would stream)."""

    def __init__(self, is_web: bool) -> None:
        self.is_web = is_web
        self.sent: list[tuple[str, bytes, dict]] = []

    def deliver_text(self, path_or_file, **options) -> str:
        self.sent.append(("text", Path(path_or_file).read_bytes(), options))
        return "key"

    def deliver_binary(self, path_or_file, **options) -> str:
        self.sent.append(("binary", path_or_file.read(), options))
        return "key"


def test_in_a_terminal_an_export_stays_where_it_was_written(tmp_path):
    plan = tmp_path / "acme.0123.toml"
    plan.write_text("name = 'Acme'\n", encoding="utf-8")
    terminal = Tab(is_web=False)
    assert deliver(terminal, plan) == plan  # type: ignore[arg-type]
    assert deliver_folder(terminal, tmp_path, [plan]) == tmp_path  # type: ignore[arg-type]
    assert terminal.sent == []


def test_in_a_browser_the_file_is_sent_with_its_name_and_kind(tmp_path):
    tab = Tab(is_web=True)
    for name, kind in [("华信-2026-12-07.ics", "text/calendar"), ("acme.0123.md", "text/markdown"),
                       ("acme-chain.dot", "text/plain"), ("acme.0123.toml", "text/plain")]:
        (tmp_path / name).write_text("x\n", encoding="utf-8")
        assert deliver(tab, tmp_path / name) == Path(name)  # type: ignore[arg-type]
        how, body, options = tab.sent[-1]
        assert (how, body, options["mime_type"], options["encoding"]) == ("text", b"x\n", kind, "utf-8")


def test_a_folder_of_plans_is_sent_as_one_zip_of_what_was_exported(tmp_path):
    folder = tmp_path / "team-plans"
    folder.mkdir()
    written = [folder / "acme.01.toml", folder / "workspace.toml"]
    for path in written:
        path.write_text(f"# {path.name}\n", encoding="utf-8")
    (folder / "old.99.toml").write_text("# from an earlier export\n", encoding="utf-8")
    tab = Tab(is_web=True)
    assert deliver_folder(tab, folder, written) == Path("team-plans.zip")  # type: ignore[arg-type]
    [(how, body, options)] = tab.sent
    assert how == "binary"
    assert options == {"save_filename": "team-plans.zip", "mime_type": "application/zip"}
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert sorted(archive.namelist()) == ["team-plans/acme.01.toml", "team-plans/workspace.toml"]
    assert archive.read("team-plans/workspace.toml") == b"# workspace.toml\n"
