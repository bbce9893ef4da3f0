"""Talep Yönetim Portalı: the staff screens (Oturum Aç, Gelen Kutusu / Görevlerim,
Tamamlanan, Görünümler, the request screen, Kullanıcılar, SMS). One module per page with its
own small state; the request screen's state is split by concern (request_*.py)."""

import reflex as rx

from mbs.ui import routes
from mbs.ui.staff import (
    admin_view,
    completed,
    inbox,
    login_view,
    request_view,
    sms_admin_view,
    views,
)
from mbs.ui.staff.admin import StaffAdminState
from mbs.ui.staff.login import StaffLoginState
from mbs.ui.staff.request_page import StaffRequestState
from mbs.ui.staff.sms_admin import StaffSmsState


def add_pages(app: rx.App) -> None:
    """Register the staff pages; each loads its data on the server when opened."""
    app.add_page(login_view.login_page, route=routes.STAFF_LOGIN, title=login_view.TITLE,
                 on_load=StaffLoginState.on_load)  # fmt: skip
    app.add_page(inbox.inbox_page, route=routes.STAFF_INBOX, title=inbox.TITLE,
                 on_load=inbox.StaffInboxState.on_load)  # fmt: skip
    app.add_page(completed.completed_page, route=routes.STAFF_COMPLETED, title=completed.TITLE,
                 on_load=completed.StaffCompletedState.on_load)  # fmt: skip
    app.add_page(views.views_page, route=routes.STAFF_VIEWS, title=views.TITLE,
                 on_load=views.StaffViewsState.on_load)  # fmt: skip
    app.add_page(request_view.request_page, route=routes.STAFF_REQUEST, title=request_view.TITLE,
                 on_load=StaffRequestState.on_load)  # fmt: skip
    app.add_page(admin_view.admin_page, route=routes.STAFF_USERS, title=admin_view.TITLE,
                 on_load=StaffAdminState.on_load)  # fmt: skip
    app.add_page(sms_admin_view.sms_page, route=routes.STAFF_SMS, title=sms_admin_view.TITLE,
                 on_load=StaffSmsState.on_load)  # fmt: skip
