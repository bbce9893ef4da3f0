"""URL paths of the app, in one place so links and pages never drift apart.

Routes with parameters get a builder function next to their constant.
"""

HOME = "/"

# The muhtar's two entry points, named by the source documents (BAŞVURU, TALEP SORGULAMA).
MUHTAR_LOGIN = "/basvuru"
MUHTAR_REQUESTS = "/talep-sorgulama"

STAFF_LOGIN = "/kurum/giris"

# The muhtar portal after login: the filing form and one request's page.
MUHTAR_NEW_REQUEST = "/basvuru/yeni"
MUHTAR_REQUEST = "/talep-sorgulama/[talep_id]"


def muhtar_request(request_id: object) -> str:
    # Formatted, not str(): a page passes a state Var, which formats into a reference
    # the browser fills in.
    return MUHTAR_REQUEST.replace("[talep_id]", f"{request_id}")


# A backend route (not a page): one attachment, after the session and core checks.
ATTACHMENT = "/api/ek/{attachment_id}"


def attachment(attachment_id: int) -> str:
    return ATTACHMENT.format(attachment_id=attachment_id)


# A backend route for the SMS provider: Verimor pushes delivery reports here.
SMS_VERIMOR_REPORTS = "/api/sms/verimor/rapor"


# Talep Yönetim Portalı (staff), after login.
STAFF_INBOX = "/kurum"
STAFF_COMPLETED = "/kurum/tamamlanan"
STAFF_VIEWS = "/kurum/gorunumler"
STAFF_REQUEST = "/kurum/talep/[talep_id]"
STAFF_USERS = "/kurum/kullanicilar"
STAFF_SMS = "/kurum/sms"
# İş Zekası Portalı (statistics): Genel, İller, Birimler, Kırtasiye tasarrufu.
STAFF_STATS = "/kurum/istatistik"
STAFF_STATS_PLACES = "/kurum/istatistik/iller"
STAFF_STATS_UNITS = "/kurum/istatistik/birimler"
STAFF_STATS_SAVINGS = "/kurum/istatistik/kirtasiye"


def staff_request(request_id: int | str) -> str:
    return STAFF_REQUEST.replace("[talep_id]", str(request_id))
