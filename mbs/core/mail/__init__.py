"""Corporate e-mail.

Addresses: addresses.py (the local part from a name), accounts.py (one mailbox per
muhtar, kept for life), preferences.py (the muhtar's choice), export.py (CSV, Postfix,
Dovecot). Notifications: compose.py and letters.py (the Turkish texts), queue.py and
digest.py (into the outbox, in the caller's transaction), rows.py, transport.py and
sender.py (delivery by SMTP, at most once). Settings: config.py.
"""
