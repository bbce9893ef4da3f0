"""On Talep Sorgulama: the muhtar's corporate e-mail address, and the choice to get
the notifications there as well as by SMS (mbs/core/mail/preferences.py decides and
audits)."""

import reflex as rx

from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.mail.preferences import MailChoice, mail_choice, set_email_notifications
from mbs.ui.muhtar.parts import message
from mbs.ui.muhtar.session import Events, MuhtarSessionMixin

SAVED_ON = "Bildirimler kurumsal e-posta adresinize de gönderilecek."
SAVED_OFF = "Bildirimler yalnızca SMS ile gönderilecek."


class MuhtarMailState(MuhtarSessionMixin, rx.State):
    address: str = ""
    notify: bool = False
    saved: str = ""
    error: str = ""

    def _show(self, choice: MailChoice) -> None:
        self.address, self.notify, self.error = choice.address, choice.notify_by_email, ""

    @rx.event
    async def on_load(self) -> Events:
        self.saved = ""
        try:
            choice = await self._as_muhtar(
                lambda session, actor: mail_choice(session=session, actor=actor)
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.error = problem.message
            return None
        self._show(choice)
        return None

    @rx.event
    async def set_notify(self, enabled: bool) -> Events:
        wanted = enabled is True  # whatever a client sends, only a real true turns it on
        try:
            choice = await self._as_muhtar(
                lambda session, actor: set_email_notifications(
                    session=session, actor=actor, enabled=wanted
                )
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.error = problem.message
            return None
        self._show(choice)
        self.saved = SAVED_ON if choice.notify_by_email else SAVED_OFF
        return None


def mail_choice_panel() -> rx.Component:
    state = MuhtarMailState
    return rx.cond(
        state.address != "",
        rx.el.section(
            rx.el.h2("Kurumsal e-posta", id="kurumsal-eposta"),
            rx.el.p("Adresiniz: ", rx.el.strong(state.address, class_name="m-address")),
            rx.el.label(
                rx.el.input(
                    type="checkbox",
                    id="eposta_bildirim",
                    checked=state.notify,
                    on_change=state.set_notify,
                ),
                rx.el.span("Bildirimleri kurumsal e-posta adresime de gönder"),
                class_name="m-choice",
            ),
            message(state.saved, kind="info"),
            message(state.error),
            aria_labelledby="kurumsal-eposta",
            class_name="m-card",
        ),
    )
