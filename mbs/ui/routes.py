"""URL paths of the app, in one place so links and pages never drift apart.

Routes with parameters get a builder function next to their constant.
"""

HOME = "/"

# The muhtar's two entry points, named by the source documents (BAŞVURU, TALEP SORGULAMA).
MUHTAR_LOGIN = "/basvuru"
MUHTAR_REQUESTS = "/talep-sorgulama"

STAFF_LOGIN = "/kurum/giris"
