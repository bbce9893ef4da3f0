"""The backend's address as the browser reaches it (the same origin in production; its
own port in development), for links to backend routes such as the attachment route."""

import reflex as rx
from reflex.vars import VarData

from mbs.ui import routes

BACKEND_ORIGIN = rx.Var(
    _js_expr="getBackendURL(env.UPLOAD).origin",
    _var_data=VarData(
        imports={
            "$/utils/state": ["getBackendURL"],
            "$/env.json": [rx.ImportVar(tag="env", is_default=True)],
        }
    ),
).to(str)


def attachment_href(attachment_id: rx.Var) -> rx.Var[str]:
    """The permission-checked download link of one attachment."""
    return BACKEND_ORIGIN + routes.ATTACHMENT.split("{")[0] + attachment_id.to(str)
