"""Exported files handed to the person at the keyboard.

On a terminal an export stays where it was written. In a browser (`kamtui serve`) that disk is
the server's, out of the reader's reach: the file is also sent to the browser as a download
(Textual's delivery, which streams it through the web driver), a folder of plans as one .zip.
The tab's app runs in a private folder of its own (kamtui.cli_serve), so what is proposed
there is not left on the server.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from textual.app import App

# What the browser is told a file is (Python's guesses call a Graphviz .dot a Word template).
_MIME = {".ics": "text/calendar", ".md": "text/markdown"}


def deliver(app: App, path: Path) -> Path:
    """Send the exported file `path` to the browser when the app runs in one. Returns what
    the notice calls it: on a terminal its path; in a browser the name of the download."""
    if not app.is_web:
        return path
    app.deliver_text(path, encoding="utf-8", mime_type=_MIME.get(path.suffix.lower(), "text/plain"))
    return Path(path.name)


def deliver_folder(app: App, folder: Path, files: list[Path]) -> Path:
    """`deliver` for `files` exported into `folder`: one download, `<folder>.zip`, holding
    them (and not whatever else the folder held)."""
    if not app.is_web:
        return folder
    data = io.BytesIO()  # plans: a few MB at most
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.write(file, Path(folder.name) / file.relative_to(folder))
    data.seek(0)
    name = f"{folder.name}.zip"
    app.deliver_binary(data, save_filename=name, mime_type="application/zip")
    return Path(name)
