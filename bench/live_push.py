"""Live-push latency: from the commit of a change to the moment another user's open
inbox shows it, over ~30 changes.

    flock /tmp/mbs-e2e.lock .venv/bin/python bench/live_push.py [--changes 30]

Starts the app like the browser tests do (Reflex's AppHarness on a fresh SQLite
database; it builds the frontend in .web/, so run it under the e2e lock), logs a MİGM
user in with Chromium, then files requests through the core one at a time. For each,
the clock starts right after the commit and stops when a MutationObserver in the page
sees the new row (both clocks are this machine's). Target: p95 ≤ 500 ms.
"""

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests/builders.py and the e2e harness

from playwright.sync_api import sync_playwright  # noqa: E402

from mbs.core import migrations  # noqa: E402
from mbs.core.db import get_engine  # noqa: E402
from mbs.ui import routes  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.e2e.harness import FixedPortAppHarness, node_bin_dir  # noqa: E402

# Resolves with Date.now() when a tracking number not on the page before shows up.
WATCH = """() => {
  const seen = () => new Set([...document.querySelectorAll('td.cell-tracking a')]
    .map(a => a.textContent));
  const before = seen();
  window.__shownAt = undefined;
  const observer = new MutationObserver(() => {
    for (const text of seen()) {
      if (!before.has(text)) { window.__shownAt = Date.now(); observer.disconnect(); return; }
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(base_url: str, changes: int) -> list[float]:
    from tests.e2e.staff_world import PASSWORD, build_world, file

    world = build_world(f"bench{int(time.time())}")
    chromium = os.environ.get("MBS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    latencies = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=base_url, viewport={"width": 1280, "height": 800})
        page.goto(routes.STAFF_LOGIN)
        page.get_by_label("Kullanıcı Adı").fill(world.migm.username)
        page.get_by_label("Parola").fill(PASSWORD)
        page.get_by_label("Parola").press("Enter")
        page.wait_for_url(f"**{routes.STAFF_INBOX}")
        page.wait_for_selector("table.req-table")
        time.sleep(1)  # the live watch is registered by the page's on_load
        for number in range(changes):
            page.evaluate(WATCH)
            file(world, f"Ölçüm talebi {number}: sokak lambaları yanmıyor, bakım gerekli.")
            committed_ms = time.time() * 1000
            page.wait_for_function("() => window.__shownAt !== undefined", timeout=10_000)
            latencies.append(page.evaluate("() => window.__shownAt") - committed_ms)
            time.sleep(0.3)  # changes a moment apart, like people's
        browser.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mbs-live-bench-"))
    url = f"sqlite:///{folder / 'mbs.db'}"
    migrations.upgrade(url)
    port = _free_port()
    os.environ.update(
        MBS_DATABASE_URL=url,
        MBS_ATTACHMENT_DIR=str(folder / "attachments"),
        MBS_CORS_ORIGINS=f"http://localhost:{port},http://127.0.0.1:{port}",
        PATH=f"{node_bin_dir(folder / 'node-bin')}{os.pathsep}{os.environ['PATH']}",
        REFLEX_USE_NPM="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
    )
    get_engine.cache_clear()
    harness = FixedPortAppHarness.create(root=ROOT, app_name="mbs")
    harness.frontend_port = port
    harness.start()
    try:
        assert harness.frontend_url is not None
        latencies = measure(harness.frontend_url.rstrip("/"), args.changes)
    finally:
        harness.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"live push, commit → other browser shows the row ({len(latencies)} changes):")
    print(f"  p50 {statistics.median(latencies):6.0f} ms")
    print(f"  p95 {_percentile(latencies, 0.95):6.0f} ms   (target ≤ 500 ms)")
    print(f"  max {max(latencies):6.0f} ms")


if __name__ == "__main__":
    main()
