"""Browser tests: the real app, started once per session, driven by Playwright.

The app runs with `reflex.testing.AppHarness` (backend in a thread, the Vite dev
server as a subprocess) against a fresh, migrated SQLite database. Chromium comes
from Debian (`/usr/bin/chromium`), because `playwright install` cannot download here.

Like Reflex's own integration suite, a test fails when the framework logs an error:
any browser console error or uncaught page error, and any ERROR record from the
backend's loggers while the test ran.
"""

import logging
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, WebError

from mbs.core import migrations
from mbs.core.db import get_engine
from tests.e2e.harness import FixedPortAppHarness, node_bin_dir
from tests.e2e.muhtar_world import E2E_CAPTCHA_ANSWER, MuhtarWorld, forget_login_attempts
from tests.e2e.muhtar_world import build_world as build_muhtar_world

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ErrorLog(logging.Handler):
    """Keeps every ERROR record from the loggers it is attached to."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: dict[int, logging.LogRecord] = {}

    def emit(self, record: logging.LogRecord) -> None:
        # One handler sits on several loggers of one chain; count each record once.
        self.records[id(record)] = record

    def messages(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records.values()]


# Reflex cuts propagation from "reflex" when it configures its own sinks, and
# uvicorn never propagates: listen on each root of the backend's logging.
BACKEND_LOGGERS = ("", "reflex", "uvicorn", "mbs")


@pytest.fixture(scope="session")
def backend_errors() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    for name in BACKEND_LOGGERS:
        logging.getLogger(name).addHandler(handler)
    yield handler
    for name in BACKEND_LOGGERS:
        logging.getLogger(name).removeHandler(handler)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def app_harness(
    tmp_path_factory: pytest.TempPathFactory, backend_errors: ErrorLog
) -> Iterator[FixedPortAppHarness]:
    """The MBS app on a fresh SQLite database, for the whole session."""
    database = tmp_path_factory.mktemp("e2e") / "mbs-e2e.db"
    url = f"sqlite:///{database}"
    migrations.upgrade(url)
    port = _free_port()
    node_bin = node_bin_dir(tmp_path_factory.mktemp("node-bin"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MBS_DATABASE_URL", url)
        env.setenv("MBS_CORS_ORIGINS", f"http://localhost:{port},http://127.0.0.1:{port}")
        env.setenv("PATH", f"{node_bin}{os.pathsep}{os.environ['PATH']}")
        env.setenv("REFLEX_USE_NPM", "1")
        env.setenv("REFLEX_TELEMETRY_ENABLED", "false")
        env.setenv("REFLEX_CHECK_LATEST_VERSION", "false")
        # The muhtar login's doğrulama kodu cannot be read from its image: a test
        # environment may fix its answer (refused anywhere else, see captcha.py).
        env.setenv("MBS_ENV", "test")
        env.setenv("MBS_TEST_CAPTCHA_ANSWER", E2E_CAPTCHA_ANSWER)
        env.setenv("MBS_SECRET_KEY", "e2e-secret-" + "k" * 32)
        env.setenv("MBS_ATTACHMENT_DIR", str(tmp_path_factory.mktemp("attachments")))
        # Where the dev SMS provider writes what it sends: the login tests read the onay
        # kodu there, since the database forgets it once it is sent.
        env.setenv("MBS_SMS_DEV_OUTBOX", str(tmp_path_factory.mktemp("sms") / "outbox.jsonl"))
        # Reflex's public upload folder: the muhtar tests check nothing lands there.
        env.setenv("REFLEX_UPLOADED_FILES_DIR", str(tmp_path_factory.mktemp("reflex-uploads")))
        # Core tests run earlier in the same process; the app must not reuse an
        # engine one of them may have cached for another database.
        get_engine.cache_clear()
        harness = FixedPortAppHarness.create(root=ROOT, app_name="mbs")
        harness.frontend_port = port
        try:
            harness.start()
            assert not backend_errors.messages(), "the app logged errors while starting"
            yield harness
        finally:
            # Also after a failed start, so no dev server outlives the session.
            harness.stop()
            get_engine.cache_clear()


@pytest.fixture(scope="session")
def base_url(app_harness: FixedPortAppHarness) -> str:
    """Relative `page.goto("/")` calls resolve against the running frontend."""
    assert app_harness.frontend_url is not None
    return app_harness.frontend_url.rstrip("/")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    executable = os.environ.get("MBS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture
def new_context(new_context: Any) -> Iterator[Any]:
    """Every browser context of a test reports console errors and page errors."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text} ({message.location})")

    def on_web_error(error: WebError) -> None:
        problems.append(f"page error: {error.error}")

    def create(**kwargs: Any) -> BrowserContext:
        context: BrowserContext = new_context(**kwargs)
        context.on("console", on_console)
        context.on("weberror", on_web_error)
        return context

    yield create
    assert not problems, "the browser reported errors:\n" + "\n".join(problems)


@pytest.fixture(autouse=True)
def _no_backend_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("e2e") is None:
        yield
        return
    errors: ErrorLog = request.getfixturevalue("backend_errors")
    request.getfixturevalue("app_harness")
    before = len(errors.records)
    yield
    new = errors.messages()[before:]
    assert not new, "the backend logged errors:\n" + "\n".join(new)


# A cheap Android phone held upright.
PHONE_VIEWPORT = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def muhtar_world(app_harness: FixedPortAppHarness) -> MuhtarWorld:
    """Two muhtarlıks with a muhtar each, the central unit and a belediye (committed)."""
    return build_muhtar_world("e2e")


@pytest.fixture
def phone(new_context: Any) -> Page:
    """A page in a fresh 360×740 touch-screen browser context, in Turkish."""
    context = new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, locale="tr-TR")
    return context.new_page()


@pytest.fixture
def fresh_login_limits(muhtar_world: MuhtarWorld) -> None:
    """Every muhtar test logs in from 127.0.0.1: start each with no limit spent."""
    forget_login_attempts()
