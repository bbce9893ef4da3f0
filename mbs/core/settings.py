"""Deployment settings read from the environment (one small function per setting)."""

import os

DEFAULT_CENTRAL_UNIT_NAME = "Mahalli İdareler Genel Müdürlüğü"


def central_unit_name() -> str:
    """The name of the unit that routes every request (MBS_CENTRAL_UNIT_NAME).

    The role is configuration, not code: an earlier edition of the system gave it to
    the "İller İdaresi Genel Müdürlüğü".
    """
    return os.environ.get("MBS_CENTRAL_UNIT_NAME", "").strip() or DEFAULT_CENTRAL_UNIT_NAME
