"""The muhtar portal: Sisteme Giriş, Yeni Talep and Talep Sorgulama (one module per page,
each with its own small state; `*_view.py` holds a page's components)."""

import reflex as rx

from mbs.ui import routes
from mbs.ui.muhtar import login_view, new_request_view, request_page_view, requests_list_view
from mbs.ui.muhtar.login import MuhtarLoginState
from mbs.ui.muhtar.mail_choice import MuhtarMailState
from mbs.ui.muhtar.new_request import MuhtarNewRequestState
from mbs.ui.muhtar.request_page import MuhtarRequestPageState
from mbs.ui.muhtar.requests_list import MuhtarRequestsState


def add_pages(app: rx.App) -> None:
    """Register the muhtar pages; each loads its data on the server when opened."""
    app.add_page(
        login_view.login_page,
        route=routes.MUHTAR_LOGIN,
        title=login_view.TITLE,
        on_load=MuhtarLoginState.on_load,
    )
    app.add_page(
        new_request_view.new_request_page,
        route=routes.MUHTAR_NEW_REQUEST,
        title=new_request_view.TITLE,
        on_load=MuhtarNewRequestState.on_load,
    )
    app.add_page(
        requests_list_view.requests_list_page,
        route=routes.MUHTAR_REQUESTS,
        title=requests_list_view.TITLE,
        on_load=[MuhtarRequestsState.on_load, MuhtarMailState.on_load],
    )
    app.add_page(
        request_page_view.request_page,
        route=routes.MUHTAR_REQUEST,
        title=request_page_view.TITLE,
        on_load=MuhtarRequestPageState.on_load,
    )
