"""Home page (/): what MBS is, and the muhtar's two entry points.

The wording follows the system's own description: muhtars file their requests
here, follow each one's stage, and get an SMS at every stage.
"""

import reflex as rx

from mbs.core.settings import central_unit_name
from mbs.ui import routes
from mbs.ui.layout import APP_NAME, link, page_frame

TITLE = APP_NAME
DESCRIPTION = (
    "Muhtarların köy ve mahalleleriyle ilgili istek, görüş, öneri ve şikâyetlerini "
    "iletip takip ettiği sistem."
)


def _entry(label: str, hint: str, href: str, *, primary: bool = False) -> rx.Component:
    # One big tap target per entry point: the whole card is the link.
    return link(
        rx.el.span(label, class_name="entry-label"),
        rx.el.span(hint, class_name="entry-hint"),
        href=href,
        class_name="entry entry-primary" if primary else "entry",
    )


def _how_it_works() -> rx.Component:
    central = central_unit_name()
    return rx.el.section(
        rx.el.h2("Nasıl işler?", id="nasil-isler"),
        rx.el.ol(
            rx.el.li(
                "BAŞVURU ile TC Kimlik Numaranız ve adınızla giriş yapar, cep telefonunuza "
                "gelen onay koduyla talebinizi girersiniz."
            ),
            rx.el.li(f"{central} talebinizi okur ve ilgili valilik ya da belediyeye yönlendirir."),
            rx.el.li(f"Birimler gereğini yapar; {central} talebinizi sonuçlandırır."),
            class_name="steps",
        ),
        rx.el.p(
            "Talebinizin her aşaması cep telefonunuza SMS ile bildirilir.",
            class_name="notice",
        ),
        aria_labelledby="nasil-isler",
        class_name="how",
    )


def home_page() -> rx.Component:
    return page_frame(
        rx.el.h1(APP_NAME),
        rx.el.p(
            "Muhtarlarımız köy ve mahalleleriyle ilgili istek, görüş, öneri ve "
            "şikâyetlerini buradan iletir; her talebin hangi aşamada olduğunu izler.",
            class_name="lead",
        ),
        rx.el.nav(
            _entry("BAŞVURU", "Yeni talep girin", routes.MUHTAR_LOGIN, primary=True),
            _entry("TALEP SORGULAMA", "Taleplerinizin durumunu görün", routes.MUHTAR_REQUESTS),
            aria_label="Muhtar işlemleri",
            class_name="entries",
        ),
        _how_it_works(),
        footer=link("Kurum kullanıcı girişi", href=routes.STAFF_LOGIN),
    )
