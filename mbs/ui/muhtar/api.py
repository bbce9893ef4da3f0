"""What the muhtar portal adds to Reflex's backend (rx.App(api_transformer=...)): the
attachment route, the SMS provider's delivery-report route, and page addresses served
without a redirect."""

from reflex.utils.prerequisites import get_web_dir
from reflex_base.constants import Dirs
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from mbs.ui import routes
from mbs.ui.muhtar.attachment_route import download
from mbs.ui.sms_report_route import verimor_reports


class PageFolders:
    """Serve a prerendered page asked for without its trailing slash (/basvuru) as
    /basvuru/ straight away. The static file server would answer with a redirect first,
    which costs a muhtar on a weak mobile line a whole extra round trip (~0.6 s in
    Lighthouse's mobile profile) on every page opened from a link or bookmark."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.pages = get_web_dir() / Dirs.STATIC

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path: str = scope["path"]
            last = path.rsplit("/", 1)[-1]
            if last and "." not in last and self._is_page(path):
                raw = scope.get("raw_path") or path.encode()
                scope = {**scope, "path": path + "/", "raw_path": raw + b"/"}
        await self.app(scope, receive, send)

    def _is_page(self, path: str) -> bool:
        folder = (self.pages / path.lstrip("/")).resolve()
        return folder.is_relative_to(self.pages.resolve()) and (folder / "index.html").is_file()


def muhtar_api() -> Starlette:
    return Starlette(
        routes=[
            Route(routes.ATTACHMENT, download, methods=["GET"]),
            Route(routes.SMS_VERIMOR_REPORTS, verimor_reports, methods=["POST"]),
        ],
        middleware=[Middleware(PageFolders)],
    )
