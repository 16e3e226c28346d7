"""`kamtui serve` driven in a real browser: headless Chromium through chromedriver (Selenium).

The page is textual-serve's: xterm.js draws the app on a canvas, so the screen is read from
xterm's own buffer (its public API), the terminal object caught as the page creates it.
"""

from __future__ import annotations

import shutil
import signal
import time
from pathlib import Path

import pytest

from served import Served, wait_gone

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                       reason="needs Chromium and chromedriver (Debian: apt-get install chromium chromium-driver)"),
]

# Without internet, Chromium waits on refused connections unless its own traffic is off.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,900"]
# Run before the page's scripts: textual.js keeps its xterm Terminal in a `terminal` property.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {configurable: true, set(value) {
  Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
  if (value && value.buffer) window.__kamtuiTerminal = value;
}});
"""
SCREEN = """
const t = window.__kamtuiTerminal;
if (!t) return null;
const lines = [];
for (let i = 0; i < t.rows; i++) {
  const line = t.buffer.active.getLine(i);
  lines.push(line ? line.translateToString(true) : '');
}
return lines.join('\\n');
"""
CTRL = "\ue009"
ESCAPE = "\ue00c"


class Browser:
    def __init__(self, profile: Path, downloads: Path) -> None:
        webdriver = pytest.importorskip("selenium.webdriver")
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
        self.driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})

    def screen(self) -> str:
        return self.driver.execute_script(SCREEN) or ""

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(t in shown for t in texts):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{texts!r} did not appear within {timeout}s; the page shows:\n{shown}")

    def press_until(self, key: str, *texts: str, tries: int = 5) -> str:
        """Press `key` until the texts show: for a key whose meaning changes once the app has
        moved the focus, which it does after the key before was handled."""
        for _ in range(tries - 1):
            self.type(key)
            try:
                return self.wait_for(*texts, timeout=3.0)
            except AssertionError:
                continue
        self.type(key)
        return self.wait_for(*texts)

    def type(self, keys: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(keys)

    def ctrl(self, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).key_down(CTRL).send_keys(key).key_up(CTRL).perform()

    def quit(self) -> None:
        self.driver.quit()


def downloaded(folder: Path, suffix: str, timeout: float = 30.0) -> Path:
    """The finished download ending in `suffix` (Chromium writes `.crdownload` first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} download within {timeout}s; {folder} holds {sorted(folder.iterdir())}")


@pytest.fixture
def browser(tmp_path):
    (tmp_path / "profile").mkdir()
    (tmp_path / "downloads").mkdir()
    opened = Browser(tmp_path / "profile", tmp_path / "downloads")
    yield opened
    opened.quit()


@pytest.fixture
def demo_copy(tmp_path, demo_template) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def test_a_teammate_opens_an_account_and_downloads_its_plan_and_calendar(tmp_path, demo_copy, browser):
    started_in = tmp_path / "server-folder"
    started_in.mkdir()
    with Served(demo_copy, env={"KAMTUI_USER": "ana-serves"}, cwd=started_in) as served:
        browser.driver.get(served.link)
        # the portfolio, as the person who ran serve
        shown = browser.wait_for("Harbourline Bank", "华信移动通信集团上海有限公司", "ana-serves")
        assert "?key=" not in browser.driver.current_url  # the key went into a cookie

        browser.type("\n")  # the first account opens
        browser.wait_for("Harbourline Bank (China) Co., Ltd. · Key", "Organization relationship")
        browser.type("x")  # its plan export
        browser.wait_for("Export plan · Harbourline Bank")
        browser.ctrl("s")
        plan = downloaded(tmp_path / "downloads", ".toml")
        assert plan.name.startswith("harbourline.")
        text = plan.read_text(encoding="utf-8")
        assert 'name = "Harbourline Bank (China) Co., Ltd."' in text
        browser.wait_for("Exported", plan.name)  # the notice names the download, not a path on the server

        browser.type(ESCAPE)  # back to the portfolio, on to 华信's activities and their calendar
        browser.wait_for("4 accounts · sorted by")
        browser.type("/")
        browser.wait_for("filter: name, industry")
        browser.type("华信")  # typed in the browser's own input, as a Chinese input method hands it over
        browser.wait_for("1 of 4 accounts")
        # enter ends the filter, then opens the account once the table has the keys again
        browser.press_until("\n", "华信移动通信集团上海有限公司 · ", "Organization relationship")
        browser.type("4")
        browser.wait_for("Activities · 华信移动通信集团上海有限公司")
        browser.type("i")
        browser.wait_for("Export to a calendar file (.ics)")
        browser.ctrl("s")
        calendar = downloaded(tmp_path / "downloads", ".ics")
        assert calendar.name.startswith("华信")
        body = calendar.read_text(encoding="utf-8")
        assert body.startswith("BEGIN:VCALENDAR") and "X-WR-CALNAME:华信移动通信集团上海有限公司" in body

        assert list(started_in.iterdir()) == []  # nothing was left in the folder serve was started in
        tabs = served.tabs()
        assert len(tabs) == 1
        assert served.stop(signal.SIGTERM) == 0
        assert wait_gone(sorted(served.tabs_seen)) == []
