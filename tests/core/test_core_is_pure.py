"""mbs.core must never import Reflex: the CLI, jobs and tests use it without a web app."""

import subprocess
import sys


def test_importing_the_whole_core_does_not_import_reflex():
    code = (
        "import pkgutil, importlib, sys, mbs.core\n"
        "for m in pkgutil.walk_packages(mbs.core.__path__, 'mbs.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'reflex' or n.startswith('reflex.'))\n"
        "print(len(list(pkgutil.walk_packages(mbs.core.__path__))), bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
