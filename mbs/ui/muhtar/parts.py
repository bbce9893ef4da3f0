"""Building blocks shared by the muhtar pages: the frame with the muhtar's menu,
labelled fields with their error next to them, and messages."""

import reflex as rx

from mbs.ui import routes
from mbs.ui.layout import link, page_frame
from mbs.ui.muhtar.session import MuhtarSession


def muhtar_frame(*children: rx.Component) -> rx.Component:
    """A page behind the login: the content, then the muhtar's menu and Çıkış."""
    return page_frame(
        *children,
        footer=rx.el.nav(
            link("Yeni talep", href=routes.MUHTAR_NEW_REQUEST),
            link("Taleplerim", href=routes.MUHTAR_REQUESTS),
            rx.el.button(
                "Çıkış", type="button", class_name="m-link-button", on_click=MuhtarSession.logout
            ),
            aria_label="Muhtar menüsü",
            class_name="m-muhtar-menu",
        ),
    )


def message(text: rx.Var[str] | str, *, kind: str = "error") -> rx.Component:
    """A message box; errors are announced at once, the rest politely."""
    # The live region is always there, so a screen reader hears the text when it comes.
    return rx.el.div(
        text,
        role="alert" if kind == "error" else "status",
        class_name=rx.cond(text != "", f"m-message m-message-{kind}", "m-message-empty"),
    )


def field(
    label: str,
    control: rx.Component,
    *,
    for_id: str,
    error: rx.Var[str],
    hint: str = "",
) -> rx.Component:
    """A label, an optional hint, the control, and its error right under it. The
    control should point `aria-describedby` at `describedby(for_id, hint)`."""
    return rx.el.div(
        rx.el.label(label, html_for=for_id, class_name="m-label"),
        rx.el.p(hint, id=f"{for_id}-ipucu", class_name="m-hint") if hint else rx.fragment(),
        control,
        rx.el.p(error, id=f"{for_id}-hata", class_name="m-field-error"),
        class_name="m-field",
    )


def describedby(for_id: str, hint: bool = False) -> str:
    return f"{for_id}-ipucu {for_id}-hata" if hint else f"{for_id}-hata"


def invalid(error: rx.Var[str]) -> rx.Var[str]:
    return rx.cond(error != "", "true", "false")
